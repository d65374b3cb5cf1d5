import Testing
@testable import TensorCore

/// NumPy's advanced indexing; the expected values are what NumPy 2.4 gives
/// for the same subscripts of `np.arange(24.).reshape(2, 3, 4)` (and of
/// `np.arange(12.).reshape(3, 4)` for assignment).
struct AdvancedIndexingTests {
    let x: T64
    let m: T64

    init() throws {
        x = try T64(shape: [2, 3, 4], scalars: (0..<24).map(Double.init))
        m = try T64(shape: [3, 4], scalars: (0..<12).map(Double.init))
    }

    private func positions(_ values: [Int], _ shape: [Int]? = nil) -> AdvancedIndex {
        .positions(values, shape: shape ?? [values.count])
    }

    private func mask(of tensor: T64, _ keep: (Double) -> Bool) -> AdvancedIndex {
        .mask(tensor.scalars.map(keep), shape: tensor.shape)
    }

    private func expect(_ result: T64, _ shape: [Int], _ values: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.shape == shape, sourceLocation: sourceLocation)
        #expect(result.scalars == values, sourceLocation: sourceLocation)
    }

    @Test func positionsAlongOneAxis() throws {
        expect(try x.indexed([.basic(.all), positions([2, 0])]), [2, 2, 4],
               [8, 9, 10, 11, 0, 1, 2, 3, 20, 21, 22, 23, 12, 13, 14, 15])
        expect(try x.indexed([.basic(.range(1, nil, nil)), positions([0, 0, 2])]), [1, 3, 4],
               [12, 13, 14, 15, 12, 13, 14, 15, 20, 21, 22, 23])
    }

    @Test func severalPositionTensorsBroadcastTogether() throws {
        expect(try x.indexed([positions([1, 0]), positions([2, 0])]), [2, 4], [20, 21, 22, 23, 0, 1, 2, 3])
        // (2, 1) with (2,): a (2, 2) table; not adjacent (a slice between), so it comes first.
        expect(try x.indexed([positions([1, 0], [2, 1]), .basic(.all), positions([0, 3])]), [2, 2, 3],
               [12, 16, 20, 15, 19, 23, 0, 4, 8, 3, 7, 11])
    }

    @Test func wholeNumbersCountAsAdvancedBesidePositions() throws {
        expect(try x.indexed([.basic(.at(0)), .basic(.all), positions([1, 3])]), [2, 3], [1, 5, 9, 3, 7, 11])
        expect(try x.indexed([.basic(.all), .basic(.at(1)), positions([0, -1])]), [2, 2], [4, 7, 16, 19])
    }

    @Test func masks() throws {
        let slab = try x.slice([.at(0)])
        expect(try x.indexed([.basic(.all), mask(of: slab) { $0 > 5 }]), [2, 6],
               [6, 7, 8, 9, 10, 11, 18, 19, 20, 21, 22, 23])
        expect(try x.indexed([mask(of: x) { $0.truncatingRemainder(dividingBy: 5) == 0 }]), [5], [0, 5, 10, 15, 20])
        expect(try m.indexed([mask(of: m) { $0 > 100 }]), [0], [])
    }

    @Test func assignment() throws {
        let column = try T64(shape: [3, 1], scalars: [-1, -2, -3])
        expect(try m.replacing([.basic(.all), positions([0, 2])], with: column), [3, 4],
               [-1, 1, -1, 3, -2, 5, -2, 7, -3, 9, -3, 11])
        expect(try m.replacing([mask(of: m) { $0.truncatingRemainder(dividingBy: 3) == 0 }], with: T64(0)), [3, 4],
               [0, 1, 2, 0, 4, 5, 0, 7, 8, 0, 10, 11])
        // Repeated positions: the last write wins.
        expect(try m.replacing([positions([0, 0, 2]), positions([1, 1, 3])], with: T64([7, 8, 9])), [3, 4],
               [0, 8, 2, 3, 4, 5, 6, 7, 8, 9, 10, 9])
    }

    @Test func errorsNameTheAxisAndIndex() throws {
        #expect(throws: TensorError.indexOutOfRange(3, axis: 1, size: 3)) { try x.indexed([.basic(.all), positions([0, 3])]) }
        #expect(throws: TensorError.indexOutOfRange(-3, axis: 0, size: 2)) { try x.indexed([positions([-3])]) }
        #expect(throws: TensorError.invalidArgument(operation: "index", reason: "a mask of shape (2,) does not match axis 1 of size 3")) {
            try x.indexed([.basic(.all), .mask([true, false], shape: [2])])
        }
        #expect(throws: TensorError.invalidArgument(operation: "index", reason: "a mask of shape (2, 2) does not match axes 0 to 1 of sizes (2, 3)")) {
            try x.indexed([.mask([true, false, true, true], shape: [2, 2])])
        }
        #expect(throws: TensorError.invalidArgument(operation: "index", reason: "the index tensors' shapes (2,), (3,) do not broadcast together")) {
            try x.indexed([positions([0, 1]), positions([0, 1, 2])])
        }
        #expect(throws: TensorError.invalidArgument(operation: "index", reason: "the subscript covers 4 axes of a tensor of rank 3")) {
            try x.indexed([.mask([Bool](repeating: true, count: 6), shape: [2, 3]), positions([0]), positions([0])])
        }
        #expect(throws: TensorError.shapeMismatch(operation: "index assignment", [3, 2], [3])) {
            try m.replacing([.basic(.all), positions([0, 2])], with: T64([1, 2, 3]))
        }
    }

    @Test func gradientsScatterAndAdd() throws {
        let input = try sample([3, 4], seed: 5)
        try checkGradients([input]) { try $0[0].indexed([positions([2, 0, 2]), .basic(.range(1, nil, nil))]) }
        try checkGradients([input]) { try $0[0].indexed([positions([0, 0, 1], [3, 1]), positions([3, 3])]) }
        try checkGradients([input]) { try $0[0].indexed([.mask(input.scalars.map { $0 > 0 }, shape: [3, 4])]) }
        try checkHigherOrder([input]) { try $0[0].indexed([.basic(.all), positions([1, 1, 3])]).raised(to: T64(3)) }
    }

    @Test func assignmentGradientsSkipOverwrittenValues() throws {
        let target = try sample([3, 4], seed: 6), value = try sample([3], seed: 7)
        try checkGradients([target, value]) { try $0[0].replacing([positions([0, 0, 2]), positions([1, 1, 3])], with: $0[1]) }
        try checkGradients([target, value]) { try $0[0].replacing([.basic(.all), positions([2, 0, 2])], with: $0[1].reshaped(to: [3, 1])) }
        let cube: (T64) throws -> T64 = { try $0.raised(to: T64(3)) }
        try checkHigherOrder([target, value]) {
            try cube($0[0].replacing([positions([1, 1, 0]), .basic(.all)], with: $0[1].reshaped(to: [3, 1]).multiplying($0[1][0])))
        }
    }
}

private extension T64 {
    subscript(_ i: Int) -> T64 { get throws { try slice([.at(i)]) } }
}
