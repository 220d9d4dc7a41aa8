import Foundation

/// Sleeps until due times on a monotonic clock. Callers keep cumulative schedules (start + n × byte time), so
/// rounding and oversleeping never accumulate.
struct WirePacer: Sendable {
    let clock = ContinuousClock()

    var now: ContinuousClock.Instant { clock.now }

    /// Blocks the calling thread until `due` (returns at once if it has passed).
    func sleep(until due: ContinuousClock.Instant) {
        let left = due - clock.now
        guard left > .zero else { return }
        let (seconds, attoseconds) = left.components
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }
}
