extension Tensor {
    /// Whether the tensor was made by a recorded operation (so `backward()` would go
    /// through it to its inputs): such a tensor cannot be made again from its values.
    public var isRecorded: Bool { record != nil }
}
