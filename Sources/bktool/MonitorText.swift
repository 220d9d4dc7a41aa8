import BekenMonitor
import Foundation
import OpenBeken

/// Sentences for the monitor's verdicts and the diagnosis findings (the library speaks in codes and facts).
enum MonitorText {
    /// Exit codes per verdict (README "Monitor verdicts"): 0 it runs / config found / a plain log, 3 boot loop,
    /// 4 no log, 5 unreadable at every rate, 6 the firmware reports trouble.
    static func exitCode(_ kind: MonitorVerdict.Kind) -> Int32 {
        switch kind {
        case .openBekenStarted, .tuyaConfig, .logOnly: 0
        case .bootLoop: 3
        case .silence: 4
        case .unreadable: 5
        case .firmwareTrouble: 6
        }
    }

    static func title(_ kind: MonitorVerdict.Kind) -> String {
        switch kind {
        case .openBekenStarted: "OpenBeken started"
        case .tuyaConfig: "stock Tuya firmware; its wiring found in the boot log"
        case .firmwareTrouble: "OpenBeken runs but reports trouble"
        case .bootLoop: "boot loop"
        case .unreadable: "unreadable log"
        case .silence: "no log"
        case .logOnly: "a log, nothing to diagnose in it"
        }
    }

    /// "version 1.0.0-demo, chip BK7231N, joined HomeWiFi as 192.168.1.57, MQTT connected to 192.168.1.10:1883".
    static func openBekenSummary(_ facts: OpenBekenFacts) -> String {
        var parts: [String] = []
        if let version = facts.version { parts.append("version \(version)") }
        if let chip = facts.chip { parts.append("chip \(chip)") }
        if let count = facts.bootCount { parts.append("boot count \(count)") }
        if facts.safeMode { parts.append("SAFE MODE") }
        if let ap = facts.accessPoint { parts.append("access point \(ap)") }
        switch facts.wifi {
        case .joined(let ssid): parts.append("joined \(ssid ?? "Wi-Fi")" + (facts.ipAddress.map { " as \($0)" } ?? ""))
        case .connecting(let ssid): parts.append("joining \(ssid)")
        case .failed(let ssid, let reason): parts.append("could not join \(ssid ?? "Wi-Fi") (\(reason))")
        case nil: break
        }
        switch facts.mqtt {
        case .connected(let host): parts.append("MQTT connected" + (host.map { " to \($0)" } ?? ""))
        case .failed(let reason): parts.append("MQTT failed (\(reason))")
        case .notConfigured: parts.append("MQTT not configured")
        case nil: break
        }
        return parts.joined(separator: ", ")
    }

    static func sentence(_ finding: Finding) -> String {
        let fact = finding.fact
        switch finding.code {
        case .bootLoop:
            let period = fact("periodSeconds").map { "every \($0) s" } ?? "over and over"
            let reasons = fact("resetReasons").map { "; reset reasons \($0)" } ?? ""
            return "The chip restarts \(period) (\(fact("starts") ?? "?") starts seen\(reasons)): it browns out, typically when Wi-Fi starts."
        case .noLog:
            let answered = fact("chipAnswered").map { " The chip answers the flasher (\($0)), so power and UART1 work." } ?? ""
            return "Nothing arrived on this UART.\(answered) Many modules log on UART2 (TX2 = P0) while flashing uses UART1 (TX1 = P11)."
        case .unreadableLog:
            return "Bytes arrive but no rate gives text (tried \(fact("ratesTried") ?? "?")): wrong rate, or no common ground."
        case .logAtOtherRate:
            return "The log reads at \(fact("rate") ?? "?") baud, not 115200."
        case .openBekenAccessPoint:
            return "OpenBeken opened its access point \"\(fact("accessPoint") ?? "?")\"."
        case .openBekenOnline:
            let mqtt = fact("mqtt").map { ", MQTT \($0)" } ?? ""
            return "OpenBeken joined \"\(fact("ssid") ?? "?")\" as \(fact("ip") ?? "?")\(mqtt)."
        case .safeMode:
            return "OpenBeken is in safe mode (boot count \(fact("bootCount") ?? "?")): it failed to start several times in a row."
        case .wifiJoinFailed:
            return "OpenBeken could not join \"\(fact("ssid") ?? "?")\" (\(fact("reason") ?? "?"))."
        case .mqttFailed:
            return "OpenBeken could not reach its MQTT broker (\(fact("reason") ?? "?"))."
        case .tuyaConfigInLog:
            return "The stock firmware's boot log names the pins: \(fact("pins") ?? "?")."
        case .efuseFileAsFirmware:
            let written = fact("writtenAt").map { ", and the flasher log shows it written at \($0)" } ?? ""
            return "\(fact("file") ?? "?") is an eFuse backup, not firmware\(written)."
        case .writtenAtAppOffset:
            return "The flasher wrote from \(fact("start") ?? "?"): the bootloader (0x0–0x10FFF) was not touched by that write."
        case .bootloaderDamaged:
            return "\(fact("file") ?? "?"): the bootloader at 0x0 is \(fact("bootloader") ?? "damaged") — this flash cannot boot (overwritten by an earlier write)."
        case .appDamaged:
            return "\(fact("file") ?? "?"): the app partition will not boot (\(fact("reason") ?? "?"))."
        case .verifiedButNoStart:
            let verified = fact("verifiedByCRC") == "yes" ? "the flasher verified the write by CRC" : "the flasher reported success"
            return "The firmware is in flash (\(verified)), yet the log shows \(fact("log") ?? "?"): the trouble is starting it, not writing it."
        }
    }

    static func advice(_ next: Finding.NextStep, finding: Finding) -> String? {
        switch next {
        case .useStrongSupply:
            return "power the module from a regulated 3.3 V supply that gives at least 300 mA (not the USB adapter's 3.3 V pin), with a common ground, then power-cycle it"
        case .checkWiringAndTX2:
            return "connect the adapter's RX to the module's TX2 (P0) and GND to GND, listen at 115200, and check CEN is not held low; or just look for the device's access point"
        case .checkGroundAndRate:
            return "connect GND of adapter and module, keep wires short, and listen at 115200 (then 921600, 460800)"
        case .useFoundRate:
            return "set your terminal to \(finding.fact("rate") ?? "that rate") baud"
        case .joinAccessPoint:
            return "join the Wi-Fi \"\(finding.fact("accessPoint") ?? "OpenBK…")\" and open http://192.168.4.1 to set up Wi-Fi"
        case .openDeviceAddress:
            return "open http://\(finding.fact("ip") ?? "its address")/"
        case .checkWiFiCredentials:
            return "check the SSID and password (`bktool obk-config`), and that the network is 2.4 GHz"
        case .checkMQTTBroker:
            return "check the broker's host, port, user and password, and that it accepts connections from the device"
        case .flashWithTemplate:
            return "flash OpenBeken with these pins: `bktool flash FIRMWARE -p PORT --template TEMPLATE.json`"
        case .restoreFullFirmwareFromZero:
            return "write a whole known-good firmware (your full backup, or a factory dump for this chip) from 0x0 with `bktool write-flash -p PORT 0x0 FILE --force`, on a strong 3.3 V supply; then flash OpenBeken"
        case .flashOpenBeken:
            return "flash OpenBeken's image for this chip (the N variant on BK7231N): `bktool flash OpenBK7231N_UA_….bin -p PORT`"
        case .none:
            return nil
        }
    }

    /// The verdict block printed at the end of `monitor` and `diagnose`.
    static func block(title: String, findings: [Finding], extra: [String] = []) -> String {
        var lines = ["", "── verdict: \(title) " + String(repeating: "─", count: max(4, 60 - title.count))]
        lines += extra.map { "  " + $0 }
        for finding in findings {
            lines.append("  • " + sentence(finding))
            if let advice = advice(finding.next, finding: finding) { lines.append("    next: " + advice) }
            lines.append("    (\(finding.code.rawValue); from \(finding.source))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Seconds with milliseconds ("12.345"), for log timestamps.
    static func seconds(_ duration: Duration) -> String { String(format: "%.3f", value(duration)) }

    /// Seconds with one decimal ("2.0"), for periods.
    static func tenths(_ duration: Duration) -> String { String(format: "%.1f", value(duration)) }

    static func value(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// JSON shapes shared by `monitor`, `diagnose` and the post-flash watch.
struct FindingJSON: Encodable {
    let code: String
    let facts: [String: String]
    let next: String
    let advice: String?
    let text: String
    let source: String

    init(_ finding: Finding) {
        code = finding.code.rawValue
        facts = Dictionary(finding.facts.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
        next = finding.next.rawValue
        advice = MonitorText.advice(finding.next, finding: finding)
        text = MonitorText.sentence(finding)
        source = finding.source
    }
}

struct VerdictJSON: Encodable {
    let verdict: String
    let exitCode: Int32
    let rate: Int?
    let bytes: Int
    let starts: Int
    let restartPeriodSeconds: Double?
    let openBeken: String?
    let pins: [String: String]?
    let findings: [FindingJSON]

    init(_ verdict: MonitorVerdict) {
        self.verdict = verdict.kind.rawValue
        exitCode = MonitorText.exitCode(verdict.kind)
        rate = verdict.rate
        bytes = verdict.bytesReceived
        starts = verdict.starts
        restartPeriodSeconds = verdict.restartPeriod.map(MonitorText.value)
        openBeken = verdict.openBeken.isEmpty ? nil : MonitorText.openBekenSummary(verdict.openBeken)
        pins = verdict.tuya.map { result in
            Dictionary(uniqueKeysWithValues: result.template.pins.map { (String($0.key), $0.value.description) })
        }
        findings = verdict.findings.map(FindingJSON.init)
    }
}
