/// A generator's place in its stream, to be kept and taken up again later (the cell
/// cache keeps `random(seed:)` streams this way): the twister's 624 words, how many
/// of them were used, and the second normal number of a pair, if one is waiting.
public struct RandomStreamPosition: Codable, Equatable, Sendable {
    public var words: [UInt32]
    public var used: Int
    public var spareNormal: UInt64?
}

extension RandomGenerator {
    /// Where the generator is in its stream.
    public var streamPosition: RandomStreamPosition {
        RandomStreamPosition(words: state, used: position, spareNormal: spareNormal?.bitPattern)
    }

    /// A generator at `position`; nil when it is not one a generator can be at.
    public init?(at position: RandomStreamPosition) {
        guard position.words.count == 624, (0...624).contains(position.used) else { return nil }
        self.init(seed: 0)
        state = position.words
        self.position = position.used
        spareNormal = position.spareNormal.map(Double.init(bitPattern:))
    }
}
