import OpenBeken

/// What the monitor noticed, as it happened (device time since listening began). Front ends render these.
public enum MonitorEvent: Sendable {
    /// A line of the device's log.
    case line(String, at: Duration)
    /// Bytes at `rate` do not read as text.
    case unreadable(rate: Int, printableShare: Double)
    /// Listening at another rate now.
    case trying(rate: Int)
    /// Text at this rate (it differs from the rate the monitor started at).
    case rateFound(Int)
    /// The chip started (again): `number` 1 is the first start seen.
    case start(number: Int, at: Duration)
    /// OpenBeken's facts changed.
    case openBeken(OpenBekenFacts)
    /// The stock Tuya firmware's pins, read from its boot log (the template is rebuilt as the log streams).
    case tuyaTemplate(TuyaTemplateResult)
    /// A verdict (the last word unless more log arrives).
    case verdict(MonitorVerdict)
}

/// The monitor's conclusion.
public struct MonitorVerdict: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// OpenBeken runs: an access point, or a joined network (Wi-Fi and MQTT results included).
        case openBekenStarted = "openbeken-started"
        /// The stock firmware's boot log gave the wiring and a template.
        case tuyaConfig = "tuya-config"
        /// OpenBeken runs but reports trouble: safe mode, a failed Wi-Fi join or MQTT connection.
        case firmwareTrouble = "firmware-trouble"
        /// The chip restarts over and over.
        case bootLoop = "boot-loop"
        /// Bytes arrive but no rate tried gives text.
        case unreadable = "unreadable"
        /// Nothing arrived.
        case silence = "silence"
        /// Text arrived, but nothing in it says how the device is doing.
        case logOnly = "log-only"
    }

    public var kind: Kind
    /// The rate the log reads at (nil when no rate gave text).
    public var rate: Int?
    public var openBeken: OpenBekenFacts
    public var tuya: TuyaTemplateResult?
    /// Restart period for a boot loop.
    public var restartPeriod: Duration?
    public var starts: Int
    public var resetReasons: [String]
    /// Rates tried that gave no text.
    public var unreadableRates: [Int]
    public var bytesReceived: Int
    /// What the diagnosis rules make of it.
    public var findings: [Finding]
}
