import Foundation
import Testing
@testable import Kernel

@Suite("Message framing and signing")
struct WireFormatTests {
    @Test func signaturesAreHMACSHA256OfTheFourPartsInOrder() {
        // RFC 4231, test case 2, cut into parts: the signature covers their concatenation.
        let signer = MessageSigner(key: "Jefe")
        let parts = ["what do ", "ya want ", "for ", "nothing?"].map { Data($0.utf8) }
        #expect(signer.signature(of: parts) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(signer.isValid("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", for: parts))
        #expect(signer.isValid("5BDCC146BF60754E6A042426089575C75A003F089D2739839DEC58B964EC3843", for: parts))
        #expect(!signer.isValid("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3844", for: parts))
        #expect(!signer.isValid("", for: parts))
        #expect(!signer.isValid("zz", for: parts))
    }

    @Test func anEmptyKeyNeitherSignsNorChecks() {
        let signer = MessageSigner(key: "")
        #expect(signer.signature(of: [Data("{}".utf8)]) == "")
        #expect(signer.isValid("anything", for: [Data("{}".utf8)]))
    }

    @Test func aMessageSurvivesEncodingAndDecoding() throws {
        let wire = WireFormat(signer: MessageSigner(key: "secret"))
        var message = KernelMessage(identities: [Data("peer".utf8), Data([0, 1, 2])],
                                    header: KernelMessage.header("execute_request", session: "s1"),
                                    parentHeader: ["msg_id": "p"], metadata: ["m": 1], content: ["code": "x = 1 # ü"])
        message.buffers = [Data([9, 9])]
        let decoded = try wire.decode(wire.encode(message))
        #expect(decoded.identities == message.identities)
        #expect(decoded.type == "execute_request")
        #expect(decoded.session == "s1")
        #expect(decoded.parentHeader["msg_id"] as? String == "p")
        #expect(decoded.metadata["m"] as? Int == 1)
        #expect(decoded.content["code"] as? String == "x = 1 # ü")
        #expect(decoded.buffers == [Data([9, 9])])
    }

    @Test func aTamperedOrWronglySignedMessageIsRefused() throws {
        let wire = WireFormat(signer: MessageSigner(key: "secret"))
        let message = KernelMessage(header: KernelMessage.header("execute_request", session: "s"), content: ["code": "1"])
        var frames = wire.encode(message)
        frames[frames.count - 1] = Data(#"{"code": "2"}"#.utf8)
        #expect(throws: WireError.badSignature) { try wire.decode(frames) }
        let other = WireFormat(signer: MessageSigner(key: "another key"))
        #expect(throws: WireError.badSignature) { try wire.decode(other.encode(message)) }
        let unsigned = WireFormat(signer: MessageSigner(key: ""))
        #expect(throws: WireError.badSignature) { try wire.decode(unsigned.encode(message)) }
    }

    @Test func malformedFramesAreRefusedWithAReason() {
        let wire = WireFormat(signer: MessageSigner(key: ""))
        #expect(throws: WireError.missingDelimiter) { try wire.decode([Data("{}".utf8)]) }
        #expect(throws: WireError.tooFewFrames(2)) { try wire.decode([WireFormat.delimiter, Data(), Data("{}".utf8)]) }
        let notJSON = [WireFormat.delimiter, Data(), Data("{}".utf8), Data("{}".utf8), Data("[1]".utf8), Data("{".utf8)]
        #expect(throws: WireError.notAnObject(part: "metadata")) { try wire.decode(notJSON) }
    }

    @Test func aReplyAnswersItsRequest() {
        let request = KernelMessage(identities: [Data("id".utf8)], header: KernelMessage.header("kernel_info_request", session: "front"),
                                    content: [:])
        let reply = request.reply("kernel_info_reply", content: ["status": "ok"], session: "kernel")
        #expect(reply.identities == request.identities)
        #expect(reply.parentHeader["msg_id"] as? String == request.header["msg_id"] as? String)
        #expect(reply.session == "kernel")
        #expect(reply.header["version"] as? String == "5.3")
    }
}
