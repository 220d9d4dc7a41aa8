import BekenConversion
import Foundation
import OpenBeken

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
        private var cancelled = false
        /// The page's answer while the job waits for the pins to be reviewed: GPIO → setting.
        private var reviewAnswer: [Int: PinSetting]?
        private var awaitingReview = false
        /// `pinsFound` events handed out so far: the review's ask waits for the first, so it never overtakes it.
        private var pinsEvents = 0

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
            condition.withLock {
                lines.append(line)
                if wire.kind == "pinsFound" { pinsEvents += 1 }
            }
            condition.broadcast()
        }

        /// One event of the job, from its worker thread (never the cooperative pool, which blocking request
        /// handlers and tests may fill).
        func observe(_ event: ConversionEvent) {
            if let wire = EventWire.from(event) { append(wire) }
        }

        /// The job's end, from its worker thread: the summary or the failure, then the end of the stream.
        func finish(_ result: Result<ConversionResult, any Error>) {
            switch result {
            case .success(let result):
                var done = EventWire(kind: "done")
                done.backup = result.backup.path
                done.sidecar = result.backup.sidecarPath
                done.chip = result.identity.profile.kind.displayName
                done.done = result.writtenSectors
                done.total = result.skippedSectors
                append(done)
            case .failure(let error):
                append(EventWire.failure(error))
            }
            end()
        }

        func end() {
            condition.withLock { ended = true }
            condition.broadcast()
        }

        func setJob(_ job: ConversionJob) { condition.withLock { self.job = job } }

        public func cancel() {
            condition.withLock { cancelled = true }
            condition.broadcast()
            condition.withLock { job }?.cancel()
        }

        /// Whether the job waits for the page to review the pins.
        public var isAwaitingReview: Bool { condition.withLock { awaitingReview } }

        /// Hands the reviewed pins (GPIO → setting) to the waiting job; false when it does not wait.
        public func answerReview(_ pins: [Int: PinSetting]) -> Bool {
            let taken = condition.withLock {
                guard awaitingReview else { return false }
                reviewAnswer = pins
                return true
            }
            condition.broadcast()
            return taken
        }

        /// `ConversionSettings.reviewPins` for this job: tells the page, waits (up to `limit`) for its answer or a
        /// cancel, and returns the plan's template with the answered pins (nil: keep the plan as it is).
        func review(_ plan: PinPlan, limit: TimeInterval) -> DeviceTemplate? {
            // The plan's `pinsFound` travels through the job's event stream; wait until it is out before asking.
            let deadline = Date().addingTimeInterval(limit)
            condition.lock()
            while pinsEvents == 0, !cancelled, Date() < deadline { _ = condition.wait(until: deadline) }
            condition.unlock()
            var ask = EventWire(kind: "reviewPins")
            ask.seconds = Int(limit)
            append(ask)
            condition.lock()
            awaitingReview = true
            while reviewAnswer == nil, !cancelled, Date() < deadline { _ = condition.wait(until: deadline) }
            awaitingReview = false
            let answer = reviewAnswer
            reviewAnswer = nil
            condition.unlock()
            guard let answer else { return nil }
            var template = plan.template ?? DeviceTemplate(chip: "TODO")
            template.pins = answer.filter { $0.value.role != .none }
            return template
        }
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    public init() {}

    public func entry(port: String) -> Entry? { lock.withLock { entries[port] } }

    /// Reserves `port` (throws `busy` while its job runs) and starts `makeJob()` on it.
    @discardableResult
    public func start(port: String, _ makeJob: (Entry) -> ConversionJob) throws -> Entry {
        let entry = Entry()
        try lock.withLock {
            if let current = entries[port], current.isRunning { throw StartError.busy(port: port) }
            entries[port] = entry
        }
        let job = makeJob(entry)
        entry.setJob(job)
        return entry
    }

}
