import Testing
@testable import ResourceLimits

@Suite struct MemoryBudgetTests {
    @Test func roomIsCheckedAgainstWhatIsInUse() throws {
        let budget = MemoryBudget(limit: 1_000)
        try budget.requireRoom(1_000, for: "all of it")
        budget.charge(600)
        #expect(throws: MemoryBudgetExceeded(operation: "zeros", requested: 500, inUse: 600, limit: 1_000)) {
            try budget.requireRoom(500, for: "zeros")
        }
        budget.release(600)
        try budget.requireRoom(500, for: "zeros")
        #expect(budget.inUse == 0)
    }

    @Test func anOverflowingRequestIsRefused() {
        let budget = MemoryBudget(limit: 1_000)
        budget.charge(10)
        #expect(throws: MemoryBudgetExceeded.self) { try budget.requireRoom(Int.max, for: "huge") }
    }

    @Test func reservedBytesAreGivenBackWhenTheWorkEnds() throws {
        let budget = MemoryBudget(limit: 1_000)
        let inside = try budget.reserving(700, for: "a script") { budget.inUse }
        #expect(inside == 700)
        #expect(budget.inUse == 0)
        struct Failure: Error {}
        #expect(throws: Failure.self) { try budget.reserving(700, for: "a script") { throw Failure() } }
        #expect(budget.inUse == 0)
    }

    @Test func aLargeBufferSharedByTwoHoldersIsChargedOnce() {
        let budget = MemoryBudget(limit: 1 << 30)
        let bytes = MemoryBudget.sharedBufferThreshold * 4
        let first = budget.chargeBuffer(at: 0x1000, bytes: bytes)
        let second = budget.chargeBuffer(at: 0x1000, bytes: bytes)
        #expect(budget.inUse == bytes + 2 * MemoryBudget.objectOverhead)
        budget.releaseBuffer(first)
        #expect(budget.inUse == bytes + MemoryBudget.objectOverhead)
        budget.releaseBuffer(second)
        #expect(budget.inUse == 0)
    }

    @Test func smallBuffersAreChargedPerHolder() {
        let budget = MemoryBudget(limit: 1 << 30)
        let charges = (0..<3).map { _ in budget.chargeBuffer(at: 0x2000, bytes: 64) }
        #expect(budget.inUse == 3 * (64 + MemoryBudget.objectOverhead))
        charges.forEach(budget.releaseBuffer)
        #expect(budget.inUse == 0)
    }

    @Test func theMessageNamesTheOperationTheSizeAndTheBudget() {
        let error = MemoryBudgetExceeded(operation: "@", requested: 2_147_483_648, inUse: 1_500_000_000, limit: 3_000_000_000)
        #expect(error.description == "'@' needs 2.1 GB (2147483648 bytes) more, but 1.5 GB (1500000000 bytes) of the 3.0 GB (3000000000 bytes) memory budget are in use")
    }

    @Test(arguments: [
        ("4G", 4 << 30), ("512M", 512 << 20), ("1.5GB", 1_500_000_000), ("2000000000", 2_000_000_000),
        ("50%", 500), ("64 KiB", 65_536), ("1b", 1),
    ])
    func sizesAreParsed(text: String, bytes: Int) {
        #expect(ByteCount.parse(text, total: 1_000) == bytes)
    }

    @Test(arguments: ["", "G", "-1G", "0", "abc", "150%", "0%", "nanG", "1e30"])
    func nonsenseIsRefused(text: String) {
        #expect(ByteCount.parse(text, total: 1_000) == nil)
    }

    @Test func theDefaultLeavesRoomForTheRuntime() {
        let budget = MachineMemory.defaultBudget
        #expect(budget > 0)
        #expect(budget < MachineMemory.physical)
    }
}
