import OpenBeken

/// Understands a UART log while it streams: feed it the bytes read at a readable rate, with the device time they
/// arrived; it returns what changed. Pure: no I/O, no clock.
public struct LogAnalyzer: Sendable {
    private var lines = LineAssembler()
    private var boots = BootTracker()
    private var tuya = TuyaLogWatcher()
    public private(set) var openBeken = OpenBekenFacts()
    public private(set) var bytesReceived = 0
    public private(set) var linesSeen = 0
    /// The first and the last time a byte arrived.
    public private(set) var firstByteAt: Duration?
    public private(set) var lastByteAt: Duration?

    public init() {}

    /// Adds bytes received at `time`.
    public mutating func feed(_ bytes: [UInt8], at time: Duration) -> [MonitorEvent] {
        guard !bytes.isEmpty else { return [] }
        bytesReceived += bytes.count
        if firstByteAt == nil { firstByteAt = time }
        lastByteAt = time
        return lines.add(bytes, at: time).flatMap { read($0, at: time) }
    }

    /// Call when no bytes came for a while: a line still open is taken as complete.
    public mutating func idle(at time: Duration) -> [MonitorEvent] {
        guard let since = lines.pendingSince, time - since >= .milliseconds(150), let line = lines.flush() else { return [] }
        return read(line, at: time)
    }

    private mutating func read(_ line: String, at time: Duration) -> [MonitorEvent] {
        linesSeen += 1
        var events: [MonitorEvent] = [.line(line, at: time)]
        if boots.note(line, at: time) { events.append(.start(number: boots.starts.count, at: time)) }
        let before = openBeken
        if OpenBekenLogReader.read(line, into: &openBeken), openBeken != before { events.append(.openBeken(openBeken)) }
        if tuya.add(line, at: time), let result = tuya.result { events.append(.tuyaTemplate(result)) }
        return events
    }

    /// How long a start must last before it counts as good.
    public static let stableAfter: Duration = .seconds(5)

    /// A verdict that needs no more listening, if the log already gives one at `time`.
    public func decisiveVerdict(at time: Duration, rate: Int?) -> MonitorVerdict? {
        if boots.isLooping(at: time) {
            return verdict(at: time, rate: rate, unreadableRates: [])
        }
        // A start counts once it has lasted OpenBeken's "boot OK" time (5 s, OBK new_cfg.c): a supply that sags
        // when Wi-Fi starts resets the chip after its access point line (seed 004 #18).
        // Without a start seen (the monitor came late), the time since the first byte counts.
        guard let since = boots.starts.last ?? firstByteAt, time - since >= Self.stableAfter else { return nil }
        if openBeken.hasOutcome {
            // Wait for MQTT's word when Wi-Fi joined (it follows within a second or two).
            if case .joined = openBeken.wifi, openBeken.mqtt == nil,
               let last = lastByteAt, time - last < .seconds(3) { return nil }
            return verdict(at: time, rate: rate, unreadableRates: [])
        }
        if let changed = tuya.changedAt, time - changed >= .seconds(2) {
            return verdict(at: time, rate: rate, unreadableRates: [])
        }
        return nil
    }

    /// The verdict on everything seen so far.
    public func verdict(at time: Duration, rate: Int?, unreadableRates: [Int]) -> MonitorVerdict {
        var verdict = MonitorVerdict(
            kind: .logOnly, rate: rate, openBeken: openBeken, tuya: tuya.result, restartPeriod: boots.loopPeriod,
            starts: boots.starts.count, resetReasons: boots.resetReasons, unreadableRates: unreadableRates,
            bytesReceived: bytesReceived, findings: [])
        if bytesReceived == 0 {
            verdict.kind = unreadableRates.isEmpty ? .silence : .unreadable
        } else if boots.isLooping(at: time) {
            verdict.kind = .bootLoop
        } else if openBeken.safeMode || isFailure(openBeken.wifi) || isFailure(openBeken.mqtt) {
            verdict.kind = .firmwareTrouble
        } else if openBeken.hasOutcome {
            verdict.kind = .openBekenStarted
        } else if tuya.result != nil {
            verdict.kind = .tuyaConfig
        }
        verdict.findings = DiagnosisRules.findings(for: Evidence(log: verdict))
        return verdict
    }

    private func isFailure(_ wifi: OpenBekenFacts.WiFi?) -> Bool {
        if case .failed = wifi { return true }
        return false
    }

    private func isFailure(_ mqtt: OpenBekenFacts.MQTT?) -> Bool {
        if case .failed = mqtt { return true }
        return false
    }
}
