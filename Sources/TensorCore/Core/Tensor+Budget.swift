import ResourceLimits

extension Tensor {
    /// Checks that the run's memory budget has room for `elements` more
    /// elements, before an operation makes them.
    @inline(__always)
    static func requireRoom(elements: Int, for operation: @autoclosure () -> String) throws {
        let (bytes, overflow) = elements.multipliedReportingOverflow(by: MemoryLayout<Scalar>.stride)
        try MemoryBudget.shared.requireRoom(overflow ? Int.max : bytes, for: operation())
    }

    /// The element count of a result of `shape`, after checking the shape
    /// (`Shape.elementCount`) and that the memory budget has room for it.
    @inline(__always)
    static func resultCount(_ shape: [Int], for operation: @autoclosure () -> String) throws -> Int {
        let count = try Shape.elementCount(shape)
        try requireRoom(elements: count, for: operation())
        return count
    }
}
