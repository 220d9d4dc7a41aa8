import OpenBeken

/// Changing a running device's settings: console commands, reboot, wait, then read the config sector back
/// through `/api/flash` and confirm every field. OpenBeken saves changes on a timer and applies Wi-Fi and MQTT
/// only after a restart (OBK `new_cfg.c` saves on a timer), so the read-back happens after the reboot.
public struct ConfigChange: Sendable {
    public enum Event: Sendable, Equatable {
        case applying(command: String)
        case rebooting
        case waiting(elapsedSeconds: Int)
        case readingBack
    }

    /// One field compared after the reboot. Secret values are not carried, only whether they match.
    public struct Check: Sendable, Equatable, Codable {
        public let field: String
        public let expected: String
        public let found: String
        public let matches: Bool
    }

    public let client: OBKClient
    public var returnLimit: Duration

    public init(client: OBKClient, returnLimit: Duration = .seconds(60)) {
        self.client = client
        self.returnLimit = returnLimit
    }

    public func run(_ settings: DeviceSettings, onEvent: (Event) -> Void = { _ in }) throws(LANError) -> [Check] {
        try OBKSettingsCheck.validate(settings)
        let before = try client.info()
        guard let configOffset = OBKConfigLocation.sectorOffset(forChip: before.chip) else {
            throw LANError(.badSetting, [.init("chip", before.chipset)], suggestion: .checkItIsOpenBeken)
        }
        for line in settings.commands() {
            onEvent(.applying(command: line.split(separator: " ").first.map(String.init) ?? line))
            _ = try client.command(line)
        }
        if let path = settings.mqttPortPath {
            onEvent(.applying(command: "cfg_mqtt_set port"))
            let reply = try client.get(path)
            guard reply.status == 200 else { throw client.refusal(reply, path: "/cfg_mqtt_set") }
        }
        onEvent(.rebooting)
        try client.reboot()
        let after = try client.waitForReturn(uptimeBefore: before.uptimeSeconds, limit: returnLimit) { elapsed in
            onEvent(.waiting(elapsedSeconds: Int(elapsed.components.seconds)))
        }
        onEvent(.readingBack)
        let sector = try client.readFlash(start: configOffset, length: 0x1000)
        let config: OBKConfig
        do {
            config = try OBKConfig(decoding: sector, pinBlock: OBKConfigLocation.pinBlock(forChip: before.chip))
        } catch {
            throw LANError(.configNotConfirmed, [.init("host", client.address.description),
                                                 .init("reason", "config sector unreadable: \(error.description)")],
                           suggestion: .powerCycleAndCheck)
        }
        let checks = Self.compare(settings, with: config, info: after)
        let failed = checks.filter { !$0.matches }
        guard failed.isEmpty else {
            throw LANError(.configNotConfirmed, [.init("host", client.address.description),
                                                 .init("fields", failed.map(\.field).joined(separator: ", "))],
                           suggestion: .powerCycleAndCheck)
        }
        return checks
    }

    static func compare(_ settings: DeviceSettings, with config: OBKConfig, info: DeviceInfo) -> [Check] {
        var checks: [Check] = []
        func check(_ field: String, _ expected: String?, _ found: String, secret: Bool = false) {
            guard let expected else { return }
            let matches = expected == found
            checks.append(Check(field: field, expected: secret ? "(secret)" : expected,
                                found: secret ? (matches ? "(secret)" : "(differs)") : found, matches: matches))
        }
        check("wifi-ssid", settings.wifiSSID, config.wifiSSID)
        check("wifi-password", settings.wifiPassword, config.wifiPassword, secret: true)
        check("mqtt-host", settings.mqttHost, config.mqttHost)
        check("mqtt-port", settings.mqttPort.map(String.init), String(config.mqttPort))
        check("mqtt-user", settings.mqttUser, config.mqttUserName)
        check("mqtt-password", settings.mqttPassword, config.mqttPassword, secret: true)
        check("short-name", settings.shortName, config.shortDeviceName)
        check("name", settings.friendlyName, config.longDeviceName)
        check("startup-command", settings.startupCommand, config.startupCommand)
        if let pins = settings.pins {
            let gpios = settings.replacePins ? Array(0..<OBKSettingsCheck.gpioCount) : pins.keys.sorted()
            for gpio in gpios {
                let wanted = pins[gpio] ?? PinSetting(.none)
                let pin = config.pins[gpio]
                let foundRole = PinRole(index: Int(pin.role))?.rawValue ?? "#\(pin.role)"
                let wantedText = "\(wanted.role.rawValue);\(wanted.channel)"
                let foundText = "\(foundRole);\(pin.channel)"
                // A pin set to None keeps whatever channel it had; only the role counts then.
                let matches = wanted.role == .none ? foundRole == PinRole.none.rawValue : wantedText == foundText
                checks.append(Check(field: "pin \(gpio)", expected: wantedText, found: foundText, matches: matches))
            }
        }
        if settings.shortName != nil {
            check("info shortName", settings.shortName, info.shortName)
        }
        return checks
    }
}
