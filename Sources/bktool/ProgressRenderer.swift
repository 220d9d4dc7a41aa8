/// Renders one task's progress: a bar with percent, rate and ETA on stderr when it is a terminal, JSON lines on
/// stdout with `--json`, nothing otherwise (so logs stay clean). Notes (baud changes, retries, prompts) go to
/// stderr as their own lines, or as JSON lines.
final class ProgressRenderer {
    enum Mode { case bar, json, silent }

    /// `--quiet`: no notes either (errors and the summary still appear).
    var quiet = false

    struct JSONEvent: Encodable {
        let event: String
        let task: String?
        let done: Int?
        let total: Int?
        let message: String?
        let bytesPerSecond: Int?
    }

    let mode: Mode
    private let clock = ContinuousClock()
    private var task = ""
    private var total = 0
    private var done = 0
    private var started: ContinuousClock.Instant
    private var lastDraw: ContinuousClock.Instant
    private var lastJSONPercent = -1
    private var barVisible = false

    init(mode: Mode) {
        self.mode = mode
        started = clock.now
        lastDraw = started
    }

    /// `--json` → JSON lines; `--quiet` or stderr not a terminal → silent; else a bar.
    convenience init(options: OutputOptions) {
        if options.json {
            self.init(mode: .json)
        } else if options.quiet || !Terminal.stderrIsTTY {
            self.init(mode: .silent)
        } else {
            self.init(mode: .bar)
        }
        quiet = options.quiet
    }

    func begin(_ task: String, total: Int) {
        clearBar()
        self.task = task
        self.total = max(total, 0)
        done = 0
        started = clock.now
        lastDraw = started - .seconds(1)
        lastJSONPercent = -1
        switch mode {
        case .json: JSONOutput.emit(JSONEvent(event: "begin", task: task, done: 0, total: total, message: nil,
                                              bytesPerSecond: nil))
        case .bar: draw(force: true)
        case .silent: break
        }
    }

    func update(done: Int) {
        self.done = min(max(done, 0), max(total, done))
        switch mode {
        case .json:
            let percent = total > 0 ? self.done * 100 / total : 100
            if percent != lastJSONPercent {
                lastJSONPercent = percent
                JSONOutput.emit(JSONEvent(event: "progress", task: task, done: self.done, total: total, message: nil,
                                          bytesPerSecond: rate.map { Int($0) }))
            }
        case .bar: draw(force: false)
        case .silent: break
        }
    }

    func finish(_ message: String? = nil) {
        done = total
        switch mode {
        case .json:
            JSONOutput.emit(JSONEvent(event: "end", task: task, done: total, total: total, message: message,
                                      bytesPerSecond: rate.map { Int($0) }))
        case .bar:
            draw(force: true)
            Terminal.writeError("\n")
            barVisible = false
            if let message { Terminal.writeError(message + "\n") }
        case .silent: break
        }
    }

    /// A note that stays visible: baud change, retry, reset prompt, skipped sectors.
    func note(_ message: String, kind: String = "note") {
        switch mode {
        case .json:
            JSONOutput.emit(JSONEvent(event: kind, task: nil, done: nil, total: nil, message: message,
                                      bytesPerSecond: nil))
        case .bar:
            clearBar()
            Terminal.writeError(message + "\n")
            draw(force: true)
        case .silent:
            if !quiet { Terminal.writeError(message + "\n") }
        }
    }

    /// A line that rewrites itself (the manual-reset countdown).
    func countdown(_ message: String, secondsLeft: Int) {
        switch mode {
        case .json:
            JSONOutput.emit(JSONEvent(event: "reset-prompt", task: nil, done: nil, total: secondsLeft, message: message,
                                      bytesPerSecond: nil))
        case .bar:
            Terminal.writeError("\r" + message + "\u{1B}[K")
            barVisible = true
        case .silent:
            Terminal.writeError(message + "\n")
        }
    }

    /// Ends a countdown line.
    func endCountdown() {
        if mode == .bar, barVisible {
            Terminal.writeError("\n")
            barVisible = false
        }
    }

    /// Bytes per second since `begin`, once there is something to measure.
    var rate: Double? {
        let elapsed = seconds(clock.now - started)
        guard elapsed > 0.05, done > 0 else { return nil }
        return Double(done) / elapsed
    }

    private func draw(force: Bool) {
        guard mode == .bar, !task.isEmpty else { return }
        let now = clock.now
        if !force, now - lastDraw < .milliseconds(100) { return }
        lastDraw = now
        let width = Terminal.stderrWidth
        let fraction = total > 0 ? Double(done) / Double(total) : 1
        let percent = Int(fraction * 100)
        var tail = " \(pad(percent, 3))%"
        if let rate {
            tail += "  \(ProgressRenderer.formatRate(rate))"
            if done < total, rate > 0 {
                tail += "  ETA \(ProgressRenderer.formatDuration(Double(total - done) / rate))"
            }
        }
        let head = task + " "
        // A fixed reserve for the tail keeps the bar from changing length as rate and ETA appear.
        let barWidth = max(10, width - head.count - max(tail.count, 34) - 3)
        let filled = min(barWidth, Int(fraction * Double(barWidth)))
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: barWidth - filled) + "]"
        Terminal.writeError("\r" + head + bar + tail + "\u{1B}[K")
        barVisible = true
    }

    private func clearBar() {
        if barVisible {
            Terminal.writeError("\r\u{1B}[K")
            barVisible = false
        }
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }

    static func formatRate(_ bytesPerSecond: Double) -> String {
        if bytesPerSecond >= 1024 * 1024 { return String(format1: bytesPerSecond / 1024 / 1024) + " MiB/s" }
        return String(format1: bytesPerSecond / 1024) + " KiB/s"
    }

    static func formatDuration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        return total >= 60 ? "\(total / 60)m\(pad2(total % 60))s" : "\(total)s"
    }

    private static func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

/// Seconds of a Duration as a Double.
func seconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
}

extension String {
    /// One decimal place, without Foundation's locale handling.
    init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(abs(tenths % 10))"
    }
}
