extension Tensor {
    /// Each window's sum over one plane divided by `divisor` (the padding
    /// adds nothing): average pooling of self [N, C, H, W]. Linear: its
    /// gradient is `windowSpread`, itself recorded, so it differentiates to any order.
    func windowAverages(_ g: WindowGeometry, divisor: Scalar, operation: String) throws -> Tensor {
        let outShape = [g.batch, g.channels, g.outputHeight, g.outputWidth]
        let count = try Self.resultCount(outShape, for: operation)
        let values = ScalarBuffer.filledLikeInput(count: count) { (out: UnsafeMutablePointer<Scalar>) in
            out.update(repeating: 0, count: count)
            scalars.withUnsafeBufferPointer { x in
                guard let x = x.baseAddress else { return }
                let stride = g.stride.width
                for plane in 0..<(g.batch * g.channels) {
                    let source = x + plane * g.inputPixels, target = out + plane * g.outputPixels
                    // Each output adds its window's elements in row-major order.
                    WindowSpan.forEachRun(g) { output, input, count in
                        for i in 0..<count { target[output + i] += source[input + i &* stride] }
                    }
                    if divisor != 1 { for o in 0..<g.outputPixels { target[o] /= divisor } }
                }
            }
        }
        return .result(shape: outShape, scalars: values, parents: [self], operation: operation, isDifferentiableTwice: true) {
            [shape] grad in [try grad.windowSpread(g, divisor: divisor, inputShape: shape, operation: operation)]
        }
    }

    /// The adjoint of `windowAverages`: each output element of self
    /// [N, C, OH, OW] divided by `divisor` and added to every input element
    /// of its window, giving `inputShape`.
    func windowSpread(_ g: WindowGeometry, divisor: Scalar, inputShape: [Int], operation: String) throws -> Tensor {
        let count = try Self.resultCount(inputShape, for: operation)
        let values = ScalarBuffer.filledLikeInput(count: count) { (out: UnsafeMutablePointer<Scalar>) in
            out.update(repeating: 0, count: count)
            scalars.withUnsafeBufferPointer { grad in
                guard let grad = grad.baseAddress else { return }
                let stride = g.stride.width
                for plane in 0..<(g.batch * g.channels) {
                    let source = grad + plane * g.outputPixels, target = out + plane * g.inputPixels
                    WindowSpan.forEachRun(g) { output, input, count in
                        for i in 0..<count { target[input + i &* stride] += source[output + i] }
                    }
                    if divisor != 1 { for i in 0..<g.inputPixels { target[i] /= divisor } }
                }
            }
        }
        return .result(shape: inputShape, scalars: values, parents: [self], operation: operation, isDifferentiableTwice: true) {
            grad in [try grad.windowAverages(g, divisor: divisor, operation: operation)]
        }
    }
}
