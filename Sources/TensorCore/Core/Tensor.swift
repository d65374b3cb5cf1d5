import ResourceLimits

/// An n-dimensional array of `Float` or `Double`, stored contiguously in
/// row-major order, that can record the operations made from it so that
/// `backward()` can compute gradients.
///
/// Operations return new tensors; only optimisers change a tensor in place
/// (`update(_:)`), outside any recorded graph.
public final class Tensor<Scalar: TensorScalar> {
    /// The size of each axis, outermost first; `[]` for a scalar.
    public let shape: [Int]
    /// The elements in row-major order.
    public internal(set) var scalars: [Scalar]
    /// Whether gradients flow to this tensor: set it on parameters; results
    /// of recorded operations on such tensors have it too.
    public var requiresGradient: Bool
    /// The gradient accumulated by `backward()` (for tensors that require one
    /// and were not produced by a recorded operation).
    public internal(set) var gradient: Tensor?
    /// How this tensor was computed, when the operation was recorded.
    var record: GradientRecord<Scalar>?
    /// `backward()`'s working state, kept on the node so that a pass needs
    /// no dictionary or set keyed by identity: the gradient flowing into this
    /// node so far, and whether the traversal has reached it. Both are reset
    /// before `backward()` returns.
    var pendingGradient: Tensor?
    var isVisited = false
    /// `gradients(of:withRespectTo:…)`'s marks, reset before it returns:
    /// this tensor is one of the inputs (the pass stops here), and this
    /// tensor depends on one of them (its gradient is needed).
    var isDifferentiationPoint = false
    var leadsToDifferentiationPoint = false
    /// What the storage charged to the run's memory budget, given back in `deinit`.
    private let storageCharge: BufferCharge

    /// A tensor with the given shape and elements (no checks: internal use).
    init(uncheckedShape shape: [Int], scalars: [Scalar]) {
        self.shape = shape
        self.scalars = scalars
        self.requiresGradient = false
        let address = scalars.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        storageCharge = MemoryBudget.shared.chargeBuffer(at: address, bytes: scalars.count &* MemoryLayout<Scalar>.stride)
    }

    /// A tensor with the given shape and row-major elements.
    public convenience init(shape: [Int], scalars: [Scalar]) throws {
        let count = try Shape.elementCount(shape)
        guard count == scalars.count else {
            throw TensorError.invalidShape(shape, reason: "needs \(count) elements, got \(scalars.count)")
        }
        self.init(uncheckedShape: shape, scalars: scalars)
    }

    /// A rank-0 tensor holding one number.
    public convenience init(_ value: Scalar) {
        self.init(uncheckedShape: [], scalars: [value])
    }

    /// A rank-1 tensor.
    public convenience init(_ values: [Scalar]) {
        self.init(uncheckedShape: [values.count], scalars: values)
    }

    /// A rank-2 tensor from rows of equal length.
    public convenience init(rows: [[Scalar]]) throws {
        let width = rows.first?.count ?? 0
        guard rows.allSatisfy({ $0.count == width }) else {
            throw TensorError.invalidShape([rows.count, width], reason: "rows have different lengths")
        }
        self.init(uncheckedShape: [rows.count, width], scalars: rows.flatMap { $0 })
    }

    deinit {
        MemoryBudget.shared.releaseBuffer(storageCharge)
        guard var pending = record?.parents else { return }
        record = nil
        Self.releaseIteratively(&pending)
    }

    /// Releases a graph iteratively: letting each tensor release its parents
    /// recursively overflows the stack after ~10^5 operations. A separate,
    /// pre-specialised function because `deinit` runs unspecialised, and
    /// its array operations then looked up type metadata per tensor freed.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    /// `pending` must be the only reference to its array, so that tensors
    /// popped from it can be uniquely referenced.
    static func releaseIteratively(_ pending: inout [Tensor]) {
        while var tensor = pending.popLast() {
            if isKnownUniquelyReferenced(&tensor), let parents = tensor.record?.parents {
                tensor.record = nil
                pending.append(contentsOf: parents)
            }
        }
    }

    /// Whether this tensor is a trainable leaf: it requires a gradient and
    /// was not computed by a recorded operation (a parameter, `param(…)`).
    public var isTrainable: Bool { requiresGradient && record == nil }

    /// The number of axes.
    public var rank: Int { shape.count }
    /// The number of elements.
    public var count: Int { scalars.count }
    /// The element type's name: `float32` or `float64`.
    public var dtypeName: String { Scalar.dtypeName }

    /// The only element of a one-element tensor.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func scalarValue() throws -> Scalar {
        guard scalars.count == 1 else {
            throw TensorError.invalidArgument(operation: "scalar", reason: "tensor of shape \(Shape.describe(shape)) is not a single number")
        }
        return scalars[0]
    }

    /// The element at a full multi-index (negative indices count from the end).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func element(at indices: [Int]) throws -> Scalar {
        guard indices.count == rank else {
            throw TensorError.invalidArgument(operation: "element", reason: "\(indices.count) indices for a tensor of rank \(rank)")
        }
        var offset = 0
        for (axis, index) in indices.enumerated() {
            let i = try Self.resolve(index: index, axis: axis, size: shape[axis])
            offset = offset * shape[axis] + i
        }
        return scalars[offset]
    }

    static func resolve(index: Int, axis: Int, size: Int) throws -> Int {
        let i = index < 0 ? index + size : index
        guard i >= 0, i < size else { throw TensorError.indexOutOfRange(index, axis: axis, size: size) }
        return i
    }

    /// A copy that shares no graph with this tensor (`detach` in PyTorch).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func detached() -> Tensor {
        Tensor(uncheckedShape: shape, scalars: scalars)
    }

    /// Changes the elements in place, outside any recorded graph (optimisers).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func update(_ body: (inout [Scalar]) -> Void) {
        body(&scalars)
    }

    /// Replaces the elements with those of a tensor of the same shape.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func assign(_ other: Tensor) throws {
        guard other.shape == shape else { throw TensorError.shapeMismatch(operation: "assign", shape, other.shape) }
        scalars = other.scalars
    }

    /// Forgets the accumulated gradient.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func zeroGradient() {
        gradient = nil
    }

    /// The same values as a tensor of another element type.
    public func converted<Other: TensorScalar>(to: Other.Type = Other.self) -> Tensor<Other> {
        Tensor<Other>(uncheckedShape: shape, scalars: scalars.map { Other($0) })
    }
}
