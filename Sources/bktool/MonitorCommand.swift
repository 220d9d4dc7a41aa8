import ArgumentParser
import BekenMonitor
import Foundation
import OpenBeken
import SerialLink

/// `bktool monitor`: the device's UART log, live, with timestamps, understood as it streams; ends with a verdict.
struct MonitorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Show a device's UART log live and say what it means (boot loop, wiring, rate, Wi-Fi, pins).",
        discussion: """
            Listens at --baud (115200: the rate of Beken's SDK, Tuya and OpenBeken logs). Bytes that do not read as \
            text make it try 921600, 460800, 230400, 74880 … and say which gives text. A stock Tuya boot log gives \
            the device's pins and an OpenBeken template (--template writes it); an OpenBeken log gives version, chip, \
            boot count, safe mode, access point, Wi-Fi, IP and MQTT; a repeating boot banner gives the restart period. \
            Ends on Ctrl-C, --timeout, or with --until-verdict as soon as there is a verdict, and prints a verdict \
            block. Exit codes: 0 OpenBeken started, Tuya config found or a plain log; 3 boot loop (power); 4 no log \
            (wiring, TX2); 5 unreadable at every rate (ground, rate); 6 OpenBeken reports trouble (safe mode, Wi-Fi, \
            MQTT); 1 the port failed; 2 bad arguments.
            """)

    @Option(name: .shortAndLong, help: "Serial port (a device path or socket://host:port).")
    var port: String

    @Option(name: .shortAndLong, help: "The rate to listen at first.")
    var baud: Int = 115_200

    @Option(name: .long, help: ArgumentHelp("Also write every byte received to FILE (a capture for `tuya-config`).", valueName: "file"))
    var save: String?

    @Option(name: .long, help: ArgumentHelp("Stop after this many seconds.", valueName: "seconds"))
    var timeout: Double?

    @Option(name: .long, help: ArgumentHelp("Write the OpenBeken template found in a Tuya boot log to FILE.", valueName: "file"))
    var template: String?

    @Flag(name: .customLong("until-verdict"), help: "Stop as soon as the log gives a verdict.")
    var untilVerdict = false

    @Flag(name: .customLong("no-rate-search"), help: "Stay at --baud even when the bytes do not read as text.")
    var noRateSearch = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if baud < 300 || baud > 4_000_000 { throw ValidationError("--baud must be between 300 and 4000000") }
        if let timeout, !(timeout > 0) || !timeout.isFinite { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    func run() throws {
        let link = try openLink(url: port, baud: baud)
        defer { link.close() }
        var saved: FileHandle?
        if let save {
            guard FileManager.default.createFile(atPath: save, contents: nil), let handle = FileHandle(forWritingAtPath: save) else {
                throw CLIFailure.badInput("save-failed", "cannot create \(save)", hint: "check the directory exists and is writable")
            }
            saved = handle
        }
        defer { try? saved?.close() }
        var options = ListenOptions(baudRate: baud, timeout: timeout.map { .milliseconds(Int($0 * 1000)) },
                                    stopAtVerdict: untilVerdict)
        options.huntRates = !noRateSearch
        Interrupt.arm()
        if !output.json {
            Terminal.writeError("listening on \(port) at \(baud) baud\(untilVerdict ? " until a verdict" : "")"
                + "\(timeout.map { " for at most \($0) s" } ?? ""); Ctrl-C to stop\n")
        }
        var renderer = MonitorRenderer(json: output.json)
        var templateError: Error?
        let verdict = try LogListener.listen(
            on: link, options: options, capture: { bytes in if !bytes.isEmpty { saved?.write(Data(bytes)) } },
            shouldStop: { Interrupt.handle.isCancelled }
        ) { event in
            renderer.render(event)
            if case .tuyaTemplate(let result) = event, let template {
                do { try Data((result.template.jsonText + "\n").utf8).write(to: URL(fileURLWithPath: template)) }
                catch { templateError = error }
            }
        }
        if let templateError, let template {
            throw CLIFailure.failed("template-write-failed", "could not write \(template): \(templateError.localizedDescription)",
                                    hint: "check the directory exists and is writable")
        }
        if output.json {
            JSONOutput.emit(MonitorResult(ok: MonitorText.exitCode(verdict.kind) == 0, port: port,
                                          template: verdict.tuya != nil ? template : nil, result: VerdictJSON(verdict)))
        } else {
            var extra: [String] = []
            if let rate = verdict.rate { extra.append("rate: \(rate) baud, \(verdict.bytesReceived) bytes") }
            if !verdict.openBeken.isEmpty { extra.append("OpenBeken: " + MonitorText.openBekenSummary(verdict.openBeken)) }
            if let tuya = verdict.tuya {
                extra.append("pins: " + tuya.template.pins.keys.sorted().map { "\($0) \(tuya.template.pins[$0]!)" }.joined(separator: ", "))
                if let template {
                    extra.append("template written to \(template)")
                } else {
                    extra.append("OpenBeken template (--template FILE writes it):")
                    extra += tuya.template.jsonText.split(separator: "\n").map { "  " + $0 }
                }
            } else if let template {
                extra.append("no Tuya configuration in this log: \(template) not written")
            }
            Terminal.writeOutput(MonitorText.block(title: MonitorText.title(verdict.kind), findings: verdict.findings,
                                                   extra: extra))
        }
        let code = MonitorText.exitCode(verdict.kind)
        if code != 0 { throw ExitCode(code) }
    }

    struct MonitorResult: Encodable {
        let ok: Bool
        let port: String
        let template: String?
        let result: VerdictJSON
    }
}

/// Prints monitor events: log lines with timestamps on stdout, the monitor's own notes on stderr (or JSON lines).
struct MonitorRenderer {
    let json: Bool
    /// Prefix for the notes ("" for monitor, "  " inside `flash`).
    var indent = ""
    /// Show log lines (the post-flash watch shows only the notes unless asked).
    var showLines = true

    struct Line: Encodable {
        let event: String
        let t: Double?
        let text: String
    }

    mutating func render(_ event: MonitorEvent) {
        switch event {
        case .line(let text, let time):
            guard showLines else { return }
            if json { JSONOutput.emit(Line(event: "line", t: MonitorText.value(time), text: text)) }
            else { Terminal.writeOutput("\(indent)[\(pad(MonitorText.seconds(time)))] \(text)\n") }
        case .unreadable(let rate, let share):
            note("unreadable", "bytes at \(rate) baud are not text (\(Int(share * 100)) % printable)")
        case .trying(let rate):
            note("trying", "listening at \(rate) baud")
        case .rateFound(let rate):
            note("rate-found", "text at \(rate) baud")
        case .start(let number, let time):
            if number > 1 { note("restart", "the chip started again (start \(number), at \(MonitorText.seconds(time)) s)") }
        case .openBeken(let facts):
            note("openbeken", "OpenBeken: " + MonitorText.openBekenSummary(facts))
        case .tuyaTemplate(let result):
            note("tuya-pins", "Tuya config: pins " + result.template.pins.keys.sorted()
                .map { "\($0) \(result.template.pins[$0]!)" }.joined(separator: ", "))
        case .verdict:
            break
        }
    }

    private func note(_ event: String, _ text: String) {
        if json { JSONOutput.emit(Line(event: event, t: nil, text: text)) }
        else { Terminal.writeError("\(indent)» \(text)\n") }
    }

    private func pad(_ text: String) -> String {
        String(repeating: " ", count: max(0, 8 - text.count)) + text
    }
}
