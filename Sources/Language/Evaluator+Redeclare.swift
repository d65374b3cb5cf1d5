/// Declarations made again without running their cell (the cell cache restores a
/// network into what its cell's `network` declaration makes).
extension Evaluator {
    /// Runs `declaration` in `environment`, binding what it declares there.
    public func redeclare(_ declaration: Declaration, in environment: Environment) throws {
        _ = try execute(.declaration(declaration), in: environment)
    }
}
