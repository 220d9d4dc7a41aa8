import OpenBeken

/// What the user asked for: the firmware, where it goes, the backup, the device's settings and pins.
/// Front ends fill it from their own inputs (the CLI from its options, a UI from a form).
public struct ConversionSettings: Sendable {
    /// The firmware file's bytes and its name (for messages).
    public var firmware: [UInt8]
    public var firmwareName: String
    /// Fetch the newest OpenBeken release for the identified chip instead (`firmware` is then ignored).
    public var latest: LatestFirmware?
    /// Flash address for the firmware (nil: decided from the file).
    public var address: Int?
    /// Also write the bootloader part of a QIO image.
    public var withBootloader = false
    /// Override the refusals a person can know better about (`WritePlanner.forcible`).
    public var force = false
    /// An existing whole-flash backup of this chip to use instead of reading one (a name its store can load).
    public var givenBackup: String?
    public var network = NetworkSettings()
    /// Device name (host name, MQTT topic when it fits).
    public var name: String?
    public var pins = PinChoice.fromBackup
    /// Called once the pins are planned and before the config is built (a UI shows them and lets the user correct a
    /// role): returns the template to write instead, or nil to keep the plan. Blocking, on the conversion's thread;
    /// a cancel while it waits is honoured right after it returns.
    public var reviewPins: (@Sendable (PinPlan) -> DeviceTemplate?)?
    /// Reboot into the new firmware at the end (else leave the chip in download mode).
    public var reboot = true
    /// Recorded in backup sidecars.
    public var tool: ToolInfo

    public init(firmware: [UInt8], firmwareName: String, tool: ToolInfo) {
        self.firmware = firmware
        self.firmwareName = firmwareName
        self.tool = tool
    }

    /// The newest OpenBeken release for the chip, fetched once the chip is identified.
    public init(latest: LatestFirmware, tool: ToolInfo) {
        self.init(firmware: [], firmwareName: "the latest OpenBeken release", tool: tool)
        self.latest = latest
    }

    public struct NetworkSettings: Sendable, Equatable {
        public var wifiSSID: String?
        public var wifiPassword: String?
        public var mqttHost: String?
        public var mqttPort = 1883
        public var mqttUser: String?
        public var mqttPassword: String?
        public init() {}
    }

    /// Where the pins come from.
    public enum PinChoice: Sendable, Equatable {
        /// The Tuya configuration in the backup (read by `TuyaTemplateBuilder`).
        case fromBackup
        /// A device template the user gave; `name` says which (for messages).
        case template(DeviceTemplate, name: String)
        /// No pins (set later in the web UI).
        case none
    }
}
