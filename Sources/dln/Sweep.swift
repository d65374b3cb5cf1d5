import ArgumentParser
import Console
import Foundation
import Library
import ResourceLimits
import Sweeps
import StandardStreams

/// `dln sweep NOTEBOOK --grid name=v1,v2,…`: a grid of parameters, locally or as a Slurm job array.
struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a notebook for every point of a grid of parameters, here or as a Slurm job array.",
        discussion: """
            Each point runs as 'dln run NOTEBOOK --set name=value …' into OUT/points/<point>/, \
            --jobs at a time; points already made from the same inputs are skipped, so an \
            interrupted sweep finishes only what is missing. The results — parameters, status, \
            duration and every value the notebook marks with record("name", value) — go to \
            OUT/results.csv and OUT/results.json, with a summary figure OUT/summary.svg. \
            With --slurm the sweep becomes a job array and a gather job (docs/sweeps.md).

            Exit status: 0 when every point passed; 1 when a point failed; 2 for usage errors; \
            130/143 when interrupted.
            """)

    @ArgumentParser.Argument(help: ArgumentHelp("The notebook (.dln) to sweep.", valueName: "notebook"))
    var notebook: String?

    @Option(name: .customLong("grid"), help: ArgumentHelp(
        "A parameter of the notebook's 'parameters' cell and its values (repeatable; the points are every combination).",
        valueName: "name=v1,v2,…"))
    var grids: [String] = []

    @Option(help: ArgumentHelp("A file with one point per line, 'name=value name=value' (instead of --grid).", valueName: "file"))
    var points: String?

    @Option(help: ArgumentHelp("Run every point with seed = 1 … N.", valueName: "n"))
    var seeds: Int?

    @Option(name: .customLong("set"), help: ArgumentHelp("A parameter value every point gets (repeatable).", valueName: "name=value"))
    var fixed: [String] = []

    @Option(help: ArgumentHelp("How many points run at once (default: the number of cores; with --slurm: no limit).", valueName: "n"))
    var jobs: Int?

    @Option(help: ArgumentHelp("The sweep's folder (default: sweeps/<notebook>).", valueName: "dir"))
    var out: String?

    @Flag(help: "Run every point, even those up to date.")
    var force = false

    @Option(help: ArgumentHelp("Tensor precision in bits for every point: 32 or 64.", valueName: "32|64"))
    var precision: String?

    @Option(help: ArgumentHelp("The result the summary figure shows (default: the first numeric one).", valueName: "result"))
    var plot: String?

    @Option(help: ArgumentHelp("The parameter on the figure's x axis (default: the first with several numeric values).", valueName: "parameter"))
    var against: String?

    @Option(name: .customLong("lines-by"), help: ArgumentHelp("One line per value of this parameter (default: the next swept one).", valueName: "parameter"))
    var linesBy: String?

    @Option(help: ArgumentHelp("Gather the results of the sweep in this folder (after a Slurm run, or by hand).", valueName: "dir"))
    var gather: String?

    @Option(help: ArgumentHelp(visibility: .hidden))
    var task: Int?

    @OptionGroup(title: "Slurm") var slurm: SlurmOptions

    @OptionGroup var memoryLimit: MemoryLimitOption

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs expects a positive number, got \(jobs)") }
        if let seeds, seeds < 1 { throw ValidationError("--seeds expects a positive number, got \(seeds)") }
        for text in fixed where !text.contains("=") { throw ValidationError("--set expects name=value, got '\(text)'") }
        if let precision, Precision(name: precision) == nil {
            throw ValidationError("--precision must be 32 or 64, got '\(precision)'")
        }
        let modes = [notebook != nil, gather != nil, task != nil].filter { $0 }.count
        if modes != 1 { throw ValidationError("give a notebook to sweep, or --gather DIR (one of them)") }
        if task != nil && out == nil { throw ValidationError("--task needs --out DIR") }
        if !slurm.slurm, let flag = slurm.flagsGiven.first { throw ValidationError("\(flag) goes with --slurm") }
        try requireUTF8(("the notebook", notebook), ("--out", out), ("--points", points), ("--gather", gather))
    }

    func run() throws {
        do {
            let status: Int32
            if let gather {
                status = try SweepGathering.gather(folder: URL(fileURLWithPath: gather), say: Self.say)
            } else if let task, let out {
                status = try SweepTask.run(index: task, folder: URL(fileURLWithPath: out), executable: Figures.executable, say: Self.say)
            } else {
                status = try sweep()
            }
            if status != 0 { throw ExitCode(status) }
        } catch let error as SweepUsageError {
            StandardStream.write("dln sweep: \(error.description)\n", to: STDERR_FILENO)
            throw ExitCode(2)
        }
    }

    private func sweep() throws -> Int32 {
        let notebookURL = URL(fileURLWithPath: notebook ?? "")
        let folder = URL(fileURLWithPath: out ?? "sweeps/" + notebookURL.deletingPathExtension().lastPathComponent)
        let resources = slurm.resources(jobs: jobs)
        if slurm.slurm { try SlurmJob.check(folder: folder, resources: resources) }
        let specification = GridSpecification(grids: grids, pointsFile: points.map { URL(fileURLWithPath: $0) }, seeds: seeds)
        let plan = try SweepSetup.prepare(notebook: notebookURL, specification: specification, fixed: fixed,
                                          runArguments: precision.map { ["--precision", $0] } ?? [],
                                          figure: FigureChoice(result: plot, x: against, lines: linesBy),
                                          version: DLN.version, folder: folder)
        if slurm.slurm { return try submit(plan, folder: folder, resources: resources) }
        let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let resourceArguments = ["--memory-limit", String(memoryLimit.bytes ?? MachineMemory.defaultBudget / max(jobs, 1))]
        let sweep = LocalSweep(plan: plan, folder: folder, executable: Figures.executable, jobs: jobs, force: force,
                               resourceArguments: resourceArguments)
        let monitor = InterruptMonitor { [weak sweep] number in sweep?.interrupt(number) }
        let status = try sweep.run()
        monitor.stop()
        if status > 128 {
            Self.say("interrupted: points that finished are kept; run the same command again to finish the rest")
            return status
        }
        return max(status, try SweepGathering.gather(folder: folder, say: Self.say))
    }

    private func submit(_ plan: SweepPlan, folder: URL, resources: SlurmJob.Resources) throws -> Int32 {
        let job = SlurmJob(folder: folder, plan: plan, executable: Figures.executable, resources: resources)
        do {
            try job.writeScripts()
        } catch {
            throw SweepUsageError("cannot write the Slurm scripts into '\(folder.relativePath)': \(error)")
        }
        guard slurm.submit else {
            print("wrote \(job.arrayScript.path) (\(plan.points.count) tasks) and \(job.gatherScript.path); submit them with")
            print(job.submitCommands)
            return 0
        }
        let ids = try job.submit()
        print("submitted array job \(ids.array) (\(plan.points.count) tasks) and gather job \(ids.gather)")
        print("results: \(folder.appendingPathComponent(SweepGathering.csvName).path) once job \(ids.gather) has ended")
        return 0
    }

    /// Prints a line of the sweep's own on standard error, beside the progress display.
    private static let say: @Sendable (String) -> Void = { line in
        StandardStream.write(line + "\n", to: STDERR_FILENO)
    }
}

/// `dln sweep --slurm …`: how the job array is written and submitted.
struct SlurmOptions: ParsableArguments {
    @Flag(help: "Write a Slurm job array and a gather job into the sweep's folder instead of running the points here.")
    var slurm = false

    @Flag(help: "With --slurm: submit both jobs with sbatch and print their ids.")
    var submit = false

    @Option(help: ArgumentHelp("With --slurm: each task's time limit (sbatch --time).", valueName: "time"))
    var time: String?

    @Option(help: ArgumentHelp("With --slurm: each task's memory (sbatch --mem), e.g. 4G.", valueName: "size"))
    var mem: String?

    @Option(name: .customLong("cpus-per-task"), help: ArgumentHelp("With --slurm: cores per task; the engine uses as many threads.", valueName: "n"))
    var cpus: Int = 1

    @Option(help: ArgumentHelp("With --slurm: the partition (sbatch --partition).", valueName: "name"))
    var partition: String?

    @Option(name: .customLong("slurm-option"), parsing: .unconditionalSingleValue, help: ArgumentHelp(
        "With --slurm: another sbatch option for both jobs, e.g. --slurm-option=--account=course (repeatable).", valueName: "option"))
    var options: [String] = []

    /// The Slurm flags given, which mean nothing without --slurm.
    var flagsGiven: [String] {
        [("--submit", submit), ("--time", time != nil), ("--mem", mem != nil), ("--cpus-per-task", cpus != 1),
         ("--partition", partition != nil), ("--slurm-option", !options.isEmpty)].filter(\.1).map(\.0)
    }

    func resources(jobs: Int?) -> SlurmJob.Resources {
        var resources = SlurmJob.Resources()
        resources.time = time
        resources.memory = mem
        resources.cpus = cpus
        resources.partition = partition
        resources.maxRunning = jobs
        resources.options = options
        return resources
    }
}
