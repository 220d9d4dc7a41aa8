import SerialLink

/// How to listen.
public struct ListenOptions: Sendable {
    /// The rate to start at (OpenBeken and Tuya log at 115200; seed 002 #7: "Log on TX2 should be @ 115200").
    public var baudRate = 115_200
    /// Stop after this long (nil: until `shouldStop`).
    public var timeout: Duration?
    /// Stop as soon as the log gives a verdict.
    public var stopAtVerdict = false
    /// Try the usual rates when bytes do not read as text.
    public var huntRates = true
    /// How long a rate being tried may stay silent before the next one is tried.
    public var rateDwell: Duration = .seconds(2)
    /// With `stopAtVerdict`: give up this long after the start when not a byte arrived (nil: wait for the timeout).
    public var silenceVerdictAfter: Duration?

    /// The usual rates, most likely first: 115200 (Beken SDK, OpenBeken), 921600 and 460800 (flashing rates some
    /// firmwares keep), 74880 (ESP8266 ROM, for a module that is not a Beken), then the slow and fast ends.
    public static let usualRates = [115_200, 921_600, 460_800, 230_400, 74_880, 57_600, 38_400, 19_200, 9_600,
                                    1_500_000, 2_000_000]

    public init(baudRate: Int = 115_200, timeout: Duration? = nil, stopAtVerdict: Bool = false) {
        self.baudRate = baudRate
        self.timeout = timeout
        self.stopAtVerdict = stopAtVerdict
    }
}

/// Listens to a device's log on a link: finds a rate that gives text, feeds the `LogAnalyzer`, reports events as
/// they happen and ends with a verdict (espflash's `monitor` is the model of a monitor in a flashing tool; this one
/// also says what the log means).
public enum LogListener {
    /// Listens until the timeout, `shouldStop`, or (with `stopAtVerdict`) a verdict. `capture` gets every byte read.
    public static func listen(
        on link: any Link, options: ListenOptions, capture: ([UInt8]) -> Void = { _ in },
        shouldStop: () -> Bool = { false }, onEvent: (MonitorEvent) -> Void
    ) throws -> MonitorVerdict {
        let clock = ContinuousClock()
        let started = clock.now
        var analyzer = LogAnalyzer()
        var rate = options.baudRate
        try link.setBaudRate(rate)
        try? link.discardInput()
        var untried = options.huntRates ? ListenOptions.usualRates.filter { $0 != rate } : []
        var readable: Int?
        var unreadable: [Int] = []
        var exhausted = false
        var sample: [UInt8] = []
        var rateSince = clock.now
        var totalBytes = 0

        func judge(_ bytes: [UInt8], at time: Duration) throws {
            if TextJudge.isText(bytes) {
                readable = rate
                if rate != options.baudRate { onEvent(.rateFound(rate)) }
                analyzer.feed(bytes, at: time).forEach(onEvent)
                return
            }
            onEvent(.unreadable(rate: rate, printableShare: TextJudge.printableShare(bytes)))
            unreadable.append(rate)
            try nextRate()
        }

        func nextRate() throws {
            sample.removeAll()
            guard !untried.isEmpty else {
                exhausted = true
                if rate != options.baudRate {
                    rate = options.baudRate
                    try link.setBaudRate(rate)
                }
                return
            }
            rate = untried.removeFirst()
            try link.setBaudRate(rate)
            try? link.discardInput()
            rateSince = clock.now
            onEvent(.trying(rate: rate))
        }

        var time = Duration.zero
        while !shouldStop() {
            time = clock.now - started
            if let timeout = options.timeout, time >= timeout { break }
            let bytes = try link.read(upTo: 4096, timeout: .milliseconds(50))
            time = clock.now - started
            capture(bytes)
            totalBytes += bytes.count
            if readable == nil, exhausted {
                // Every rate tried: stay at the first one and take text if it comes after all.
                sample += bytes
                if sample.count >= TextJudge.sampleSize {
                    if TextJudge.isText(sample) {
                        readable = rate
                        analyzer.feed(sample, at: time).forEach(onEvent)
                    }
                    sample.removeAll()
                }
            } else if readable == nil {
                sample += bytes
                if sample.count >= TextJudge.sampleSize || (bytes.isEmpty && sample.count >= 16) {
                    // A full sample, or a burst that ended (a line or two): enough to tell text from garbage.
                    try judge(sample, at: time)
                    sample.removeAll()
                } else if rate != options.baudRate, clock.now - rateSince >= options.rateDwell {
                    // Quiet at this rate: judge what came, or move on.
                    if sample.count >= 8 { try judge(sample, at: time) } else { try nextRate() }
                    sample.removeAll()
                }
            } else {
                analyzer.feed(bytes, at: time).forEach(onEvent)
            }
            if bytes.isEmpty { analyzer.idle(at: time).forEach(onEvent) }
            if options.stopAtVerdict {
                if exhausted { break }
                if let after = options.silenceVerdictAfter, time >= after, totalBytes == 0 { break }
                if readable != nil, let verdict = analyzer.decisiveVerdict(at: time, rate: readable) {
                    onEvent(.verdict(verdict))
                    return verdict
                }
            }
        }
        if readable == nil, !exhausted, sample.count >= 8 {
            if TextJudge.isText(sample) {
                readable = rate
                analyzer.feed(sample, at: time).forEach(onEvent)
            } else {
                onEvent(.unreadable(rate: rate, printableShare: TextJudge.printableShare(sample)))
                unreadable.append(rate)
            }
        }
        analyzer.idle(at: time + .seconds(1)).forEach(onEvent)
        let verdict = analyzer.verdict(at: time, rate: readable, unreadableRates: unreadable)
        onEvent(.verdict(verdict))
        return verdict
    }
}

/// After flashing: listen on the same port for a few seconds and say whether the firmware started.
public enum BootWatch {
    /// Long enough for OpenBeken's "boot OK" time (5 s) after the boot window, with Wi-Fi and MQTT results.
    public static let defaultDuration: Duration = .seconds(8)

    /// Listens at 115200 from now (call right after rebooting the chip) until a verdict or `duration`.
    public static func watch(link: any Link, duration: Duration = defaultDuration,
                             onEvent: (MonitorEvent) -> Void = { _ in }) throws -> MonitorVerdict {
        var options = ListenOptions(baudRate: 115_200, timeout: duration, stopAtVerdict: true)
        options.rateDwell = .milliseconds(1500)
        // OpenBeken prints its first lines right after the 255 ms boot window: 3 s of nothing means no log here.
        options.silenceVerdictAfter = .seconds(3)
        return try LogListener.listen(on: link, options: options, onEvent: onEvent)
    }
}
