import Foundation
import Language
import Testing
@testable import Library

/// The lecture's figures, declared in dln and drawn by the real gnuplot.
@Suite("Figure declarations", .serialized)
struct FigureDeclarationTests {
    @Test func shallowNetworkAsAThreeByThreeGrid() {
        let run = FigureHarness()
        var panels = ""
        for (row, name) in [(0, "pre"), (1, "h"), (2, "weighted")].map({ ($0.0, $0.1) }) {
            for unit in 0..<3 {
                let label = ["pre": "pre-activation", "h": "activation", "weighted": "weighted activation"][name] ?? name
                panels += """
                  panel "\(label) \(unit + 1)" (yrange: [-1, 1]) {
                    line x, \(name)[\(unit)], colour: \(unit)
                    hline 0
                  }

                """
                _ = row
            }
        }
        let problem = run.run(shallowNetwork + """
        figure "shallow_units" (layout: 3x3, xlabel: "x", title: "three hidden units") {
        \(panels)}
        """)
        #expect(problem == nil, "\(problem?.message ?? "")")
        #expect(run.svgSize("shallow_units.svg").map { [$0.0, $0.1] } == [1260, 900])
        let script = run.text("shallow_units.gp")
        #expect(script.contains("set multiplot layout 3,3 rowsfirst title 'three hidden units'"))
        #expect(script.components(separatedBy: "\nplot ").count - 1 == 9)
        #expect(run.pathCount("shallow_units.svg") > 30)
    }

    @Test func outputWithItsLinearRegionsShaded() {
        let run = FigureHarness()
        let problem = run.run(shallowNetwork + """
        joints = -theta0 / theta1
        figure "shallow_regions" (xrange: [0, 1], legend: "top left") {
          regions joints, labels: list("a", "b", "c", "d")
          line x, y, title: "output", width: 3
          vline joints[0]
          text "joint", 0.31, 1.0
          arrow 0.1, 0.5, 0.29, 0.2
        }
        """)
        #expect(problem == nil, "\(problem?.message ?? "")")
        let script = run.text("shallow_regions.gp")
        #expect(script.components(separatedBy: "set object rect").count - 1 == 4)
        #expect(script.contains("set arrow"))
        #expect(run.exists("shallow_regions.svg"))
    }

    @Test func heatmapOfAFunctionOfTwoVariables() {
        let run = FigureHarness()
        // Vectorisable: called once on the meshgrid.
        let problem = run.run("""
        fn net(a, b) {
          print("call")
          0.5 * relu(a + b) - relu(a - 0.5 * b) + 0.2
        }
        figure "heat" (xlabel: "x1", ylabel: "x2", aspect: "square") {
          heatmap linspace(-1, 1, 41), linspace(-1, 1, 31), net
          contour linspace(-1, 1, 41), linspace(-1, 1, 31), (a, b) -> net(a, b), levels: [0, 0.2, 0.4]
        }
        """)
        #expect(problem == nil, "\(problem?.message ?? "")")
        #expect(run.exists("heat.svg"))
        let script = run.text("heat.gp")
        #expect(script.contains("with image"))
        // One call on the grid and four checks at single points, for each of the two series.
        #expect(run.sink.printed.components(separatedBy: "call").count - 1 == 10)
        // Not vectorisable (an `if` on a tensor): evaluated point by point.
        // (Functions cannot rebind globals, so calls are counted by what they print.)
        let printedBefore = run.sink.printed.components(separatedBy: "bump").count - 1
        let pointwise = run.run("""
        fn bump(a, b) {
          print("bump")
          if a * a + b * b < 0.5 { 1 } else { 0 }
        }
        figure "disc" { heatmap linspace(-1, 1, 21), linspace(-1, 1, 21), bump }
        """)
        #expect(pointwise == nil, "\(pointwise?.message ?? "")")
        #expect(run.sink.printed.components(separatedBy: "bump").count - 1 - printedBefore == 1 + 21 * 21)
        let data = run.text("disc.gp")
        #expect(data.contains("with image"))
        #expect(run.exists("disc.svg"))
    }

    @Test func gridFromATensorAndASurface() {
        let run = FigureHarness()
        let problem = run.run("""
        xs = linspace(0, 1, 3)
        ys = linspace(0, 2, 2)
        figure "grid" (layout: 1x2) {
          panel "heat" { heatmap xs, ys, [1, 2, 3; 4, 5, 6] }
          panel "surface" (zlabel: "z") { surface xs, ys, (a, b) -> a * b }
        }
        """)
        #expect(problem == nil, "\(problem?.message ?? "")")
        #expect(run.exists("grid.svg"))
    }

    @Test func lossCurveFromATrainingHistory() {
        let run = FigureHarness()
        let problem = run.run("""
        run = {history: {epoch: [1, 2, 3, 4], loss: [1.0, 0.5, 0.3, 0.2], val_loss: [1.1, 0.7, 0.5, 0.45], accuracy: [0.1, 0.5, 0.7, 0.8]}}
        figure "training" (ylog: true) { loss run }
        figure "accuracy" { curve run.history.accuracy, title: "accuracy" }
        """)
        #expect(problem == nil, "\(problem?.message ?? "")")
        let script = run.text("training.gp")
        #expect(script.contains("'loss'") && script.contains("'val_loss'"))
        #expect(script.contains("set xlabel 'epoch'"))
        #expect(!script.contains("accuracy"))
        #expect(run.exists("accuracy.svg"))
    }

    @Test func scatterWithClassesAndBand() {
        let run = FigureHarness()
        let problem = run.run("""
        x = linspace(0, 1, 6)
        figure "classes" (legend: "outside", grid: false) {
          band x, x - 0.1, x + 0.1, title: "±0.1", colour: "sky"
          scatter x, x, classes: [0, 1, 0, 1, 2, 2], names: list("zero", "one", "two")
          line x, x, dash: "dashed", colour: "#000000"
        }
        """)
        #expect(problem == nil, "\(problem?.message ?? "")")
        let script = run.text("classes.gp")
        #expect(script.contains("'zero'") && script.contains("'two'"))
        #expect(run.exists("classes.svg"))
    }

    @Test func everyDocumentedColourNameWorks() {
        let names = ["blue", "vermillion", "green", "orange", "purple", "sky", "black", "yellow", "red",
                     "white", "grey", "gray", "light grey", "dark grey", "Light-Gray", "#FFFFFF", "#00ff00"]
        for name in names {
            let run = FigureHarness()
            let problem = run.run("figure \"c\" { line [0, 1], [0, 1], colour: \"\(name)\"\n hline 0.5, colour: \"\(name)\" }")
            #expect(problem == nil, "\(name): \(problem?.message ?? "")")
        }
        let run = FigureHarness()
        #expect(run.run("figure \"c\" { line [0, 1], [0, 1], colour: \"white\", width: 3 }") == nil)
        #expect(run.text("c.gp").contains("lc rgb '#FFFFFF'"))
    }

    @Test func textTakesColourAndSize() {
        let run = FigureHarness()
        #expect(run.run("""
        figure "numbers" {
          heatmap [0, 1], [0, 1], [0, 1; 2, 3]
          text "0", 0, 0, align: "centre", colour: "white", size: 16
          text "3", 1, 1, colour: 2
        }
        """) == nil)
        let script = run.text("numbers.gp")
        #expect(script.contains("set label '0' at first 0, first 0 center font ',16' front textcolor rgb '#FFFFFF'"))
        #expect(script.contains("set label '3' at first 1, first 1 left front textcolor rgb '#009E73'"))
        let bad = FigureHarness()
        #expect(bad.run("figure \"t\" { line [0, 1], [0, 1]\n text \"x\", 0, 0, size: 500 }")?.message
                == "figure 't': text: size must be 1 to 200 points, got 500")
    }

    @Test func yreversePutsRowZeroAtTheTop() {
        let run = FigureHarness()
        #expect(run.run("""
        figure "image" (yreverse: true, xreverse: false) {
          heatmap [0, 1, 2], [0, 1], [1, 2, 3; 4, 5, 6]
        }
        figure "fixed" (yreverse: true, yrange: [-0.5, 1.5]) {
          heatmap [0, 1, 2], [0, 1], [1, 2, 3; 4, 5, 6]
        }
        """) == nil)
        #expect(run.text("image.gp").contains("set yrange [*:*] reverse\n"))
        #expect(!run.text("image.gp").contains("set xrange"))
        #expect(run.text("fixed.gp").contains("set yrange [1.5:-0.5]\n"))
        #expect(run.exists("image.svg") && run.exists("fixed.svg"))
    }

    @Test func matrixIsDrawnAsWrittenWithItsValues() {
        let run = FigureHarness()
        #expect(run.run("""
        counts = [5, 1; 0, 7]
        figure "m" (style: "paper") {
          matrix log(1 + counts), labels: counts, xnames: list("a", "b")
          note "remark", corner: "bottom left"
        }
        figure "regions" { heatmap [0, 1], [0, 1], [0, 1; 1, 1], classes: true, names: list("no", "yes") }
        """) == nil)
        let script = run.text("m.gp")
        #expect(script.contains("set yrange [1.5:-0.5]\n"))   // row 0 at the top
        #expect(script.contains("set xtics ('a' 0, 'b' 1)"))
        #expect(script.contains("nonuniform matrix with image pixels notitle"))
        #expect(script.contains("with labels textcolor rgb variable"))
        #expect(script.contains("font 'sans-serif,10' linewidth 0.75"))
        #expect(script.contains("set label 'remark' at graph 0.02, graph 0.04 left front boxed"))
        #expect(run.text("regions.gp").contains("set cbtics scale 0 ('no' 0, 'yes' 1)"))
        let bad = FigureHarness()
        #expect(bad.run("figure \"b\" { matrix [1, 2, 3] }")?.message.contains("two axes") == true)
        #expect(bad.run("figure \"c\" { heatmap [0, 1], [0, 1], [0, 0.5; 1, 1], classes: true }")?.message.contains("whole numbers") == true)
        #expect(bad.run("figure \"d\" (style: \"poster\") { line [0, 1], [0, 1] }")?.message.contains("style") == true)
    }

    @Test func scriptSnapshot() throws {
        let run = FigureHarness()
        #expect(run.run("""
        figure "snap" (xlabel: "x", ylabel: "y", size: 400x300, legend: "top left") {
          line [0, 1, 2], [0, 1, 4], title: "square", colour: "vermillion"
          hline 1
        }
        """) == nil)
        #expect(run.text("snap.gp") == snapshot)
    }
}

/// The script of the snapshot figure, as committed.
private let snapshot = """
# gnuplot script for a dln figure
# Generated by dln; re-run with: gnuplot <this file>
reset
set encoding utf8
set terminal svg size 400,300 noenhanced font 'sans-serif,12' linewidth 1 background rgb 'white'
if (exists('dln_output')) { set output dln_output } else { set output 'snap.svg' }

$data0 << EOD
0 0
1 1
2 4
EOD


# panel 1
reset
set border 3 back lc rgb '#404040' lw 1
set tics nomirror out scale 0.6 textcolor rgb '#404040'
set grid back lc rgb '#E5E5E5' lw 1 dt solid
set colorbox
set xlabel 'x'
set ylabel 'y'
set palette defined (0 '#440154', 1 '#472C7A', 2 '#3B518B', 3 '#2C718E', 4 '#21908D', 5 '#27AD81', 6 '#5CC863', 7 '#AADC32', 8 '#FDE725')
set autoscale xfix
set autoscale yfix
set offsets 0, 0, graph 0.05, graph 0.05
set arrow from graph 0, first 1 to graph 1, first 1 nohead front lw 1 dt (8,4) lc rgb '#404040'
set key inside top left reverse Left samplen 2 spacing 1.1 nobox textcolor rgb '#404040'
plot $data0 using 1:2 with lines lw 2 dt solid lc rgb '#D55E00' title 'square'
unset output

"""
