import OpenBeken

/// What the user asked `obk-config build` for, turned into a config (pure, so tests call it directly).
struct OBKConfigInputs {
    let platform: OBKPlatform
    var wifiSSID: String?
    var wifiPassword: String?
    /// "HOST" or "HOST:PORT".
    var mqtt: String?
    var mqttUser: String?
    var mqttPassword: String?
    var name: String?
    var shortName: String?
    /// "AA:BB:CC:DD:EE:FF", "AA-BB-…" or "AABBCCDDEEFF".
    var mac: String?
    /// "GPIO=Role;channel[;channel2]".
    var pins: [String] = []
    var template: DeviceTemplate?
    var startup: String?
    /// Used for the name suffix when no MAC is given (tests pass a fixed one).
    var randomSuffix: () -> [UInt8] = { (0..<4).map { _ in UInt8.random(in: .min ... .max) } }

    init(platform: OBKPlatform) {
        self.platform = platform
    }

    /// BK7231T/N expose GPIO indexes 0...28 (`PLATFORM_GPIO_MAX` = 29, OpenBeken new_pins.h); `OBKPlatform.gpioCount`
    /// per platform.
    static let gpioCount = 29

    struct Built {
        var config: OBKConfig
        /// Things the user should know (printed as notes).
        var notes: [String]
    }

    func makeConfig() throws -> Built {
        var notes: [String] = []
        var config: OBKConfig
        if let mac {
            config = OBKConfig.firmwareDefaults(platform: platform, mac: try OBKConfigInputs.parseMAC(mac))
        } else {
            config = OBKConfig.firmwareDefaults(platform: platform, mac: [0, 0] + randomSuffix())
            config.mac = [0, 0, 0, 0, 0, 0] // Beken firmware takes its MAC from the RF data (OpenBeken new_pins.h)
            if name == nil {
                notes.append("device names use a random suffix (\(config.shortDeviceName)); pass --mac to get the firmware's own names")
            }
        }
        if let template {
            try config.apply(template: template)
            let wanted = template.chip.lowercased()
            if !wanted.isEmpty, wanted != "todo", wanted != platform.rawValue {
                notes.append("the template is for \(template.chip), the config for \(platform.chip.displayName)")
            }
        }
        for text in pins {
            let (gpio, setting) = try OBKConfigInputs.parsePin(text, gpioCount: platform.gpioCount)
            try config.setPin(gpio, setting)
        }
        if let startup { config.startupCommand = startup }
        try applyNetwork(to: &config)
        try applyNames(to: &config)
        return Built(config: config, notes: notes)
    }

    private func applyNetwork(to config: inout OBKConfig) throws {
        if wifiPassword != nil && wifiSSID == nil {
            throw CLIFailure.badInput("usage", "--wifi-password needs --wifi", hint: "pass the network name with --wifi SSID")
        }
        if let wifiSSID { config.wifiSSID = wifiSSID }
        if let wifiPassword { config.wifiPassword = wifiPassword }
        if let mqtt {
            let (host, port) = try OBKConfigInputs.parseMQTT(mqtt)
            config.mqttHost = host
            config.mqttPort = Int32(port)
        }
        if let mqttUser { config.mqttUserName = mqttUser }
        if let mqttPassword { config.mqttPassword = mqttPassword }
    }

    private func applyNames(to config: inout OBKConfig) throws {
        let shortLimit = OBKConfigLayout.shortDeviceName.size - 1
        if let name {
            config.longDeviceName = name
            if shortName == nil {
                guard name.utf8.count <= shortLimit else {
                    throw CLIFailure.badInput(
                        "value-too-long",
                        "--name is \(name.utf8.count) bytes; the short name and MQTT topic hold at most \(shortLimit)",
                        hint: "also pass --short-name with at most \(shortLimit) bytes")
                }
                config.shortDeviceName = name
            }
        }
        if let shortName { config.shortDeviceName = shortName }
        if name != nil || shortName != nil { config.mqttClientID = config.shortDeviceName }
    }

    static func parsePin(_ text: String, gpioCount: Int = gpioCount) throws -> (gpio: Int, setting: PinSetting) {
        let hint = "write GPIO=Role;channel, e.g. \"8=Rel;1\", \"P10=Btn;1\", \"23=WifiLED_n;0\" (OpenBeken role names)"
        let halves = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard halves.count == 2 else { throw CLIFailure.badInput("bad-pin", "--pin \"\(text)\" has no \"=\"", hint: hint) }
        var gpioText = Substring(halves[0])
        if gpioText.first == "P" || gpioText.first == "p" { gpioText = gpioText.dropFirst() }
        guard let gpio = Int(gpioText), (0..<gpioCount).contains(gpio) else {
            throw CLIFailure.badInput("bad-pin", "--pin \"\(text)\": \"\(halves[0])\" is not a GPIO 0...\(gpioCount - 1)",
                                      hint: "this chip's pins are P0...P\(gpioCount - 1)")
        }
        let parts = halves[1].split(separator: ";", omittingEmptySubsequences: false)
        guard parts.count <= 3, parts.dropFirst().allSatisfy({ Int($0) != nil }),
              let setting = PinSetting(text: halves[1]) else {
            throw CLIFailure.badInput("bad-pin", "--pin \"\(text)\": \"\(halves[1])\" is not Role;channel[;channel2]", hint: hint)
        }
        return (gpio, setting)
    }

    static func parseMQTT(_ text: String) throws -> (host: String, port: Int) {
        let hint = "write --mqtt HOST or HOST:PORT, e.g. 192.168.1.10:1883"
        let colons = text.filter { $0 == ":" }.count
        guard colons == 1, let index = text.lastIndex(of: ":") else {
            guard !text.isEmpty else { throw CLIFailure.badInput("bad-mqtt", "--mqtt is empty", hint: hint) }
            return (text, 1883) // no port, or an IPv6 literal
        }
        let host = String(text[..<index])
        guard !host.isEmpty, let port = Int(text[text.index(after: index)...]), (1...65535).contains(port) else {
            throw CLIFailure.badInput("bad-mqtt", "--mqtt \"\(text)\" is not HOST:PORT with a port 1...65535", hint: hint)
        }
        return (host, port)
    }

    static func parseMAC(_ text: String) throws -> [UInt8] {
        let digits = text.filter { $0 != ":" && $0 != "-" }
        let bytes = stride(from: 0, to: digits.count, by: 2).compactMap { offset -> UInt8? in
            let start = digits.index(digits.startIndex, offsetBy: offset)
            let end = digits.index(start, offsetBy: 2, limitedBy: digits.endIndex) ?? digits.endIndex
            return UInt8(digits[start..<end], radix: 16)
        }
        guard digits.count == 12, bytes.count == 6 else {
            throw CLIFailure.badInput("bad-mac", "--mac \"\(text)\" is not a MAC address", hint: "write it as AA:BB:CC:DD:EE:FF")
        }
        return bytes
    }
}
