import Foundation
import Testing
import StandardStreams

/// Writes that deliver everything to a slow reader and never trap on a descriptor that is gone.
/// (A reader that leaves, EPIPE, ends the process: `ClosedPipeTests` and `EPIPETests` run dln for that.)
@Suite struct StandardStreamTests {
    @Test func deliversMoreThanAPipeHoldsWhole() throws {
        let pipe = Pipe()
        let text = String(repeating: "0123456789abcdef", count: 64 * 1024) // 1 MiB, far more than a pipe buffer
        let writer = Thread {
            StandardStream.write(text, to: pipe.fileHandleForWriting.fileDescriptor)
            try? pipe.fileHandleForWriting.close()
        }
        writer.start()
        let received = pipe.fileHandleForReading.readDataToEndOfFile()
        #expect(received == Data(text.utf8))
    }

    @Test func dataIsWrittenAsGiven() throws {
        let pipe = Pipe()
        StandardStream.write(Data([0, 0xFF, 0x0A]), to: pipe.fileHandleForWriting.fileDescriptor)
        try pipe.fileHandleForWriting.close()
        #expect(pipe.fileHandleForReading.readDataToEndOfFile() == Data([0, 0xFF, 0x0A]))
    }

    @Test func aClosedDescriptorDropsTheTextInsteadOfTrapping() throws {
        let pipe = Pipe()
        let descriptor = dup(pipe.fileHandleForWriting.fileDescriptor)
        close(descriptor)
        StandardStream.write("nowhere to go\n", to: descriptor)  // EBADF: returns
        StandardStream.write(Data("nor this".utf8), to: descriptor)
    }
}
