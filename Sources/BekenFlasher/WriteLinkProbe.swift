import Foundation
import BekenProtocol

/// Whether the link at the current rate can carry a 4 KiB sector write, measured before anything is erased
/// (issue 18). A write frame carries no checksum and NOR flash only clears bits, so every damaged Write4K costs an
/// erase and another frame — and each of those frames may carry a garbled address that lands outside the range.
/// On a line that damages nearly every 4 KiB frame (a steady 0.1 % byte-fault line: 98 %), the old way learned
/// that from 21 damaged sector writes at three rates, and in 1 to 3 of 20 such writes a garbled erase or write
/// changed flash beside the range that no 4 KiB restore could put back through the same noise.
///
/// The probe reads parts of 255 bytes twice each, in bursts of 16 FlashRead (0x08) requests (the careful reader's
/// request, shaped the same way: every address's low byte is 0x00, never a modifying op). Replies carry their
/// address and arrive in order, so each exchange is known to have come back whole or not, and the two copies of a
/// part must agree. An exchange is damaged when its reply is missing, cut or at odds with its copy's; a run of
/// three or more missing in a row counts once (one byte garbled in a request's length makes the chip swallow the
/// requests after it). From the damaged share of ~285-byte exchanges follows the share of ~4 123-byte sector
/// write exchanges the same line damages: a line with byte-fault rate p passes an exchange of n bytes whole with
/// probability (1 − p)^n. Where fewer than half the exchanges end in agreeing copies the line loses most frames
/// whole, whatever the count.
///
/// Four bursts (64 exchanges) first; when their count is not clear either way, four more. Measured on the fault
/// bench (docs/TESTING.md): a steady 0.01 % line damaged 0–5 of 64, a steady 0.1 % line 4–9 events per 64 counted
/// as runs, hence exchanges counted one by one here.
struct WriteLinkProbe {
    static let burstsPerRound = 4
    static let rounds = 2
    static let partsPerBurst = 8
    static let partSize = 255
    /// Bytes one probe exchange puts on the wire: FlashRead request 14 + the 0x00 after it + reply 15 + the part.
    static let probeExchangeBytes = 14 + 1 + 15 + partSize
    /// Bytes one sector write puts on the wire: Write4K request (12 + 4 096) + the reply (15).
    static let writeExchangeBytes = 12 + FlashGeometry.sector + 15
    /// A first round damaged at most this many: the line carries writes. At least `clearlyNoisy`: it does not.
    static let clearlyQuiet = 4
    static let clearlyNoisy = 14

    struct Outcome: Equatable {
        var damaged = 0
        /// Exchanges whose part came back whole twice, the same both times.
        var agreeing = 0
        var exchanges = 0
    }

    let operations: FlashOperations

    /// Reads parts from `address` on (8 KiB a round, moved down to fit the flash).
    func measure(at address: Int) throws -> Outcome {
        let roundSpan = Self.burstsPerRound * Self.partsPerBurst * 256
        let start = max(0, min(address, operations.addressing.flashSize - roundSpan))
        var outcome = Outcome()
        for round in 0 ..< Self.rounds {
            if round > 0, Self.settled(outcome) { break }
            for burst in 0 ..< Self.burstsPerRound {
                let first = start + burst * Self.partsPerBurst * 256
                let wires = (0 ..< Self.partsPerBurst).map { operations.addressing.wireAddress(first + $0 * 256) }
                let commands = (wires + wires).map { HostCommand.flashRead(address: $0, size: UInt16(Self.partSize)) }
                let (replies, _) = try operations.session.exchangeBatch(
                    commands, replyBytes: commands.count * (15 + Self.partSize), work: .zero)
                outcome.add(Self.judge(replies, wires: wires))
            }
        }
        return outcome
    }

    /// Whether a first round's count already decides.
    static func settled(_ outcome: Outcome) -> Bool {
        2 * outcome.agreeing < outcome.exchanges || outcome.damaged <= clearlyQuiet || outcome.damaged >= clearlyNoisy
    }

    /// One burst's replies against its requests (`wires` twice over).
    static func judge(_ replies: [ScannedReply], wires: [UInt32]) -> Outcome {
        let count = wires.count
        var got = [[UInt8]?](repeating: nil, count: 2 * count)
        var cursor = -1
        for reply in replies where reply.isLong && reply.code == FlashOp.read.rawValue && reply.isComplete {
            let body = reply.body
            guard body.count == 5 + partSize, body[0] == 0, let wire = LE.u32(body, at: 1),
                  let part = wires.firstIndex(of: wire),
                  let slot = [part, part + count].first(where: { $0 > cursor }) else { continue }
            got[slot] = Array(body[5...])
            cursor = slot
        }
        var outcome = Outcome(exchanges: 2 * count)
        var run = 0
        for slot in got.indices {
            if got[slot] == nil { run += 1 }
            if got[slot] != nil || slot == got.count - 1 {
                outcome.damaged += run >= 3 ? 1 : run
                run = 0
            }
        }
        for part in 0 ..< count {
            guard let first = got[part], let second = got[part + count] else { continue }
            if first == second { outcome.agreeing += 2 } else { outcome.damaged += 1 }
        }
        return outcome
    }

    /// The share of sector writes the line the probe saw would damage.
    static func writeDamageShare(_ outcome: Outcome) -> Double {
        guard outcome.exchanges > 0 else { return 0 }
        let intact = 1 - min(1, Double(outcome.damaged) / Double(outcome.exchanges))
        return 1 - pow(intact, Double(writeExchangeBytes) / Double(probeExchangeBytes))
    }

    /// Whether writing at this rate would be hopeless: WriteDamageEvidence.hopelessShare of the sectors damaged,
    /// or most exchanges lost.
    static func tooNoisyForWrites(_ outcome: Outcome) -> Bool {
        writeDamageShare(outcome) >= WriteDamageEvidence.hopelessShare || 2 * outcome.agreeing < outcome.exchanges
    }
}

extension WriteLinkProbe.Outcome {
    mutating func add(_ other: Self) {
        damaged += other.damaged
        agreeing += other.agreeing
        exchanges += other.exchanges
    }
}
