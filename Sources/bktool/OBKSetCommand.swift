import ArgumentParser
import OpenBeken
import OpenBekenLAN

/// `bktool obk config HOST …`: change settings through console commands, reboot, wait, read back, confirm.
struct OBKSetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Change Wi-Fi, MQTT, names or pins of an OpenBeken device, reboot it and confirm every field.",
        discussion: """
            Applies the settings as console commands (SSID1, MqttHost, ShortName, SetPinRole …), reboots, waits \
            for the device, then reads its config sector back through /api/flash and checks each field. Exit 1 \
            when the device does not come back or a field differs.
            """)

    @Argument(help: "HOST[:PORT] of the device.")
    var host: String

    @Option(help: "Wi-Fi network name.") var wifi: String?
    @Option(name: .customLong("wifi-password"), help: "Wi-Fi password.") var wifiPassword: String?
    @Option(help: "MQTT broker as HOST or HOST:PORT.") var mqtt: String?
    @Option(name: .customLong("mqtt-user"), help: "MQTT user.") var mqttUser: String?
    @Option(name: .customLong("mqtt-password"), help: "MQTT password.") var mqttPassword: String?
    @Option(help: "Device name (FriendlyName).") var name: String?
    @Option(name: .customLong("short-name"), help: "Short name (host name, MQTT topic base).") var shortName: String?
    @Option(help: "OpenBeken device-template JSON: its pins replace all pins; its command becomes the startup command.")
    var template: String?
    @Option(name: .customLong("pin"), help: "A pin as GPIO=Role;channel, e.g. \"26=Rel;1\" (repeatable).")
    var pins: [String] = []
    @Option(help: "Startup command run after boot.") var startup: String?
    @Option(name: .customLong("wait"), help: "Seconds to wait for the device after the reboot.")
    var wait: Double = 60

    @OptionGroup var lan: LANOptions
    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        let ok = true
        let device: String
        let checks: [ConfigChange.Check]
    }

    func validate() throws {
        if template != nil, !pins.isEmpty { throw ValidationError("give --template or --pin, not both") }
        guard wait > 0, wait <= 3600 else { throw ValidationError("--wait must be between 0 and 3600 seconds") }
    }

    func settings() throws -> DeviceSettings {
        var settings = DeviceSettings()
        settings.wifiSSID = wifi
        settings.wifiPassword = wifiPassword
        if let mqtt {
            let (host, port) = try OBKConfigInputs.parseMQTT(mqtt)
            settings.mqttHost = host
            settings.mqttPort = port
        }
        settings.mqttUser = mqttUser
        settings.mqttPassword = mqttPassword
        settings.friendlyName = name
        settings.shortName = shortName
        if let template {
            let parsed = try OBKConfigBuildCommand.readTemplate(template)
            settings.pins = parsed.pins
            settings.replacePins = true
            if !parsed.command.isEmpty { settings.startupCommand = parsed.command }
        } else if !pins.isEmpty {
            var table: [Int: PinSetting] = [:]
            for text in pins {
                let (gpio, setting) = try OBKConfigInputs.parsePin(text)
                table[gpio] = setting
            }
            settings.pins = table
        }
        if let startup { settings.startupCommand = startup }
        guard !settings.isEmpty else {
            throw CLIFailure.badInput("nothing-to-change", "no setting given",
                                      hint: "give e.g. --wifi SSID --wifi-password P, --mqtt HOST:PORT, --name, --pin 26=Rel;1")
        }
        return settings
    }

    func run() async throws {
        let settings = try settings()
        let progress = ProgressRenderer(options: output)
        let change = ConfigChange(client: try lan.client(host), returnLimit: .milliseconds(Int(wait * 1000)))
        var waiting = false
        let checks = try change.run(settings) { event in
            switch event {
            case .applying(let command): progress.note("applying \(command)")
            case .rebooting: progress.note("rebooting the device")
            case .waiting:
                if !waiting { progress.note("waiting up to \(Int(wait)) s for the device to come back") }
                waiting = true
            case .readingBack:
                progress.note("reading the config back")
            }
        }
        if output.json {
            JSONOutput.emit(Report(device: change.client.address.description, checks: checks))
            return
        }
        var text = "\(change.client.address): every setting confirmed after the reboot\n"
        for check in checks { text += "  \(check.field): \(check.found)\n" }
        Terminal.writeOutput(text)
    }
}
