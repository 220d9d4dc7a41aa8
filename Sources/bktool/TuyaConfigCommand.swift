import ArgumentParser
import Foundation
import OpenBeken
import TuyaConfig

/// `bktool tuya-config FILE`: the device's wiring and an OpenBeken template from a Tuya dump, the KV-store
/// region, a boot log or a user_param_key JSON (detected by content).
struct TuyaConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tuya-config",
        abstract: "Extract a Tuya device's pin configuration and build an OpenBeken template.",
        discussion: """
            FILE may be a flash dump (2 MiB, rotated, or only the 72 KiB KV-store region), a UART boot log of the \
            stock firmware, or a user_param_key JSON (as Easy Flasher or bk7231tools export it); the kind is \
            detected from the content. Active levels (*_lv) choose inverted roles where the Tuya config says a \
            signal is active-low/high. Credentials found in a dump (Wi-Fi password, keys, uuid, …) are redacted \
            unless --show-secrets is given.
            """)

    @Argument(help: "The dump, region, boot log or JSON file.")
    var file: String

    @OptionGroup var output: OutputOptions

    @Flag(name: .long, help: "Print only the OpenBeken template JSON.")
    var template = false

    @Flag(name: .long, help: "Print only the human description.")
    var description = false

    @Flag(name: .long, help: "Print only the OpenBeken console script (setPinRole / setPinChannel / StartupCommand).")
    var script = false

    @Flag(name: .long, help: "Do not add NTP and energy statistics to the startup command of metering plugs.")
    var noEnergyStats = false

    @Flag(name: .long, help: "Show credentials (Wi-Fi password, keys, uuid) instead of redacting them.")
    var showSecrets = false

    func validate() throws {
        if [output.json, template, description, script].filter({ $0 }).count > 1 {
            throw ValidationError("choose at most one of --json, --template, --description, --script")
        }
    }

    enum Mode: Sendable {
        case report, json, template, description, script
    }

    var mode: Mode {
        if output.json { return .json }
        if template { return .template }
        if description { return .description }
        if script { return .script }
        return .report
    }

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CLIFailure.badInput("file-unreadable", "cannot read \(file)", hint: "check the path and permissions")
        }
        let text = try Self.render(
            [UInt8](data), mode: mode, energyStatistics: !noEnergyStats, showSecrets: showSecrets)
        Terminal.writeOutput(text + "\n")
    }

    /// The command's output for a file's bytes (throws `TuyaConfigError`, a `CLIFailureConvertible`).
    static func render(_ bytes: [UInt8], mode: Mode, energyStatistics: Bool = true, showSecrets: Bool = false) throws -> String {
        let config = try TuyaConfigReader.read(bytes)
        let report = TuyaConfigReport(
            config: config, options: .init(energyStatistics: energyStatistics), showSecrets: showSecrets)
        switch mode {
        case .json:
            // One compact document with `"ok":true` first (JSONOutput convention).
            guard case .object(let members) = report.json else { return report.json.jsonText }
            return TuyaValue.object([("ok", .bool(true))] + members).jsonText
        case .template: return report.result.template.jsonText
        case .description: return report.result.description.joined(separator: "\n")
        case .script: return report.result.script.joined(separator: "\n")
        case .report: return report.text
        }
    }
}

extension TuyaConfigError: CLIFailureConvertible {
    var cliFailure: CLIFailure {
        switch self {
        case .store(.erased), .store(.noKeyBlock), .store(.noDataBlocks), .store(.tooSmall):
            return .badInput("no-tuya-store", description, hint: "pass a full dump of the stock firmware, or its boot log")
        case .store(.openBekenConfig):
            return .badInput("not-tuya", description, hint: "use `bktool obk-config`")
        case .alreadyTemplate:
            return .badInput("already-template", description, hint: "nothing to convert")
        case .empty, .nothingFound:
            return .badInput("no-tuya-config", description,
                             hint: "pass a dump, the 72 KiB KV region, a boot log or a user_param_key JSON")
        }
    }
}
