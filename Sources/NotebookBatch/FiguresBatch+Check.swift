import Foundation

extension FiguresBatch {
    /// `--check`: runs nothing; lists the notebooks whose figures are out of
    /// date, with why, and returns 1 if there are any, else 0.
    ///
    /// - Throws: `FiguresUsageError` when the notebooks folder cannot be listed.
    public static func check(_ options: FiguresOptions) throws -> Int32 {
        let plan = try BatchPlan(options: options)
        let stale = plan.stale
        for entry in stale {
            print("\(entry.job.name): out of date (\(entry.reasons.joined(separator: ", ")))")
        }
        if stale.isEmpty {
            print("\(plan.entries.count) notebooks: figures up to date")
            return 0
        }
        print("\(stale.count) of \(plan.entries.count) notebooks out of date; run dln figures")
        return 1
    }
}
