import ArgumentParser
import BekenChips
import Foundation
import OpenBeken

/// `bktool obk-config build --chip bk7231n|bk7231t … --out FILE`: a 4096-byte config sector, starting from
/// the firmware's own defaults (OpenBeken new_pins.h), ready to be flashed at the chip's config offset (BK7231GUIFlashTool OBKFlashLayout.cs, OBKConfig.cs).
struct OBKConfigBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Write a 4 KiB OpenBeken config sector to a file.",
        discussion: """
            Starts from what OpenBeken writes on first boot, then applies --template, --pin, --startup, \
            Wi-Fi, MQTT and names. Flash the file at the chip's config offset (BK7231N 0x1D1000, \
            BK7231T 0x1E1000). Without Wi-Fi the device opens its own access point.
            """)

    @Option(help: "Chip the firmware runs on: bk7231n or bk7231t.")
    var chip: String

    @Option(name: .customLong("wifi"), help: "Wi-Fi network name (SSID), up to 63 bytes.")
    var wifiSSID: String?

    @Option(name: .customLong("wifi-password"), help: "Wi-Fi password, up to 64 bytes.")
    var wifiPassword: String?

    @Option(help: "MQTT broker as HOST or HOST:PORT (port 1883 when omitted).")
    var mqtt: String?

    @Option(name: .customLong("mqtt-user"), help: "MQTT user (firmware default: homeassistant).")
    var mqttUser: String?

    @Option(name: .customLong("mqtt-password"), help: "MQTT password.")
    var mqttPassword: String?

    @Option(help: "Device name (host name); also the short name and MQTT topic when it fits 31 bytes.")
    var name: String?

    @Option(name: .customLong("short-name"), help: "Short name and MQTT topic (up to 31 bytes) when --name is longer.")
    var shortName: String?

    @Option(help: "The device's MAC (AA:BB:CC:DD:EE:FF); default names then match the firmware's own.")
    var mac: String?

    @Option(name: .customLong("pin"), help: ArgumentHelp(
        "A pin as GPIO=Role;channel[;channel2], e.g. \"8=Rel;1\" or \"P10=Btn;1\" (repeatable; overrides the template).",
        valueName: "pin"))
    var pins: [String] = []

    @Option(help: "OpenBeken device-template JSON: its pins, command and flags are applied.")
    var template: String?

    @Option(help: "Startup command run after boot, e.g. \"backlog startDriver NTP; SetupEnergyStats 1 60 60 0\" (replaces the template's).")
    var startup: String?

    @Option(help: "Where to write the 4096-byte sector.")
    var out: String

    @Flag(help: "Replace --out if it exists.")
    var force = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        let platform = try OBKConfigBuildCommand.platform(named: chip)
        var inputs = OBKConfigInputs(platform: platform)
        inputs.wifiSSID = wifiSSID
        inputs.wifiPassword = wifiPassword
        inputs.mqtt = mqtt
        inputs.mqttUser = mqttUser
        inputs.mqttPassword = mqttPassword
        inputs.name = name
        inputs.shortName = shortName
        inputs.mac = mac
        inputs.pins = pins
        inputs.startup = startup
        if let template {
            inputs.template = try OBKConfigBuildCommand.readTemplate(template)
        }
        let built = try inputs.makeConfig()
        let sector = try built.config.encodedSector()
        try OBKConfigBuildCommand.write(sector, to: out, force: force)

        let offset = OBKConfigLocation.sectorOffset(for: platform.chip.family)
        let report = OBKConfigReport(config: built.config, offset: nil, showSecrets: false)
        if output.json {
            JSONOutput.emit(OBKConfigBuildResult(
                out: out, chip: platform.chip.displayName, flashOffset: offset, bytes: sector.count,
                crc: report.crc, notes: built.notes, config: report))
        } else {
            built.notes.forEach { Terminal.writeError("note: \($0)\n") }
            var text = "Wrote the OpenBeken config sector to \(out) (\(sector.count) bytes, version "
                + "\(built.config.version), CRC \(report.crc)).\n"
            if let offset { text += "Flash it at \(hexAddress(offset)), the \(platform.chip.displayName) config sector.\n" }
            Terminal.writeOutput(text + "\n" + report.text)
        }
    }

    static func platform(named name: String) throws -> OBKPlatform {
        guard let family = ChipFamily.named(name), let platform = OBKPlatform(chip: family.kind) else {
            throw CLIFailure.badInput("unknown-chip", "obk-config build does not know OpenBeken's defaults for \"\(name)\"",
                                      hint: "use --chip bk7231n, bk7231m, bk7231t, bk7231u or bk7238")
        }
        return platform
    }

    static func readTemplate(_ path: String) throws -> DeviceTemplate {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIFailure.badInput("file-unreadable", "cannot read the template \(path)", hint: "check the path")
        }
        do {
            return try DeviceTemplate.parse(String(decoding: data, as: UTF8.self))
        } catch {
            throw CLIFailure.badInput("bad-template", "\(path): \(error.description)",
                                      hint: "a template looks like {\"chip\": \"BK7231N\", \"pins\": {\"8\": \"Rel;1\"}, \"command\": \"\"}")
        }
    }

    /// Writes `bytes` to `path`, never replacing an existing file unless `force`.
    static func write(_ bytes: [UInt8], to path: String, force: Bool) throws {
        if !force && FileManager.default.fileExists(atPath: path) {
            throw CLIFailure.badInput("output-exists", "\(path) already exists; not overwriting it",
                                      hint: "choose another --out, or pass --force to replace it")
        }
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: force ? [.atomic] : [.withoutOverwriting])
        } catch {
            throw CLIFailure.failed("write-failed", "could not write \(path): \(error.localizedDescription)",
                                    hint: "check the directory exists and is writable")
        }
    }
}

/// The `--json` document of `obk-config build`.
struct OBKConfigBuildResult: Encodable {
    let ok = true
    let out: String
    let chip: String
    /// Where the sector belongs on this chip.
    let flashOffset: Int?
    let bytes: Int
    let crc: String
    let notes: [String]
    let config: OBKConfigReport
}
