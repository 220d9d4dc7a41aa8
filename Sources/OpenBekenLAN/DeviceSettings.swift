import OpenBeken

/// Settings to change on a running OpenBeken device; nil leaves a field as it is.
public struct DeviceSettings: Sendable, Equatable {
    public var wifiSSID: String?
    public var wifiPassword: String?
    public var mqttHost: String?
    public var mqttPort: Int?
    public var mqttUser: String?
    public var mqttPassword: String?
    public var shortName: String?
    public var friendlyName: String?
    /// GPIO → role and channel; with `replacePins` every other GPIO is set to None.
    public var pins: [Int: PinSetting]?
    public var replacePins = false
    public var startupCommand: String?

    public init() {}

    public var isEmpty: Bool { self == DeviceSettings() }

    /// Console commands that apply the settings (OBK `cmd_tasmota.c`, `cmd_main.c`, `new_pins.c`; role names as
    /// in templates — the simulator ignored role numbers). Values with spaces are quoted.
    public func commands() -> [String] {
        var lines: [String] = []
        func add(_ name: String, _ value: String?) {
            guard let value else { return }
            lines.append("\(name) \(Self.quoted(value))")
        }
        add("SSID1", wifiSSID)
        add("Password1", wifiPassword)
        add("MqttHost", mqttHost)
        add("MqttUser", mqttUser)
        add("MqttPassword", mqttPassword)
        add("ShortName", shortName)
        add("FriendlyName", friendlyName)
        if let pins {
            let gpios = replacePins ? Array(0..<OBKSettingsCheck.gpioCount) : pins.keys.sorted()
            for gpio in gpios {
                let setting = pins[gpio] ?? PinSetting(.none)
                lines.append("SetPinRole \(gpio) \(setting.role.rawValue)")
                lines.append("SetPinChannel \(gpio) \(setting.channel)")
            }
        }
        if let startupCommand { lines.append("StartupCommand \(Self.quoted(startupCommand))") }
        return lines
    }

    /// There is no MQTT-port console command; `/cfg_mqtt_set?port=` sets it (OBK `http_fns.c`).
    public var mqttPortPath: String? { mqttPort.map { "/cfg_mqtt_set?port=\($0)" } }

    static func quoted(_ value: String) -> String {
        value.contains(" ") || value.isEmpty ? "\"\(value)\"" : value
    }
}

/// Limits checked before anything is sent: field sizes from `mainConfig_t` (OBK `new_cfg.h`), printable text only.
enum OBKSettingsCheck {
    static let gpioCount = 29

    static func validate(_ settings: DeviceSettings) throws(LANError) {
        let fields: [(String, String?, Int)] = [
            ("wifi-ssid", settings.wifiSSID, OBKConfigLayout.wifiSSID.size),
            ("wifi-password", settings.wifiPassword, OBKConfigLayout.wifiPassword.size),
            ("mqtt-host", settings.mqttHost, OBKConfigLayout.mqttHost.size),
            ("mqtt-user", settings.mqttUser, OBKConfigLayout.mqttUserName.size),
            ("mqtt-password", settings.mqttPassword, OBKConfigLayout.mqttPassword.size),
            ("short-name", settings.shortName, OBKConfigLayout.shortDeviceName.size),
            ("name", settings.friendlyName, OBKConfigLayout.longDeviceName.size),
        ]
        for (name, value, limit) in fields {
            guard let value else { continue }
            if value.utf8.count >= limit || value.contains("\"") || value.contains(where: { $0.isNewline || $0 == ";" }) {
                throw LANError(.badSetting, [.init("field", name), .init("limit", "\(limit - 1) bytes, no quotes, newlines or ;")],
                               suggestion: .checkSetting)
            }
        }
        if let command = settings.startupCommand,
           command.utf8.count >= OBKConfigLayout.startupCommand.size || command.contains("\"") || command.contains(where: \.isNewline) {
            throw LANError(.badSetting, [.init("field", "startup"),
                                         .init("limit", "\(OBKConfigLayout.startupCommand.size - 1) bytes, no quotes or newlines")],
                           suggestion: .checkSetting)
        }
        if let port = settings.mqttPort, !(1...65535).contains(port) {
            throw LANError(.badSetting, [.init("field", "mqtt-port"), .init("value", "\(port)")], suggestion: .checkSetting)
        }
        for (gpio, setting) in settings.pins ?? [:] where !(0..<gpioCount).contains(gpio) || !(0..<64).contains(setting.channel) {
            throw LANError(.badSetting, [.init("field", "pin"), .init("value", "\(gpio)")], suggestion: .checkSetting)
        }
    }
}
