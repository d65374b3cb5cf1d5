import Foundation
import Language
import TensorCore

/// Tensors kept by the cell cache: element type, flags (mask, records gradients), shape and
/// the elements' bytes. A tensor made by a recorded operation, or holding a gradient, is not
/// kept: its history cannot be stored.
extension TensorValue: StorableHostValue {
    public var storedForm: StoredHostForm? {
        guard !tensor.isRecorded, tensor.gradient == nil else { return nil }
        var bytes = Data()
        bytes.append(UInt8(MemoryLayout<Scalar>.size))
        bytes.append((isMask ? 1 : 0) | (tensor.requiresGradient ? 2 : 0))
        TensorStorage.append(UInt64(shape.count), to: &bytes)
        for extent in shape { TensorStorage.append(UInt64(extent), to: &bytes) }
        tensor.scalars.withUnsafeBytes { bytes.append(contentsOf: $0) }
        return StoredHostForm(kind: TensorStorage.kind, bytes: bytes)
    }

    public var unstorableReason: String { "a tensor made by recorded operations, or holding a gradient" }

    /// Only tensors that record gradients change in place (optimisers step them);
    /// every other operation, `t[i] = v` included, makes a new tensor.
    public var isImmutable: Bool { !tensor.requiresGradient }

    /// The tensor `form` holds, if it is one of this element type with consistent sizes.
    static func restored(_ form: StoredHostForm) -> TensorValue? {
        let bytes = [UInt8](form.bytes)
        guard form.kind == TensorStorage.kind, bytes.count >= 10, Int(bytes[0]) == MemoryLayout<Scalar>.size, bytes[1] <= 3,
              let rank = TensorStorage.integer(in: bytes, at: 2), rank <= 64 else { return nil }
        var shape: [Int] = []
        for axis in 0..<rank {
            guard let extent = TensorStorage.integer(in: bytes, at: 10 + 8 * axis) else { return nil }
            shape.append(extent)
        }
        let start = 10 + 8 * rank
        guard let count = try? Shape.elementCount(shape), bytes.count - start == count * MemoryLayout<Scalar>.size else { return nil }
        // Copied, not bound: the elements start at an offset that need not be aligned.
        let scalars = [Scalar](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[start...]))
            }
            initialized = count
        }
        guard let tensor = try? Tensor(shape: shape, scalars: scalars) else { return nil }
        tensor.requiresGradient = bytes[1] & 2 != 0
        return TensorValue(tensor, isMask: bytes[1] & 1 != 0)
    }
}

/// The byte layout of a stored tensor.
enum TensorStorage {
    static let kind = "tensor"

    static func append(_ value: UInt64, to bytes: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// The little-endian integer at `offset`, if it is there and fits an Int.
    static func integer(in bytes: [UInt8], at offset: Int) -> Int? {
        guard offset >= 0, offset + 8 <= bytes.count else { return nil }
        var value: UInt64 = 0
        for index in (0..<8).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
        return value <= UInt64(Int.max) ? Int(value) : nil
    }
}

/// `reshape(p, shape(p))` and broadcasting may wrap the same tensor again: the tensor is what two names share.
extension TensorValue: HoldsChangingObjects {
    public var changingObjects: [ObjectIdentifier] { isImmutable ? [] : [ObjectIdentifier(tensor)] }
}
