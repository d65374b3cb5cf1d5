import Foundation
import Testing
@testable import NotebookBatch

@Suite("File digests")
struct FileDigestTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func knownVectors(message: String, digest: String) {
        #expect(FileDigest.hex(of: Data(message.utf8)) == digest)
    }

    @Test func aMillionAs() {
        #expect(FileDigest.hex(of: Data(repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func aFileReadInChunksHasTheDigestOfItsBytes() throws {
        // 2.5 MiB: three reads of the 1 MiB buffer, the last one partial.
        let bytes = Data((0..<(5 << 19)).map { UInt8(truncatingIfNeeded: $0 &* 31 >> 3) })
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("dln-digest-\(UUID().uuidString)")
        try bytes.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(FileDigest.hex(ofFileAt: file) == FileDigest.hex(of: bytes))
    }

    @Test func aFolderHasNoDigest() {
        #expect(FileDigest.hex(ofFileAt: FileManager.default.temporaryDirectory) == nil)
    }
}
