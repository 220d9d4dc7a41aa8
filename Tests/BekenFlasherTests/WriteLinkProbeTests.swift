@testable import BekenProtocol
import Testing
@testable import BekenFlasher

/// WriteLinkProbe's judgement of one burst, and the line it infers (issue 18: stop before the first erase on a
/// line that cannot carry a 4 KiB sector write).
struct WriteLinkProbeTests {
    static let wires: [UInt32] = (0 ..< 8).map { 0x20000 + UInt32($0) * 256 }

    /// The FlashRead reply for `wire`, its part filled with `fill`.
    static func reply(_ wire: UInt32, fill: UInt8 = 0x5A, complete: Bool = true) -> ScannedReply {
        ScannedReply(isLong: true, code: 0x08, body: [0] + LE.bytes(wire) + [UInt8](repeating: fill, count: 255),
                     isComplete: complete)
    }

    static var everyReply: [ScannedReply] { (wires + wires).map { reply($0) } }

    @Test func wholeBurstAgrees() {
        let outcome = WriteLinkProbe.judge(Self.everyReply, wires: Self.wires)
        #expect(outcome == WriteLinkProbe.Outcome(damaged: 0, agreeing: 16, exchanges: 16))
        #expect(!WriteLinkProbe.tooNoisyForWrites(outcome))
    }

    @Test func aLostReplyAndACopyAtOddsCountOneEach() {
        var replies = Self.everyReply
        replies.remove(at: 3)                                   // part 3's first copy lost
        replies[9] = Self.reply(Self.wires[2], fill: 0x5B)      // part 2's second copy differs (one index earlier now)
        let outcome = WriteLinkProbe.judge(replies, wires: Self.wires)
        #expect(outcome.damaged == 2)
        #expect(outcome.agreeing == 12)
    }

    @Test func aCutReplyIsDamaged() {
        var replies = Self.everyReply
        replies[0] = Self.reply(Self.wires[0], complete: false)
        #expect(WriteLinkProbe.judge(replies, wires: Self.wires).damaged == 1)
    }

    /// One garbled length makes the chip swallow the requests after it: the lost tail counts once.
    @Test func aSwallowedTailCountsOnce() {
        let replies = Array(Self.everyReply.prefix(5))
        let outcome = WriteLinkProbe.judge(replies, wires: Self.wires)
        #expect(outcome.damaged == 1)
        #expect(outcome.agreeing == 0)
    }

    /// A 0.01 % line damages about 3 % of the ~285-byte exchanges: writes go on. A 0.1 % line about 25 %: a 4 KiB
    /// frame would arrive whole about 2 % of the time.
    @Test func theLineInferredFromTheCount() {
        let quiet = WriteLinkProbe.Outcome(damaged: 2, agreeing: 60, exchanges: 64)
        let noisy = WriteLinkProbe.Outcome(damaged: 16, agreeing: 36, exchanges: 64)
        #expect(WriteLinkProbe.writeDamageShare(quiet) < 0.5)
        #expect(!WriteLinkProbe.tooNoisyForWrites(quiet))
        #expect(WriteLinkProbe.writeDamageShare(noisy) > 0.95)
        #expect(WriteLinkProbe.tooNoisyForWrites(noisy))
        // Most exchanges lost whole (runs count once), whatever the count.
        #expect(WriteLinkProbe.tooNoisyForWrites(WriteLinkProbe.Outcome(damaged: 4, agreeing: 8, exchanges: 64)))
        #expect(WriteLinkProbe.settled(quiet) && WriteLinkProbe.settled(noisy))
        #expect(!WriteLinkProbe.settled(WriteLinkProbe.Outcome(damaged: 8, agreeing: 48, exchanges: 64)))
    }

    /// Whole 64 KiB blocks first, the partial blocks at the range's edges last (a garbled sector erase there
    /// reaches beside the range).
    @Test func edgeGroupsAreWrittenLast() {
        let groups = FlashWriter.groupsInWriteOrder(0x11000 ..< 0x111000)
        #expect(groups.first == 0x20000 ..< 0x30000)
        #expect(groups.suffix(2) == [0x11000 ..< 0x20000, 0x110000 ..< 0x111000])
        #expect(groups.reduce(0) { $0 + $1.count } == 0x100000)
        #expect(FlashWriter.groupsInWriteOrder(0x11000 ..< 0x13000) == [0x11000 ..< 0x13000])
    }
}
