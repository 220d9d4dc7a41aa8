import Foundation
import OpenBeken

/// What `obk-config read` (and `build`) show of a config: the fields a user sets, pins by role name,
/// passwords redacted unless asked for. Encodable for `--json`; `text` for people.
struct OBKConfigReport: Encodable {
    struct Pin: Encodable {
        let gpio: Int
        /// OpenBeken's role name, nil for a number `PinRole` does not name.
        let role: String?
        let roleNumber: Int
        let channel: Int
        let channel2: Int
    }

    struct StaticIP: Encodable {
        let address: String
        let netmask: String
        let gateway: String
        let dns: String
    }

    /// Where the config was found in the file (nil when the file is the sector itself).
    let offset: Int?
    let version: Int32
    let crc: String
    let changeCounter: Int
    let wifiSSID: String
    let wifiPassword: String
    let wifiSSID2: String
    let wifiPassword2: String
    let mqttHost: String
    let mqttPort: Int32
    let mqttClientID: String
    let mqttUser: String
    let mqttPassword: String
    let mqttGroup: String
    let shortName: String
    let longName: String
    let webPassword: String
    let startupCommand: String
    let flags: [Int]
    let pins: [Pin]
    let ntpServer: String
    /// Short press, long press, hold repeat in 0.1 s units.
    let buttonTimes: [Int]
    let staticIP: StaticIP?
    let pingHost: String
    let pingInterval: Int32
    let pingSeconds: Int32
    let bootOKSeconds: Int
    let webappRoot: String
    let secretsRedacted: Bool

    init(config original: OBKConfig, offset: Int?, showSecrets: Bool) {
        let config = showSecrets ? original : original.redactingSecrets()
        let crcByte = (try? original.encodedStruct())?[3] ?? 0
        self.offset = offset
        version = config.version
        crc = "0x" + (crcByte < 16 ? "0" : "") + String(crcByte, radix: 16, uppercase: true)
        changeCounter = Int(config.changeCounter)
        wifiSSID = config.wifiSSID
        wifiPassword = config.wifiPassword
        wifiSSID2 = config.wifiSSID2
        wifiPassword2 = config.wifiPassword2
        mqttHost = config.mqttHost
        mqttPort = config.mqttPort
        mqttClientID = config.mqttClientID
        mqttUser = config.mqttUserName
        mqttPassword = config.mqttPassword
        mqttGroup = config.mqttGroup
        shortName = config.shortDeviceName
        longName = config.longDeviceName
        webPassword = config.webPassword
        startupCommand = config.startupCommand
        flags = config.flags.numbers
        pins = config.configuredPins.map {
            Pin(gpio: $0.gpio, role: $0.pin.pinRole?.rawValue, roleNumber: Int($0.pin.role),
                channel: Int($0.pin.channel), channel2: Int($0.pin.channel2))
        }
        ntpServer = config.ntpServer
        buttonTimes = [config.buttonShortPress, config.buttonLongPress, config.buttonHoldRepeat].map(Int.init)
        let ip = config.staticIP
        staticIP = ip.usesDHCP ? nil : StaticIP(
            address: OBKStaticIP.dotted(ip.address), netmask: OBKStaticIP.dotted(ip.netmask),
            gateway: OBKStaticIP.dotted(ip.gateway), dns: OBKStaticIP.dotted(ip.dns))
        pingHost = config.pingHost
        pingInterval = config.pingInterval
        pingSeconds = config.pingSeconds
        bootOKSeconds = Int(config.bootOKSeconds)
        webappRoot = config.webappRoot
        secretsRedacted = !showSecrets
    }

    var text: String {
        var lines: [String] = []
        func line(_ label: String, _ value: String) {
            lines.append(label.padding(toLength: 14, withPad: " ", startingAt: 0) + value)
        }
        func shown(_ value: String) -> String { value.isEmpty ? "(none)" : "\"\(value)\"" }
        line("Version", "\(version), CRC \(crc), saved \(changeCounter) times")
        if wifiSSID.isEmpty {
            line("Wi-Fi", "(none: the device opens its own access point)")
        } else {
            line("Wi-Fi", "\(shown(wifiSSID)), password \(shown(wifiPassword))")
        }
        if !wifiSSID2.isEmpty { line("Wi-Fi 2", "\(shown(wifiSSID2)), password \(shown(wifiPassword2))") }
        if mqttHost.isEmpty {
            line("MQTT", "(no broker)")
        } else {
            line("MQTT", "\(mqttHost):\(mqttPort), user \(shown(mqttUser)), password \(shown(mqttPassword))")
        }
        line("MQTT topic", "\(shown(mqttClientID)), group \(shown(mqttGroup))")
        line("Names", "\(shown(longName)) (short \(shown(shortName)))")
        line("Web password", shown(webPassword))
        line("Startup", shown(startupCommand))
        line("Flags", flags.isEmpty ? "(none)" : flags.map(String.init).joined(separator: ", "))
        line("Buttons", "short \(buttonTimes[0]), long \(buttonTimes[1]), repeat \(buttonTimes[2]) (x0.1 s)")
        line("IP", staticIP.map { "\($0.address)/\($0.netmask), gateway \($0.gateway), DNS \($0.dns)" } ?? "DHCP")
        line("NTP server", shown(ntpServer))
        if pins.isEmpty {
            line("Pins", "(none)")
        } else {
            lines.append("Pins")
            for pin in pins {
                let role = pin.role ?? "role \(pin.roleNumber)"
                var entry = "  P\(pin.gpio)".padding(toLength: 7, withPad: " ", startingAt: 0)
                    + role.padding(toLength: 16, withPad: " ", startingAt: 0) + "channel \(pin.channel)"
                if pin.channel2 != 0 { entry += ", channel2 \(pin.channel2)" }
                lines.append(entry)
            }
        }
        if secretsRedacted { lines.append("(passwords redacted; --show-secrets shows them)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
