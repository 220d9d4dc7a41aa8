@testable import BekenEmulator
import Foundation
import Testing

// The chip time each command costs and the order it is charged in (docs/TESTING.md "Timing model", "Benchmarks tell the
// whole truth"). Nothing here sleeps or reads a clock: instants are built from one fixed origin.

@Suite("Chip busy time")
struct BusyTimeTests {
    let origin = ContinuousClock.now
    let timing = TimingModel.realistic

    /// A paced, unprotected BK7231N in download mode, and the action its parser and core produce for `frame`.
    func action(for frame: [UInt8], baud: Int = 115_200) throws -> ChipAction {
        var configuration = VirtualChip.Configuration(
            personality: .bk7231n, flash: [UInt8](repeating: 0xFF, count: 0x20_0000), timing: timing,
            initialState: .downloadMode)
        configuration.statusRegister1 = 0
        configuration.statusRegister2 = 0
        let chip = VirtualChip(configuration: configuration)
        let parsed = frame.withUnsafeBufferPointer { chip.receive($0, from: 0) }
        let complete = try #require(parsed.frame, "the frame parses")
        #expect(parsed.next == frame.count)
        return try #require(chip.handle(complete, at: origin))
    }

    @Test("CheckCRC of 64 KiB costs 64 KiB at the model's hashing rate (440 kB/s: 148.9 ms)")
    func checkCRC() throws {
        let busy = try action(for: shortFrame(0x10, le32(0x11000) + le32(0x20FFF))).busy  // ROM: end inclusive
        #expect(busy == timing.crcTime(bytes: 0x10000))
        #expect(busy == .nanoseconds(Int64(0x10000) * 1_000_000_000 / 440_000))
    }

    @Test("erase: 4 KiB sector 12 ms (op 0x0B and FlashErase 0x20), 64 KiB block 150 ms (FlashErase 0xD8)")
    func erases() throws {
        #expect(try action(for: longFrame(0x0B, le32(0x11000))).busy == .milliseconds(12))
        #expect(try action(for: longFrame(0x0F, [0x20] + le32(0x11000))).busy == timing.erase4K)
        #expect(try action(for: longFrame(0x0F, [0xD8] + le32(0x20000))).busy == .milliseconds(150))
    }

    @Test("Write4K: only the last pages' programming is left once the frame has arrived")
    func write4K() throws {
        let frame = longFrame(0x07, le32(0x11000) + [UInt8](repeating: 0x5A, count: 0x1000))
        // At 115 200 baud a 256-byte page takes 22.2 ms to arrive, far longer than its 0.7 ms program: one page left.
        #expect(try action(for: frame).busy == .microseconds(700))
        #expect(timing.write4KTail(baud: 115_200) == .microseconds(700))
        // At 2 000 000 baud a page arrives in 1.28 ms: programming still keeps up, one page left.
        #expect(timing.write4KTail(baud: 2_000_000) == .microseconds(700))
        // With a 2 ms page program it falls behind: 16 × 2 ms after the first page's arrival, minus the rest's wire time.
        var slow = timing
        slow.pageProgram = .milliseconds(2)
        #expect(slow.write4KTail(baud: 2_000_000) == .milliseconds(2) * 16 - slow.wireTime(256, baud: 2_000_000) * 15)
    }

    @Test("frames of one burst are handled in order: a CheckCRC behind a reply hashes after that reply was sent")
    func burstIsChargedInOrder() {
        let baud = 1_500_000
        var schedule = ChipSchedule(now: origin)
        // A FlashRead of 255 bytes (reply 270 bytes) and a CheckCRC (reply 11 bytes) arrive together.
        let read = ChipAction(reply: [UInt8](repeating: 0, count: 270))
        let crc = ChipAction(reply: [UInt8](repeating: 0, count: 11), busy: timing.crcTime(bytes: 510))
        let arrival = origin + .milliseconds(1)

        let readHandled = schedule.handlingTime(arrival: arrival)
        #expect(readHandled == arrival)
        let readStart = schedule.bookReply(for: read, handledAt: readHandled, replyBytes: 270, baud: baud, timing: timing)
        #expect(readStart == arrival + timing.turnaround)
        let readSent = arrival + timing.wireTime(270, baud: baud)  // the chip's UART is done; the host sees it 1 ms later
        #expect(schedule.freeAt == readSent)

        let crcHandled = schedule.handlingTime(arrival: arrival)
        #expect(crcHandled == readSent, "the CheckCRC waits in the receive buffer until the read's reply has left")
        let crcStart = schedule.bookReply(for: crc, handledAt: crcHandled, replyBytes: 11, baud: baud, timing: timing)
        #expect(crcStart == readSent + timing.crcTime(bytes: 510) + timing.turnaround)
        #expect(schedule.transmitEnd == crcStart + timing.wireTime(11, baud: baud))
    }

    @Test("a frame arriving after the chip is free is handled on arrival; silent work and resets move the free time")
    func idleChipAndResets() {
        var schedule = ChipSchedule(now: origin)
        let erase = ChipAction(reply: [UInt8](repeating: 0, count: 15), busy: timing.erase4K)
        _ = schedule.bookReply(for: erase, handledAt: origin, replyBytes: 15, baud: 921_600, timing: timing)
        let late = origin + .milliseconds(100)
        #expect(schedule.handlingTime(arrival: late) == late)

        // A withheld CRC over 16 MiB: the chip is busy for 38 s unless reset.
        let free = schedule.bookSilentWork(timing.crcTime(bytes: 16 << 20), handledAt: late)
        #expect(free == late + timing.crcTime(bytes: 16 << 20))
        #expect(schedule.handlingTime(arrival: late + .seconds(1)) == free)
        schedule.chipReset(at: late + .seconds(1))
        #expect(schedule.handlingTime(arrival: late + .seconds(1)) == late + .seconds(1))
    }

    @Test("SetBaudRate's hold and an injected stall delay the reply and keep the chip busy")
    func holdAndStall() {
        var schedule = ChipSchedule(now: origin)
        let baudSwitch = ChipAction(reply: [UInt8](repeating: 0, count: 12), hold: .milliseconds(20),
                                    stall: .milliseconds(5))
        let start = schedule.bookReply(for: baudSwitch, handledAt: origin, replyBytes: 12, baud: 2_000_000,
                                       timing: timing)
        #expect(start == origin + .milliseconds(25))
        #expect(schedule.freeAt == start + timing.wireTime(12, baud: 2_000_000) - timing.turnaround)
    }
}
