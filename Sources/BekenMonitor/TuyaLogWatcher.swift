import OpenBeken
import TuyaConfig

/// The stock Tuya firmware's configuration, read from its boot log as it streams: the whole log so far goes through
/// `tuya-config`'s boot-log parser (TuyaConfig `BootLogParser`) again whenever a line that may hold config tokens
/// arrives, and the OpenBeken template is rebuilt when the pins change.
struct TuyaLogWatcher {
    private var bytes: [UInt8] = []
    private(set) var result: TuyaTemplateResult?
    private(set) var config: TuyaDeviceConfig?
    /// When the pins last changed (device time).
    private(set) var changedAt: Duration?

    /// Adds a line; true when the template's pins changed.
    /// A boot log holds its config in its first few KiB (seed 000: 13 KB in all); later output is not re-parsed.
    static let window = 256 * 1024

    mutating func add(_ line: String, at time: Duration) -> Bool {
        guard bytes.count < Self.window else { return false }
        bytes += Array(line.utf8) + [0x0A]
        guard line.contains(":"), line.contains("pin") || line.contains("_lv") || line.contains("module")
                || line.contains("crc") else { return false }
        guard let config = try? TuyaConfigReader.read(bytes), config.source == .bootLog else { return false }
        let built = TuyaTemplateBuilder.build(config)
        guard !built.template.pins.isEmpty, built.template.pins != result?.template.pins else { return false }
        self.config = config
        result = built
        changedAt = time
        return true
    }
}
