/// Between the config's pin bytes and OpenBeken's named roles and templates (OpenBeken new_http.c htmlPinRoleNames, new_pins.h).
extension OBKPin {
    /// The role by name; nil when `role` is a number `PinRole` does not name.
    public var pinRole: PinRole? { PinRole(index: Int(role)) }

    /// The stored form of a template pin value such as "Rel;1". Channels must be 0...63
    /// (`CHANNEL_MAX` = 64; the firmware refuses others in `PIN_SetPinChannelForPinIndex`).
    public init(_ setting: PinSetting, gpio: Int) throws(OBKConfigError) {
        for channel in [setting.channel, setting.channel2 ?? 0] where !(0..<OBKConfigLayout.channelCount).contains(channel) {
            throw .channelOutOfRange(gpio: gpio, channel: channel)
        }
        self.init(role: UInt8(setting.role.index), channel: UInt8(setting.channel), channel2: UInt8(setting.channel2 ?? 0))
    }

    /// "Rel;1" (or "Rel;1;2"); unnamed role numbers print as their number.
    public var templateText: String {
        let name = pinRole?.rawValue ?? String(role)
        return channel2 == 0 ? "\(name);\(channel)" : "\(name);\(channel);\(channel2)"
    }
}

extension OBKConfig {
    /// Sets one GPIO from a template pin value.
    public mutating func setPin(_ gpio: Int, _ setting: PinSetting) throws(OBKConfigError) {
        let pin = try OBKPin(setting, gpio: gpio)
        try setPin(gpio, role: pin.role, channel: pin.channel, channel2: pin.channel2)
    }

    /// Applies an OpenBeken device template: every pin cleared then set from `pins` (as the web app's
    /// import does with `ClearIO`, OpenBekenIOT/webapp templateParser.js), the startup command from `command` when it is not empty,
    /// and the flags from `flags` (a decimal string such as "1024") when present.
    public mutating func apply(template: DeviceTemplate) throws(OBKConfigError) {
        pins = Array(repeating: .unused, count: pins.count)
        for (gpio, setting) in template.pins.sorted(by: { $0.key < $1.key }) {
            try setPin(gpio, setting)
        }
        if !template.command.isEmpty { startupCommand = template.command }
        if let text = template.flags {
            guard let value = UInt64(text) else { throw .badFlags(text) }
            flags = OBKFlags(rawValue: value)
        }
    }

    /// The configured pins as a template's `pins` (GPIO → setting); roles `PinRole` does not name are left out.
    public var templatePins: [Int: PinSetting] {
        var result: [Int: PinSetting] = [:]
        for (gpio, pin) in configuredPins {
            guard let role = pin.pinRole else { continue }
            result[gpio] = PinSetting(role, channel: Int(pin.channel), channel2: pin.channel2 == 0 ? nil : Int(pin.channel2))
        }
        return result
    }
}
