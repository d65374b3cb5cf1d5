import Foundation
import Testing
@testable import NotebookBatch

@Suite("SHA-256")
struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func knownVectors(message: String, digest: String) {
        #expect(SHA256.hex(of: Data(message.utf8)) == digest)
    }

    @Test func aMillionAs() {
        #expect(SHA256.hex(of: Data(repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func piecewiseUpdatesMatchOneUpdate() {
        let message = Data((0..<1000).map { UInt8($0 % 251) })
        var hash = SHA256()
        for start in stride(from: 0, to: message.count, by: 37) {
            hash.update(message.subdata(in: start..<min(start + 37, message.count)))
        }
        #expect(hash.finalHex() == SHA256.hex(of: message))
    }

    @Test(arguments: [55, 56, 63, 64, 65])
    func paddingBoundaries(length: Int) {
        // Lengths around one block need one or two padding blocks; digests must differ and be 64 hex digits.
        let digest = SHA256.hex(of: Data(repeating: 0x61, count: length))
        #expect(digest.count == 64)
        #expect(digest != SHA256.hex(of: Data(repeating: 0x61, count: length + 1)))
    }
}
