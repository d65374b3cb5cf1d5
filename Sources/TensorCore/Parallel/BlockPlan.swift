/// A cut of `0..<count` into consecutive blocks that depends only on the
/// problem's shape, never on the thread count.
///
/// OpenBLAS does not promise that an element of C comes out the same when
/// the product it belongs to is cut differently (its kernels treat edge
/// tiles and small matrices their own way). So the engine fixes the cut
/// first and only then deals whole blocks out to threads: one thread makes
/// exactly the calls that many threads make between them.
public struct BlockPlan: Hashable, Sendable {
    /// The length of the axis that is cut.
    public let count: Int
    /// The number of blocks (at least 1).
    public let blocks: Int
    /// Every block but the last starts and ends at a multiple of it.
    public let alignment: Int

    /// The whole of `0..<count` as one block.
    static func whole(_ count: Int) -> BlockPlan {
        BlockPlan(count: count, blocks: 1, alignment: 1)
    }

    /// The range of block `block` (in `0..<blocks`).
    public func range(ofBlock block: Int) -> Range<Int> {
        guard blocks > 1 else { return 0..<count }
        let units = (count + alignment - 1) / alignment
        let start = min(count, units * block / blocks * alignment)
        let end = block == blocks - 1 ? count : min(count, units * (block + 1) / blocks * alignment)
        return start..<end
    }

    /// The most blocks a plan has: enough to keep up to eight threads evenly
    /// busy, few enough that one thread's extra calls (each packs the operand
    /// the blocks share again) cost little.
    static let maximumBlocks = 8

    /// The plan for `count` elements carrying `work` in all, with blocks of at
    /// least `minimumWork` and `minimumLength` elements — or two halves of at
    /// least `minimumHalf`, when longer blocks would leave the work whole.
    /// The number is the largest power of two that fits (a power of two
    /// shares evenly among 2, 4 or 8 threads).
    static func cutting(
        _ count: Int, work: Int, minimumWork: Int, minimumLength: Int, minimumHalf: Int, alignment: Int
    ) -> BlockPlan {
        let byWork = work / max(minimumWork, 1)
        let byLength = count / max(minimumLength, alignment, 1)
        let halves = count >= 2 * max(minimumHalf, alignment, 1) ? 2 : 1
        let limit = min(maximumBlocks, byWork, max(byLength, halves))
        guard limit >= 2 else { return .whole(count) }
        return BlockPlan(count: count, blocks: largestPowerOfTwo(notAbove: limit), alignment: alignment)
    }

    private static func largestPowerOfTwo(notAbove value: Int) -> Int {
        1 << (Int.bitWidth - 1 - value.leadingZeroBitCount)
    }
}

extension BlockPlan {
    /// Below this many multiply-adds (about 10 µs of one core) a block of a
    /// product is not worth a call of its own.
    static let productBlockWork = 1 << 19
    /// The fewest rows (or columns) of C in a block beyond two. Each block
    /// packs the operand the blocks share again: measured single-threaded
    /// (Haswell kernels), blocks of 64 rows cost about 9% more than one
    /// call, blocks of 256 about 3%.
    static let productBlockLength = 256
    /// The fewest rows (or columns) of C in each of two halves: a 128×128
    /// product still runs on two threads, while the gradient products of
    /// narrow layers (100 columns, k = 4000) stay one call.
    static let productHalfLength = 64
    /// Below this many elements a block of a pass over memory is not worth it.
    static let passBlockElements = 1 << 16

    /// The blocks of the `count` rows (or columns) of an m×k by k×n product,
    /// `count` being m (or n).
    public static func product(cutting count: Int, m: Int, n: Int, k: Int) -> BlockPlan {
        cutting(count, work: saturatingProduct(saturatingProduct(m, n), k), minimumWork: productBlockWork,
                minimumLength: productBlockLength, minimumHalf: productHalfLength, alignment: 16)
    }

    /// The blocks of the `count` rows (or columns, `alignment` 16) of a pass
    /// over `count × width` elements.
    public static func pass(cutting count: Int, width: Int, alignment: Int = 1) -> BlockPlan {
        cutting(count, work: saturatingProduct(count, max(width, 1)), minimumWork: passBlockElements,
                minimumLength: 1, minimumHalf: 1, alignment: alignment)
    }

    /// a·b, or `Int.max` when it overflows.
    private static func saturatingProduct(_ a: Int, _ b: Int) -> Int {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? .max : product
    }
}
