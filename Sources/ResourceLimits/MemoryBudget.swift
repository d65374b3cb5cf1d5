import Synchronization

/// The memory a run may use for the data it computes with: tensor storage,
/// file buffers, figure scripts, parse structures. Each is accounted before
/// it is made, so that a notebook asking for too much gets a diagnostic at
/// its line instead of an allocation failure (a trap) or the kernel's OOM killer.
///
/// Tensors charge their storage when they are made and give it back when
/// they go; other work reserves room for a while (`reserve`). One budget
/// serves the whole process (a run, a REPL or kernel session).
public final class MemoryBudget: Sendable {
    /// The budget of this process: `dln run --memory-limit` sets its limit.
    public static let shared = MemoryBudget(limit: MachineMemory.defaultBudget)

    private let limitBytes: Atomic<Int>
    private let used: Atomic<Int>
    /// Storage shared by several tensors (a reshape or a copy of an array
    /// shares its buffer) is charged once: large buffers are counted by address.
    private let sharedBuffers = Mutex<[UInt: (bytes: Int, holders: Int)]>([:])

    /// Buffers at least this large are charged once however many tensors
    /// share them; smaller ones are charged per tensor (cheaper, and a
    /// small buffer counted twice costs little).
    public static let sharedBufferThreshold = 1 << 16

    /// What every object costs besides its elements (header, shape, links).
    public static let objectOverhead = 160

    public init(limit: Int) {
        limitBytes = Atomic(max(limit, 0))
        used = Atomic(0)
    }

    /// The most bytes that may be in use.
    public var limit: Int {
        get { limitBytes.load(ordering: .relaxed) }
        set { limitBytes.store(max(newValue, 0), ordering: .relaxed) }
    }

    /// The bytes accounted now.
    public var inUse: Int { used.load(ordering: .relaxed) }

    /// Whether more is in use than the limit allows (work that was accounted
    /// only after it was made went over it).
    public var isOverdrawn: Bool { inUse > limit }

    /// Throws when the process's heap as a whole (tensors and all the values
    /// that are not accounted one by one) has grown past the limit; cheap
    /// enough to call at most every few milliseconds (`HeapWatch`).
    public func requireHeapWithinLimit(for operation: @autoclosure () -> String) throws {
        let heap = ProcessHeap.bytesInUse
        if heap > limit { throw MemoryBudgetExceeded(operation: operation(), requested: 0, inUse: heap, limit: limit) }
    }

    /// Requests of at least this many bytes also count what the process's
    /// heap holds besides tensors (strings, lists): asking the allocator
    /// costs microseconds, nothing beside such an allocation.
    public static let heapCheckThreshold = 1 << 20

    /// Checks that `bytes` more fit in the budget, for `operation`; throws
    /// `MemoryBudgetExceeded` when they do not.
    @inline(__always)
    public func requireRoom(_ bytes: Int, for operation: @autoclosure () -> String) throws {
        var inUse = used.load(ordering: .relaxed)
        if bytes >= Self.heapCheckThreshold { inUse = max(inUse, ProcessHeap.bytesInUse) }
        let (total, overflow) = inUse.addingReportingOverflow(max(bytes, 0))
        if overflow || total > limit {
            throw MemoryBudgetExceeded(operation: operation(), requested: bytes, inUse: inUse, limit: limit)
        }
    }

    /// Checks room for `bytes`, then keeps them charged while `body` runs
    /// (a file buffer, a figure script, tokens).
    public func reserving<T>(_ bytes: Int, for operation: @autoclosure () -> String,
                             _ body: () throws -> T) throws -> T {
        try requireRoom(bytes, for: operation())
        charge(bytes)
        defer { release(bytes) }
        return try body()
    }

    /// Adds `bytes` to what is in use, without a check: the memory exists already.
    @inline(__always)
    public func charge(_ bytes: Int) {
        used.wrappingAdd(bytes, ordering: .relaxed)
    }

    /// Gives back bytes charged before.
    @inline(__always)
    public func release(_ bytes: Int) {
        used.wrappingSubtract(bytes, ordering: .relaxed)
    }

    /// Charges a buffer of `bytes` at `address` held by one more object,
    /// once per buffer when it is large. Returns what `releaseBuffer` needs.
    @inline(__always)
    public func chargeBuffer(at address: UInt, bytes: Int) -> BufferCharge {
        guard bytes >= Self.sharedBufferThreshold, address != 0 else {
            charge(bytes + Self.objectOverhead)
            return BufferCharge(address: 0, bytes: bytes)
        }
        let isNew = sharedBuffers.withLock { buffers -> Bool in
            if let entry = buffers[address] {
                buffers[address] = (entry.bytes, entry.holders + 1)
                return false
            }
            buffers[address] = (bytes, 1)
            return true
        }
        charge((isNew ? bytes : 0) + Self.objectOverhead)
        return BufferCharge(address: address, bytes: bytes)
    }

    /// Gives back what `chargeBuffer` charged.
    @inline(__always)
    public func releaseBuffer(_ charge: BufferCharge) {
        guard charge.address != 0 else {
            release(charge.bytes + Self.objectOverhead)
            return
        }
        let freed = sharedBuffers.withLock { buffers -> Int in
            guard let entry = buffers[charge.address] else { return 0 }
            if entry.holders > 1 {
                buffers[charge.address] = (entry.bytes, entry.holders - 1)
                return 0
            }
            buffers[charge.address] = nil
            return entry.bytes
        }
        release(freed + Self.objectOverhead)
    }
}

/// What one object's storage charged: the buffer's address when it is
/// counted once for all its holders, else 0.
public struct BufferCharge: Sendable {
    let address: UInt
    let bytes: Int
}
