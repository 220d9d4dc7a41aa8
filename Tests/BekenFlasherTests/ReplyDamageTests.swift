import BekenProtocol
import SerialLink
import Testing
@testable import BekenFlasher

/// The session's errors say what happened to the reply, so no caller has to read (and clear) session state to
/// learn whether the chip was silent, a reply was cut short, or a garbled command acted elsewhere.
@Suite struct ReplyDamageTests {
    /// A session whose chip end "sends" `reply` (bytes queued before the request goes out), then nothing.
    private func failure(replying reply: [UInt8], _ command: (Session) throws -> Void) throws -> FlasherError? {
        let (host, chip) = MemoryLink.pair()
        try chip.write(reply)
        let session = Session(link: host)
        do {
            try command(session)
            return nil
        } catch let error as FlasherError {
            return error
        }
    }

    private func checkCRC(_ session: Session) throws { _ = try session.checkCRC(start: 0x11000, end: 0x11FFF, hashedBytes: 0x1000) }

    @Test func nothingHeardIsSilent() throws {
        let error = try #require(try failure(replying: [], checkCRC))
        #expect(error.code == .noResponse && error.replyDamage == .silent)
    }

    @Test func noiseWithoutAReplyIsUnrecognised() throws {
        let error = try #require(try failure(replying: [UInt8](repeating: 0x55, count: 24), checkCRC))
        #expect(error.code == .noResponse && error.replyDamage == .unrecognised)
    }

    @Test func aReplyCutShortIsTruncated() throws {
        // The first 8 of the 11 bytes of a CheckCRC reply (04 0E 08 01 E0 FC 10 + CRC).
        let error = try #require(try failure(replying: [0x04, 0x0E, 0x08, 0x01, 0xE0, 0xFC, 0x10, 0xAA], checkCRC))
        #expect(error.code == .badResponse && error.replyDamage == .truncated)
    }

    @Test func anEraseAnsweredForAnotherAddressNamesIt() throws {
        // The reply to a 4 KiB erase at 0x12000 that echoes 0x13000 (format of the erase reply: BK7231 bk_idk, as in
        // bk7231tools `base/packets.py`).
        let reply: [UInt8] = [0x04, 0x0E, 0xFF, 0x01, 0xE0, 0xFC, 0xF4, 0x07, 0x00, 0x0F, 0x00, 0x20, 0x00, 0x30, 0x01, 0x00]
        let error = try #require(try failure(replying: reply) { try $0.flashErase(.sector4K, 0x12000) })
        #expect(error.code == .badResponse && error.replyDamage == .echoedAddress(0x13000))
    }

    @Test func aGoodReplyIsNoFailure() throws {
        let reply: [UInt8] = [0x04, 0x0E, 0xFF, 0x01, 0xE0, 0xFC, 0xF4, 0x07, 0x00, 0x0F, 0x00, 0x20, 0x00, 0x20, 0x01, 0x00]
        #expect(try failure(replying: reply) { try $0.flashErase(.sector4K, 0x12000) } == nil)
    }
}

/// How the writer judges a failed erase or write by its reply damage.
@Suite struct WriterMemoryTests {
    @Test func damageDecidesWhatIsCheckedAgain() {
        let memory = WriterMemory()
        memory.markVerified(0x11000 ..< 0x13000)
        // No reply, or one cut short: the chip acted, if at all, where asked — nothing proven is in doubt.
        memory.noteFailedAttempt(FlasherError.noResponse("erase").with(damage: .silent), address: 0x11000,
                                 span: 0x1000, isErase: true)
        memory.noteFailedAttempt(FlasherError(.badResponse, "cut", hint: .none).with(damage: .truncated),
                                 address: 0x11000, span: 0x1000, isErase: true)
        #expect(memory.rangesToCheckAgain.isEmpty && memory.takeSuspectSectors().isEmpty)
        // A write's echo of another address: the sectors it spans from there are suspects.
        memory.noteFailedAttempt(FlasherError(.badResponse, "echo", hint: .none).with(damage: .echoedAddress(0x20000)),
                                 address: 0x12000, span: 0x3000, isErase: false)
        #expect(memory.takeSuspectSectors() == [0x20000, 0x21000, 0x22000])
        #expect(memory.takeSuspectSectors().isEmpty)  // taken
        // An unaligned echo spans two sectors.
        memory.noteFailedAttempt(FlasherError(.badResponse, "echo", hint: .none).with(damage: .echoedAddress(0x2007F)),
                                 address: 0x12000, span: 0x1000, isErase: false)
        #expect(memory.takeSuspectSectors() == [0x20000, 0x21000])
        // An erase's echo: its size code may be garbled too, so the whole 64 KiB block there is suspect.
        memory.noteFailedAttempt(FlasherError(.badResponse, "echo", hint: .none).with(damage: .echoedAddress(0x43000)),
                                 address: 0x12000, span: 0x1000, isErase: true)
        #expect(memory.takeSuspectSectors() == Array(stride(from: 0x40000, to: 0x50000, by: 0x1000)))
        // Another op answering or a refusal: everything proven so far is checked again; later proofs are not. After
        // an erase, the 64 KiB block where it was sent is suspect as well (a garbled size code erases more).
        memory.noteFailedAttempt(FlasherError(.chipStatus, "refused", hint: .none), address: 0x12000, span: 0x1000,
                                 isErase: true)
        #expect(memory.takeSuspectSectors() == Array(stride(from: 0x10000, to: 0x20000, by: 0x1000)))
        memory.markVerified(0x30000 ..< 0x31000)
        #expect(memory.rangesToCheckAgain.ranges == [0x11000 ..< 0x13000])
        memory.forget()
        #expect(memory.verified.isEmpty && memory.rangesToCheckAgain.isEmpty)
    }
}
