/// When a paced chip handles each frame and sends each reply (docs/TESTING.md "Benchmarks tell the whole truth").
///
/// The bootloader is one loop: it reads a frame, does the work, sends the reply, and only then reads the next frame.
/// Frames a host sends in one burst wait in the UART's receive buffer meanwhile, so a frame is handled at
/// max(its arrival, the chip being free), and a CheckCRC behind four replies hashes after they have been sent, not
/// "during" them. The turnaround (USB adapter latency) delays what the host sees, not the chip: the chip is free
/// once its reply's last byte has left its UART.
/// Pure: instants are passed in; no clock, no sleeping.
struct ChipSchedule: Sendable {
    /// When the chip has finished its current work (busy time and its reply's last byte on the wire).
    private(set) var freeAt: ContinuousClock.Instant
    /// When the last reply's last byte reaches the host (after the turnaround).
    private(set) var transmitEnd: ContinuousClock.Instant

    init(now: ContinuousClock.Instant) {
        freeAt = now
        transmitEnd = now
    }

    /// When the chip takes up a frame whose last byte arrived at `arrival`.
    func handlingTime(arrival: ContinuousClock.Instant) -> ContinuousClock.Instant {
        max(arrival, freeAt)
    }

    /// Books a reply of `replyBytes` for an action handled at `handledAt`: chip time, SetBaudRate's hold, an
    /// injected stall, the turnaround, then the bytes at `baud`. Returns when its first byte reaches the host.
    mutating func bookReply(for action: ChipAction, handledAt: ContinuousClock.Instant, replyBytes: Int, baud: Int,
                            timing: TimingModel) -> ContinuousClock.Instant {
        var ready = handledAt + action.busy + timing.turnaround
        if action.hold > .zero { ready = max(ready, handledAt + action.hold) }  // SetBaudRate: switch, wait delay_ms, answer
        ready += action.stall
        let start = max(ready, transmitEnd)
        transmitEnd = start + timing.wireTime(replyBytes, baud: baud)
        freeAt = max(handledAt + action.busy, transmitEnd - timing.turnaround)
        return start
    }

    /// Books chip time without a reply (a withheld CRC); returns when the chip is free again.
    mutating func bookSilentWork(_ busy: Duration, handledAt: ContinuousClock.Instant) -> ContinuousClock.Instant {
        freeAt = max(freeAt, handledAt + busy)
        return freeAt
    }

    /// A reset (CEN, a brown-out) at `time` ends the chip's work and any reply on the wire.
    mutating func chipReset(at time: ContinuousClock.Instant) {
        freeAt = min(freeAt, time)
        transmitEnd = min(transmitEnd, time)
    }
}
