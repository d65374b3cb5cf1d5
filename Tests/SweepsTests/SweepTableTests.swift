import Foundation
import Language
import Testing
@testable import Sweeps

@Suite("Results table")
struct SweepTableTests {
    let table = SweepTable(notebook: "/n.dln", parameters: ["lr", "depth"], results: ["loss", "note"], rows: [
        SweepRow(folder: "points/a", parameters: ["lr": "0.1", "depth": "1"], status: "passed", exitStatus: 0,
                 durationSeconds: 1.25, results: ["loss": .number(0.5), "note": .text("a, \"b\"")], error: nil),
        SweepRow(folder: "points/b", parameters: ["lr": "0.1", "depth": "2"], status: "failed", exitStatus: 1,
                 durationSeconds: 0.5, results: [:], error: "n.dln:3:1: error: expect failed"),
        SweepRow(folder: "points/c", parameters: ["lr": "1", "depth": "1"], status: "passed", exitStatus: 0,
                 durationSeconds: 2, results: ["loss": .number(2)], error: nil),
    ])

    @Test func csvHasOneRowPerPointWithQuotedFields() {
        #expect(table.csv == #"""
            lr,depth,status,duration_seconds,loss,note,error
            0.1,1,passed,1.25,0.5,"a, ""b""",
            0.1,2,failed,0.5,,,n.dln:3:1: error: expect failed
            1,1,passed,2,2,,

            """#)
    }

    @Test func resultsNamedLikeAColumnArePrefixed() {
        let clash = SweepTable(notebook: "/n.dln", parameters: ["lr"], results: ["lr", "status"], rows: [])
        #expect(clash.csv == "lr,status,duration_seconds,result:lr,result:status,error\n")
    }

    @Test func jsonRoundTripsNonFiniteNumbers() throws {
        var row = table.rows[0]
        row.results = ["loss": .number(.infinity), "bad": .number(.nan), "ok": .flag(true)]
        let data = try JSONEncoder().encode(row)
        let back = try JSONDecoder().decode(SweepRow.self, from: data)
        #expect(back.results["loss"] == .number(.infinity))
        #expect(back.results["bad"]?.number?.isNaN == true)
        #expect(back.results["ok"] == .flag(true))
        #expect(String(decoding: data, as: UTF8.self).contains("\"inf\""))
    }

    @Test func theFigureChoosesTheFirstNumericResultAndVaryingParameters() throws {
        let selection = try SummaryFigure.select(table, choice: FigureChoice(), note: { _ in })
        #expect(selection == SummaryFigure.Selection(result: "loss", x: "lr", lines: "depth"))
    }

    @Test func theFigureRefusesUnknownNames() {
        #expect(throws: SweepUsageError.self) { try SummaryFigure.select(table, choice: FigureChoice(result: "acc"), note: { _ in }) }
        #expect(throws: SweepUsageError.self) { try SummaryFigure.select(table, choice: FigureChoice(x: "width"), note: { _ in }) }
    }

    @Test func theFigureAveragesPointsThatShareTheirValuesAndLeavesOutFailures() {
        var rows = table.rows
        rows.append(SweepRow(folder: "points/d", parameters: ["lr": "0.1", "depth": "1"], status: "passed", exitStatus: 0,
                             durationSeconds: 1, results: ["loss": .number(1.5)], error: nil))
        let averaged = SweepTable(notebook: "/n.dln", parameters: ["lr", "depth"], results: ["loss"], rows: rows)
        let series = SummaryFigure.series(averaged, SummaryFigure.Selection(result: "loss", x: "lr", lines: "depth"))
        // depth = 1: a line and its markers through (0.1, mean of 0.5 and 1.5) and (1, 2); depth = 2 failed: no points.
        #expect(series.count == 2)
    }
}

@Suite("Slurm scripts")
struct SlurmScriptTests {
    let plan = SweepPlan(notebook: "/course/n.dln", points: [
        SweepPoint(settings: [.init(name: "epochs", value: "50")]),
        SweepPoint(settings: [.init(name: "epochs", value: "100")]),
        SweepPoint(settings: [.init(name: "epochs", value: "200")]),
    ], fixed: [], runArguments: [], figure: FigureChoice(), version: "1")

    @Test func theArrayHasATaskPerPointAndTheRequestedResources() {
        var resources = SlurmJob.Resources()
        resources.time = "10:00"
        resources.memory = "2G"
        resources.cpus = 2
        resources.maxRunning = 2
        resources.options = ["--account=course"]
        let job = SlurmJob(folder: URL(fileURLWithPath: "/scratch/sweep"), plan: plan,
                           executable: URL(fileURLWithPath: "/opt/dln"), resources: resources)
        let text = job.arrayText
        for line in ["#SBATCH --array=0-2%2", "#SBATCH --output=/scratch/sweep/logs/%A_%a.out", "#SBATCH --time=10:00",
                     "#SBATCH --mem=2G", "#SBATCH --cpus-per-task=2", "#SBATCH --account=course",
                     "exec '/opt/dln' sweep --task \"$SLURM_ARRAY_TASK_ID\" --out '/scratch/sweep'"] {
            #expect(text.contains(line + "\n"), "missing \(line)")
        }
        #expect(job.gatherText.contains("exec '/opt/dln' sweep --gather '/scratch/sweep'\n"))
        #expect(job.gatherText.contains("#SBATCH --account=course\n"))
        #expect(job.submitCommands.contains("--dependency=afterany:${array%%;*}"))
    }

    @Test(arguments: [
        ("/tmp/a b", SlurmJob.Resources()),
        ("/tmp/a%b", SlurmJob.Resources()),
    ])
    func foldersSbatchCannotCarryAreRefused(path: String, resources: SlurmJob.Resources) {
        #expect(throws: SweepUsageError.self) { try SlurmJob.check(folder: URL(fileURLWithPath: path), resources: resources) }
    }

    @Test func badResourcesAreRefused() {
        var time = SlurmJob.Resources()
        time.time = "1h"
        var memory = SlurmJob.Resources()
        memory.memory = "lots"
        var option = SlurmJob.Resources()
        option.options = ["account=x"]
        for resources in [time, memory, option] {
            #expect(throws: SweepUsageError.self) { try SlurmJob.check(folder: URL(fileURLWithPath: "/tmp/s"), resources: resources) }
        }
    }
}
