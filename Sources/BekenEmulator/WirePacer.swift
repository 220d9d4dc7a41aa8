import Foundation

/// Sleeps until due times on a monotonic clock. Callers keep cumulative schedules (start + n × byte time), so
/// rounding and oversleeping never accumulate.
struct WirePacer: Sendable {
    let clock = ContinuousClock()
    /// Checked between ≤ 20 ms slices of a long sleep: when it says stop, sleeping ends at once (a chip busy for
    /// seconds — a long CRC, a reply at a garbled slow rate — must not hold up `ChipServer.stop()`).
    var shouldStop: @Sendable () -> Bool = { false }

    var now: ContinuousClock.Instant { clock.now }

    /// Blocks the calling thread until `due` (returns at once if it has passed).
    func sleep(until due: ContinuousClock.Instant) {
        while due - clock.now > .milliseconds(20) {
            if shouldStop() { return }
            sleepPrecisely(until: clock.now + .milliseconds(20))
        }
        sleepPrecisely(until: due)
    }

    private func sleepPrecisely(until due: ContinuousClock.Instant) {
        let left = due - clock.now
        guard left > .zero else { return }
        let (seconds, attoseconds) = left.components
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }
}
