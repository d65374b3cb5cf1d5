import Testing
@testable import TensorCore

@Suite("Gradients of reductions, scans and sorting")
struct ReductionAndScanGradientTests {
    let x: T64, positive: T64

    init() throws {
        x = try sample([3, 4], seed: 51)
        positive = try sample([3, 4], seed: 52, low: 0.2, high: 3)
    }

    @Test func productsIncludingZeros() throws {
        let oneZero = try T64(rows: [[1.5, 0, -2], [0.5, 3, 0.7]])
        let twoZeros = try T64(rows: [[0, 2, 0], [1, 0, 0]])
        for input in [x, oneZero, twoZeros] {
            try checkGradients([input]) { try $0[0].prod() }
            for axis in [0, 1, -1] {
                try checkGradients([input]) { try $0[0].prod(alongAxis: axis) }
                try checkGradients([input]) { try $0[0].prod(alongAxis: axis, keepingDimension: true) }
            }
        }
    }

    @Test func varianceAndStandardDeviation() throws {
        for ddof in [0, 1] {
            try checkGradients([x]) { try $0[0].variance(ddof: ddof) }
            try checkGradients([x]) { try $0[0].standardDeviation(ddof: ddof) }
            for axis in [0, 1] {
                try checkGradients([x]) { try $0[0].variance(alongAxis: axis, ddof: ddof, keepingDimension: true) }
                try checkGradients([x]) { try $0[0].standardDeviation(alongAxis: axis, ddof: ddof) }
            }
        }
        try checkHigherOrder([x], order: 3) { try $0[0].variance(alongAxis: 1, ddof: 1) }
        try checkHigherOrder([x], order: 2) { try $0[0].standardDeviation(alongAxis: 0) }
    }

    @Test func scans() throws {
        let withZeros = try T64(rows: [[1.5, 0, -2, 0.5], [0, 3, 0, 0.7], [2, -1, 0.5, 1.2]])
        for axis in [nil, 0, 1] as [Int?] {
            try checkGradients([x]) { try $0[0].cumulativeSum(alongAxis: axis) }
            try checkGradients([x]) { try $0[0].cumulativeProduct(alongAxis: axis) }
            try checkGradients([withZeros]) { try $0[0].cumulativeProduct(alongAxis: axis) }
        }
        try checkHigherOrder([x], order: 2) { try $0[0].cumulativeSum(alongAxis: 1).multiplying($0[0]) }
    }

    @Test func differences() throws {
        for axis in [0, 1] {
            for order in [1, 2, 5] {
                try checkGradients([x]) { try $0[0].differences(alongAxis: axis, order: order) }
            }
        }
        try checkHigherOrder([x], order: 2) { try $0[0].differences(order: 2).multiplying($0[0].differences(order: 2)) }
    }

    @Test func sortSendsTheGradientBackToEachElement() throws {
        for axis in [0, 1] { try checkGradients([x]) { try $0[0].sorted(alongAxis: axis) } }
        try checkHigherOrder([x], order: 2) { try $0[0].sorted().multiplying($0[0].sorted()).exp() }
    }

    @Test func elementwiseFunctions() throws {
        try checkGradients([positive]) { try $0[0].log10() }
        try checkGradients([positive]) { try $0[0].log2() }
        try checkGradients([positive]) { try $0[0].log1p() }
        try checkGradients([x]) { try $0[0].log1p() }
        try checkGradients([x]) { try $0[0].expm1() }
        try checkGradients([x]) { try $0[0].sign() }
        for f: (T64) throws -> T64 in [{ try $0.log10() }, { try $0.log2() }, { try $0.log1p() }] {
            try checkHigherOrder([positive], order: 3) { try f($0[0]) }
        }
        try checkHigherOrder([x], order: 3) { try $0[0].expm1() }
    }

    @Test func hypotAndAtan2WithBroadcasting() throws {
        let y = try sample([4], seed: 53, low: 0.5, high: 2)
        try checkGradients([x, y]) { try $0[0].hypot($0[1]) }
        try checkGradients([x, y]) { try $0[0].atan2($0[1]) }
        try checkGradients([y, x]) { try $0[0].atan2($0[1]) }
        try checkHigherOrder([x, y], order: 2) { try $0[0].hypot($0[1]) }
        try checkHigherOrder([x, y], order: 2) { try $0[0].atan2($0[1]) }
    }

    @Test func gradientsAtTheOriginAreZero() throws {
        let zero = T64([0]), other = T64([0])
        zero.requiresGradient = true
        other.requiresGradient = true
        try zero.hypot(other).sum().backward()
        try zero.atan2(other).sum().backward()
        #expect(zero.gradient?.scalars == [0] && other.gradient?.scalars == [0])
    }

    @Test func kernelGradientsRefuseSecondDerivatives() throws {
        for f: (T64) throws -> T64 in [{ try $0.prod() }, { try $0.cumulativeProduct().sum() }] {
            let input = try sample([3], seed: 54)
            input.requiresGradient = true
            #expect(throws: TensorError.self) { try T64.gradients(of: f(input), withRespectTo: [input], createGraph: true) }
            _ = try T64.gradients(of: f(input), withRespectTo: [input], createGraph: false)
        }
    }
}
