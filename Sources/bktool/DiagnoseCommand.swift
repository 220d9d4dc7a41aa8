import ArgumentParser
import BekenImage
import BekenMonitor
import Foundation

/// `bktool diagnose FILE…`: the diagnosis rules over whatever the user has — flash dumps, firmware files, a
/// flasher's log, a UART log (each file's kind is told from its content).
struct DiagnoseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagnose",
        abstract: "Say what is wrong from a device's dumps, firmware files, flasher logs and UART logs.",
        discussion: """
            Give every file you have about one device: `bktool chip-info --json` output, a backup or dump (its bootloader and app are checked), the \
            file you flashed (an eFuse backup is not firmware), the flasher's log (ltchiptool or BK7231GUIFlashTool: \
            where it wrote, whether it verified), a UART log (boot loop, safe mode, Wi-Fi, Tuya pins). Each finding \
            names the field report or document its rule comes from, and the next step. Exit 0 when the files were \
            read (whatever was found), 2 when a file cannot be read.
            """)

    @Argument(help: "Dumps, firmware files, flasher logs, UART logs.")
    var files: [String]

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one file") }
    }

    func run() throws {
        var evidence = Evidence()
        var described: [(name: String, kind: String)] = []
        var logBytes: [UInt8] = []
        var logSeen = false
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CLIFailure.badInput("file-unreadable", "cannot read \(path)", hint: "check the path and permissions")
            }
            let bytes = [UInt8](data)
            let name = URL(fileURLWithPath: path).lastPathComponent
            if bytes.isEmpty {
                // An empty capture (`monitor --save` of a silent UART): the log said nothing.
                logSeen = true
                described.append((name, "empty UART capture"))
                continue
            }
            if let chip = Self.chipInfo(bytes) {
                evidence.chip = chip
                described.append((name, "chip-info of a \(chip.chip)"))
                continue
            }
            if bytes.count > 64, TextJudge.isText(bytes.prefix(8192)) {
                let flasherLog = FlasherLog.read(String(decoding: bytes, as: UTF8.self))
                if flasherLog.isFlasherLog {
                    evidence.flasherLogs.append(flasherLog)
                    described.append((name, "\(flasherLog.tool ?? "flasher") log"))
                } else {
                    logBytes += bytes + [0x0A]
                    logSeen = true
                    described.append((name, "UART log"))
                }
                continue
            }
            let classification = FileClassifier.classify(bytes)
            let report = classification.kind.holdsCode ? DumpAnalyzer.analyze(bytes) : nil
            evidence.files.append(.init(name: name, classification: classification, report: report))
            described.append((name, classification.kind.summary))
        }
        if logSeen {
            // A saved log has no times: starts are counted, the period is not known.
            var analyzer = LogAnalyzer()
            _ = analyzer.feed(logBytes, at: .zero)
            _ = analyzer.idle(at: .seconds(1))
            evidence.log = analyzer.verdict(at: .zero, rate: nil, unreadableRates: [])
        }
        let findings = DiagnosisRules.findings(for: evidence)
        if output.json {
            JSONOutput.emit(Result(files: described.map { FileJSON(name: $0.name, kind: $0.kind) },
                                   log: evidence.log.map { $0.kind.rawValue }, findings: findings.map(FindingJSON.init)))
            return
        }
        let extra = described.map { "\($0.name): \($0.kind)" }
            + (evidence.log.map { ["UART log: " + MonitorText.title($0.kind)] } ?? [])
        let title = findings.isEmpty ? "nothing wrong found in these files" : "\(findings.count) finding\(findings.count == 1 ? "" : "s")"
        Terminal.writeOutput(MonitorText.block(title: title, findings: findings, extra: extra))
    }

    /// `bktool chip-info --json` output: the chip answered the flasher on UART1.
    static func chipInfo(_ bytes: [UInt8]) -> Evidence.ChipFacts? {
        guard bytes.count < 65_536, bytes.first == UInt8(ascii: "{"),
              let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              let chip = object["chip"] as? String, object["chipID"] != nil || object["flashID"] != nil else { return nil }
        return Evidence.ChipFacts(chip: chip, bootloader: object["bootloader"] as? String)
    }

    struct FileJSON: Encodable {
        let name: String
        let kind: String
    }

    struct Result: Encodable {
        let ok = true
        let files: [FileJSON]
        let log: String?
        let findings: [FindingJSON]
    }
}
