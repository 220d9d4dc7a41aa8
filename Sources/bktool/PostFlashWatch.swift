import BekenMonitor
import Foundation
import OpenBeken
import SerialLink

/// After `flash` rebooted the chip: listen on the same port (`BootWatch`) and say whether OpenBeken started, what
/// went wrong, or that this UART carries no log (many modules log on TX2 only, seed 000).
enum PostFlashWatch {
    struct Report: Encodable {
        let event = "boot-watch"
        let ok: Bool
        let text: String
        let result: VerdictJSON
    }

    /// What the watch saw, for the summary that follows it: the verdict, the line printed, and `flash`'s exit code.
    struct Outcome: Encodable {
        let verdict: String
        let ok: Bool
        let text: String
        let exitCode: Int32
    }

    /// `flash`'s exit code for what the watch saw: 3 boot loop, 6 the firmware did not start or reports trouble;
    /// no log or an unreadable one is 0 (normal on modules that log on TX2).
    static func exitCode(_ kind: MonitorVerdict.Kind) -> Int32 {
        switch kind {
        case .bootLoop: 3
        case .firmwareTrouble, .tuyaConfig: 6
        case .openBekenStarted, .silence, .unreadable, .logOnly: 0
        }
    }

    /// Listens, prints one line (or a JSON line) and returns what it saw with `flash`'s exit code.
    static func run(link: any Link, config: OBKConfig, output: OutputOptions) throws -> Outcome {
        if !output.json {
            Terminal.writeOutput("Watching the device's log on this port for up to \(Int(BootWatch.defaultDuration / .seconds(1))) s (--no-watch skips this)…\n")
        }
        var renderer = MonitorRenderer(json: output.json)
        renderer.indent = "  "
        renderer.showLines = false
        let verdict = try BootWatch.watch(link: link) { renderer.render($0) }
        let text = sentence(verdict, config: config)
        let code = exitCode(verdict.kind)
        last.set(code == 0 ? text : ([text] + verdict.findings.compactMap { MonitorText.advice($0.next, finding: $0) }
            .prefix(1).map { "next: " + $0 }).joined(separator: "\n"))
        if output.json {
            JSONOutput.emit(Report(ok: code == 0, text: text, result: VerdictJSON(verdict)))
        } else {
            Terminal.writeOutput(text + "\n")
            for finding in verdict.findings where code != 0 {
                Terminal.writeOutput("  • " + MonitorText.sentence(finding) + "\n")
                if let advice = MonitorText.advice(finding.next, finding: finding) {
                    Terminal.writeOutput("    next: " + advice + "\n")
                }
            }
        }
        return Outcome(verdict: verdict.kind.rawValue, ok: code == 0, text: text, exitCode: code)
    }

    /// The last watch's outcome as printed (`demo` repeats it as its closing line).
    static let last = LastOutcome()

    final class LastOutcome: @unchecked Sendable {
        private let lock = NSLock()
        private var text: String?

        func set(_ value: String) { lock.withLock { text = value } }
        var value: String? { lock.withLock { text } }
    }

    static func sentence(_ verdict: MonitorVerdict, config: OBKConfig) -> String {
        let facts = verdict.openBeken
        switch verdict.kind {
        case .openBekenStarted:
            var parts = ["OpenBeken started: version \(facts.version ?? "unknown")"]
            if case .joined(let ssid) = facts.wifi {
                parts.append("joined \(ssid ?? config.wifiSSID) as \(facts.ipAddress ?? "?")")
            } else if let ap = facts.accessPoint {
                parts.append("access point \(ap) (join it and open http://192.168.4.1)")
            }
            switch facts.mqtt {
            case .connected(let host): parts.append("MQTT connected" + (host.map { " to \($0)" } ?? ""))
            case .notConfigured: parts.append("MQTT not configured")
            default: break
            }
            return parts.joined(separator: ", ")
        case .bootLoop:
            let period = verdict.restartPeriod.map { "every \(MonitorText.tenths($0)) s" } ?? "over and over"
            return "The firmware was written and verified, but the chip restarts \(period): its 3.3 V supply sags (boot loop)."
        case .firmwareTrouble:
            return "OpenBeken started but reports trouble: " + MonitorText.openBekenSummary(facts)
        case .silence:
            let target = config.wifiSSID.isEmpty
                ? "look for the access point \(config.longDeviceName)"
                : "look for \(config.shortDeviceName) on \(config.wifiSSID) (or the access point \(config.longDeviceName) if it cannot join)"
            return "No log on this UART (normal for modules that log on TX2): \(target)."
        case .unreadable:
            return "The log on this UART is unreadable at every usual rate: check the common ground; \(config.wifiSSID.isEmpty ? "look for the access point \(config.longDeviceName)" : "look for \(config.shortDeviceName) on \(config.wifiSSID)")."
        case .tuyaConfig:
            return "The chip still runs the stock Tuya firmware (its boot log is on this UART): the new firmware did not start."
        case .logOnly:
            return "The device logs on this UART, but nothing in the first seconds says OpenBeken started: run `bktool monitor -p PORT` to see it."
        }
    }
}
