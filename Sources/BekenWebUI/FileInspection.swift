import BekenImage
import BekenMonitor
import Foundation
import OpenBeken
import TuyaConfig

/// The page's second tab: what a dropped dump or boot log holds, from the same library calls as `inspect`
/// (`DumpAnalyzer`, `WritePlanner`, `DiagnosisRules`), `tuya-config` (`TuyaConfigReader`, `TuyaConfigReport`,
/// secrets redacted unless asked) and `monitor` (`LogAnalyzer` over a boot log). Facts only; the page words them.
public struct FileInspection: Encodable, Sendable {
    public struct FindingWire: Encodable, Sendable {
        public var code: String
        public var next: String
        public var facts: [[String]]
    }

    public struct TuyaWire: Encodable, Sendable {
        /// The human report (its own words, as `tuya-config` prints them) and the template JSON.
        public var text: String?
        public var template: String?
        public var module: String?
        public var pins: [EventWire.PinWire]?
        /// Why no Tuya configuration was read (the reader's reason).
        public var error: String?
    }

    public var name: String
    public var size: Int
    public var report: DumpReport
    public var writePlanOffset: Int?
    public var refusal: String?
    public var findings: [FindingWire]
    /// The boot log's verdict kind (`tuya-config`, `boot-loop`, …), for text files.
    public var logVerdict: String?
    public var tuya: TuyaWire

    public static func inspect(_ bytes: [UInt8], name: String, showSecrets: Bool) -> FileInspection {
        let report = DumpAnalyzer.analyze(bytes, target: nil)
        var offset: Int?
        var refusal: String?
        if let chip = report.chip.chip {
            do { offset = try WritePlanner.plan(for: report, requestedOffset: nil, chip: chip).flashOffset } catch {
                refusal = error.message
            }
        }
        let files = [Evidence.File(name: name, classification: report.classification, report: report)]
        var evidence = Evidence(files: files)
        var logVerdict: String?
        if looksLikeText(bytes) {
            var analyzer = LogAnalyzer()
            _ = analyzer.feed(bytes, at: .zero)
            let verdict = analyzer.verdict(at: LogAnalyzer.stableAfter * 2, rate: nil, unreadableRates: [])
            logVerdict = verdict.kind.rawValue
            evidence = Evidence(log: verdict, files: files)
        }
        let findings = DiagnosisRules.findings(for: evidence).map {
            FindingWire(code: $0.code.rawValue, next: $0.next.rawValue, facts: $0.facts.map { [$0.name, $0.value] })
        }
        return FileInspection(name: name, size: bytes.count, report: report, writePlanOffset: offset, refusal: refusal,
                              findings: findings, logVerdict: logVerdict, tuya: tuya(bytes, showSecrets: showSecrets))
    }

    static func tuya(_ bytes: [UInt8], showSecrets: Bool) -> TuyaWire {
        do {
            let report = TuyaConfigReport(config: try TuyaConfigReader.read(bytes), showSecrets: showSecrets)
            let template = report.result.template
            let pins = template.pins.sorted { $0.key < $1.key }
                .map { EventWire.PinWire(pin: $0.key, role: $0.value.role.rawValue, channel: $0.value.channel) }
            return TuyaWire(text: report.text, template: template.jsonText,
                            module: template.board == "TODO" ? nil : template.board, pins: pins)
        } catch {
            return TuyaWire(error: "\(error)")
        }
    }

    /// A boot log: nearly all bytes printable ASCII or line breaks (a flash dump is mostly binary).
    static func looksLikeText(_ bytes: [UInt8]) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 4 << 20 else { return false }
        let printable = bytes.lazy.filter { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }.count
        return printable * 100 >= bytes.count * 95
    }
}
