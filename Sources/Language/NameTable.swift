/// The bindings of one environment: names to values, in the order they were
/// first bound.
///
/// The evaluator looks names up on every use, and a `Dictionary` hashes each
/// with SipHash (built to resist chosen keys, which a notebook's few hundred
/// names do not need): that hash cost more than the rest of a lookup. A few
/// names (a call's parameters) are searched one by one; more are found
/// through an open-addressing table with a cheap hash of the name's bytes.
///
/// Names are equal as Swift's strings are (canonical equivalence), as in a
/// dictionary. Byte hashes agree with that for ASCII names, which are all the
/// lexer makes; once a name outside ASCII is bound, or looked up, a miss in the
/// table is confirmed by comparing with every name.
struct NameTable {
    private var entries: [(name: String, value: Value)] = []
    /// Indices into `entries`, or `empty`; none while there are few entries,
    /// then a power of two at least twice their number, so probing ends.
    private var buckets: [Int32] = []
    private var holdsNameOutsideASCII = false

    private static let empty: Int32 = -1
    /// Up to this many names are compared one by one (no table to allocate).
    private static let searchedOneByOne = 8

    var names: [String] { entries.map(\.name) }

    /// The value bound to `name`, if any.
    @inline(__always)
    func value(of name: String) -> Value? {
        guard let index = index(of: name) else { return nil }
        return entries[index].value
    }

    func contains(_ name: String) -> Bool { index(of: name) != nil }

    /// Binds `name` to `value`, replacing its value when it is bound already.
    mutating func bind(_ name: String, to value: Value) {
        if let index = index(of: name) {
            entries[index].value = value
            return
        }
        let (hash, isASCII) = Self.hash(name)
        if !isASCII { holdsNameOutsideASCII = true }
        entries.append((name, value))
        if buckets.isEmpty {
            if entries.count > Self.searchedOneByOne { rehash(count: 4 * Self.searchedOneByOne) }
        } else if entries.count * 2 > buckets.count {
            rehash(count: buckets.count * 2)
        } else {
            buckets[freeBucket(from: hash)] = Int32(entries.count - 1)
        }
    }

    @inline(__always)
    private func index(of name: String) -> Int? {
        if buckets.isEmpty { return entries.firstIndex { $0.name == name } }
        let (hash, isASCII) = Self.hash(name)
        var bucket = hash & (buckets.count - 1)
        while true {
            let index = Int(buckets[bucket])
            if index == Int(Self.empty) { break }
            if entries[index].name == name { return index }
            bucket = (bucket + 1) & (buckets.count - 1)
        }
        guard holdsNameOutsideASCII || !isASCII else { return nil }
        return entries.firstIndex { $0.name == name }
    }

    private func freeBucket(from hash: Int) -> Int {
        var bucket = hash & (buckets.count - 1)
        while buckets[bucket] != Self.empty { bucket = (bucket + 1) & (buckets.count - 1) }
        return bucket
    }

    private mutating func rehash(count: Int) {
        buckets = Array(repeating: Self.empty, count: count)
        for (index, entry) in entries.enumerated() {
            buckets[freeBucket(from: Self.hash(entry.name).value)] = Int32(index)
        }
    }

    /// FNV-1a over the UTF-8 bytes, its high bits folded into the low ones
    /// the table's mask keeps; and whether every byte was ASCII.
    /// (Over the contiguous bytes: the `utf8` view's iterator cost several
    /// times the arithmetic.)
    @inline(__always)
    private static func hash(_ name: String) -> (value: Int, isASCII: Bool) {
        var name = name
        return name.withUTF8 { bytes in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            var bits: UInt8 = 0
            for byte in bytes {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
                bits |= byte
            }
            return (Int(truncatingIfNeeded: hash ^ (hash >> 32)), bits < 0x80)
        }
    }
}
