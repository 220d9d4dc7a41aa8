import BekenConversion
import Foundation

/// The running (and last finished) conversion of each serial port. One operation per port: starting a second
/// while one runs is refused (`busy`). Every event is kept, so a reloaded page (or a second tab) replays them
/// from the start and then follows live.
public final class JobRegistry: @unchecked Sendable {
    public enum StartError: Error, Equatable { case busy(port: String) }

    /// One port's job: its events as JSON lines and whether it ended.
    public final class Entry: @unchecked Sendable {
        private let condition = NSCondition()
        private var lines: [String] = []
        private var ended = false
        private let started = ContinuousClock.now
        private var job: ConversionJob?

        /// The lines from `index` on, waiting up to `timeout` for new ones; `ended` once the job is over and
        /// everything was handed out.
        public func lines(from index: Int, timeout: TimeInterval) -> (lines: [String], ended: Bool) {
            condition.lock()
            defer { condition.unlock() }
            if index >= lines.count && !ended { _ = condition.wait(until: Date().addingTimeInterval(timeout)) }
            let fresh = index < lines.count ? Array(lines[index...]) : []
            return (fresh, ended && index + fresh.count >= lines.count)
        }

        public var isRunning: Bool { condition.withLock { !ended } }

        func append(_ wire: EventWire) {
            var stamped = wire
            stamped.ms = Int((ContinuousClock.now - started) / .milliseconds(1))
            let line = stamped.line
            condition.withLock { lines.append(line) }
            condition.broadcast()
        }

        func end() {
            condition.withLock { ended = true }
            condition.broadcast()
        }

        func setJob(_ job: ConversionJob) { condition.withLock { self.job = job } }

        public func cancel() { condition.withLock { job }?.cancel() }
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    public init() {}

    public func entry(port: String) -> Entry? { lock.withLock { entries[port] } }

    /// Reserves `port` (throws `busy` while its job runs) and starts `makeJob()` on it.
    @discardableResult
    public func start(port: String, _ makeJob: () -> ConversionJob) throws -> Entry {
        let entry = Entry()
        try lock.withLock {
            if let current = entries[port], current.isRunning { throw StartError.busy(port: port) }
            entries[port] = entry
        }
        let job = makeJob()
        entry.setJob(job)
        Task.detached {
            for await event in job.events {
                if let wire = EventWire.from(event) { entry.append(wire) }
            }
            do {
                let result = try await job.result()
                var done = EventWire(kind: "done")
                done.backup = result.backup.path
                done.sidecar = result.backup.sidecarPath
                done.chip = result.identity.profile.kind.displayName
                done.done = result.writtenSectors
                done.total = result.skippedSectors
                entry.append(done)
            } catch {
                entry.append(EventWire.failure(error))
            }
            entry.end()
        }
        return entry
    }

}
