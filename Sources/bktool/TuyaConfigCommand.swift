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
            detected from the content. Credentials found in a dump (Wi-Fi password, keys, uuid, …) are redacted \
            unless --show-secrets is given.
            """)

    @Argument(help: "The dump, region, boot log or JSON file.")
    var file: String

    @Flag(name: .long, help: "Print the full report as JSON.")
    var json = false

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
        if [json, template, description, script].filter({ $0 }).count > 1 {
            throw ValidationError("choose at most one of --json, --template, --description, --script")
        }
    }

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            FileHandle.standardError.write(Data("error: cannot read \(file); check the path and permissions\n".utf8))
            throw ExitCode(2)
        }
        let config: TuyaDeviceConfig
        do {
            config = try TuyaConfigReader.read([UInt8](data))
        } catch {
            FileHandle.standardError.write(Data("error: \(file): \(error.description)\n".utf8))
            throw ExitCode(2)
        }
        let report = TuyaConfigReport(
            config: config, options: .init(energyStatistics: !noEnergyStats), showSecrets: showSecrets)
        let output: String
        if json {
            output = report.json.prettyJSONText()
        } else if template {
            output = report.result.template.jsonText
        } else if description {
            output = report.result.description.joined(separator: "\n")
        } else if script {
            output = report.result.script.joined(separator: "\n")
        } else {
            output = report.text
        }
        print(output)
    }
}
