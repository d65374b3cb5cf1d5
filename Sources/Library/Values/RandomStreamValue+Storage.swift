import Foundation
import Language
import TensorCore

/// `random(seed:)` streams kept by the cell cache: the seed and where the stream is, so
/// that a restored generator goes on with the numbers the uninterrupted run draws next.
extension RandomStreamValue: StorableHostValue {
    struct Stored: Codable {
        var seed: UInt32
        var position: RandomStreamPosition
    }

    static var storageKind: String { "random generator" }

    var storedForm: StoredHostForm? {
        (try? JSONEncoder().encode(Stored(seed: seed, position: generator.streamPosition))).map {
            StoredHostForm(kind: Self.storageKind, bytes: $0)
        }
    }

    var unstorableReason: String { "a random generator that could not be encoded" }

    /// Drawing moves the stream on.
    var isImmutable: Bool { false }

    static func restored(_ form: StoredHostForm) -> RandomStreamValue? {
        guard form.kind == storageKind, let stored = try? JSONDecoder().decode(Stored.self, from: form.bytes),
              let generator = RandomGenerator(at: stored.position) else { return nil }
        let value = RandomStreamValue(seed: stored.seed)
        value.generator = generator
        return value
    }
}
