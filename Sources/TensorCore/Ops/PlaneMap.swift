/// A linear map of one [H, W] plane to another, as weighted (output pixel,
/// input pixel) pairs and one divisor applied to each output's sum: upsampling
/// is such a map, applied to every plane of [N, C, H, W] (average pooling, also
/// linear, walks its windows directly: `windowAverages`).
struct PlaneMap<Scalar: TensorScalar> {
    let inputPixels: Int
    let outputPixels: Int
    let outputPixel: [Int]
    let inputPixel: [Int]
    let weight: [Scalar]
    let divisor: Scalar

    /// The adjoint map, which carries a gradient back.
    var transposed: PlaneMap {
        PlaneMap(inputPixels: outputPixels, outputPixels: inputPixels, outputPixel: inputPixel, inputPixel: outputPixel,
                 weight: weight, divisor: divisor)
    }
}

extension Tensor {
    /// `map` applied to every plane of [N, C, H, W], giving `outputShape`.
    /// Its gradient is the transposed map, itself recorded: right to any order.
    func mappingPlanes(_ map: PlaneMap<Scalar>, outputShape: [Int], operation: String) throws -> Tensor {
        let planes = shape[0] * shape[1]
        var values = [Scalar](repeating: 0, count: try Self.resultCount(outputShape, for: operation))
        values.withUnsafeMutableBufferPointer { out in
            scalars.withUnsafeBufferPointer { x in
                for plane in 0..<planes {
                    let inBase = plane * map.inputPixels, outBase = plane * map.outputPixels
                    for e in 0..<map.weight.count {
                        out[outBase + map.outputPixel[e]] += map.weight[e] * x[inBase + map.inputPixel[e]]
                    }
                    if map.divisor != 1 {
                        for o in outBase..<(outBase + map.outputPixels) { out[o] /= map.divisor }
                    }
                }
            }
        }
        return .result(shape: outputShape, scalars: values, parents: [self], operation: operation, isDifferentiableTwice: true) {
            [shape] grad in [try grad.mappingPlanes(map.transposed, outputShape: shape, operation: operation)]
        }
    }
}
