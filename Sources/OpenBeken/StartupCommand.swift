/// Builds the template's startup `command`: what OpenBeken does not start or set by itself
/// (our command builder; OpenBeken user_main.c autostarts drivers from roles). Joined as `backlog a; b; c`, at most 511 characters.
public enum StartupCommand {
    public struct Options: Sendable, Equatable {
        /// For power-metering devices, also start NTP and energy statistics (`SetupEnergyStats 1 60 60 1`:
        /// enable, 60 s sample time, 60 samples, JSON on — `src/driver/drv_bl_shared.c`).
        public var energyStatistics: Bool

        public init(energyStatistics: Bool = true) {
            self.energyStatistics = energyStatistics
        }
    }

    /// The individual commands, in order.
    public static func parts(for mapping: TuyaPinMapping, options: Options = Options()) -> [String] {
        var parts: [String] = []
        // PWM lights: the Tuya PWM frequency (BK7231GUIFlashTool TuyaConfig.cs `pwmhz` → `PWMFrequency`).
        if let hz = mapping.pwmFrequency { parts.append("PWMFrequency \(hz)") }
        // I²C bulbs: channel order and currents; the driver itself autostarts from its pin roles (OpenBeken user_main.c),
        // and LED_Map exists once the driver registered it, which happens before the startup command runs.
        if let map = mapping.ledMap { parts.append("LED_Map " + map.map(String.init).joined(separator: " ")) }
        if let current = mapping.ledCurrentCommand { parts.append(current) }
        // Power meters (UPK2ESPHome parts/monitor.py; OpenBeken drv_tuyaMCU.c). BL0937 autostarts when CF, CF1 and SEL roles exist; it is started explicitly
        // anyway so the command also works with autostart disabled (flag OBK_FLAG_DRV_DISABLE_AUTOSTART).
        if let meter = mapping.powerMeter {
            parts.append("startDriver \(meter.rawValue)")
            if options.energyStatistics {
                parts.append("startDriver NTP")
                parts.append("SetupEnergyStats 1 60 60 1")
            }
        }
        // TuyaMCU (UPK2ESPHome parts/monitor.py; OpenBeken drv_tuyaMCU.c): default 9600 baud; any other rate must be set.
        if let baud = mapping.tuyaMCUBaud {
            parts.append("startDriver TuyaMCU")
            if baud != 9600 { parts.append("tuyaMcu_setBaudRate \(baud)") }
        }
        return parts
    }

    /// `backlog …` (or the single command, or "" when nothing is needed).
    public static func command(for mapping: TuyaPinMapping, options: Options = Options()) -> String {
        let parts = parts(for: mapping, options: options)
        switch parts.count {
        case 0: return ""
        case 1: return parts[0]
        default: return "backlog " + parts.joined(separator: "; ")
        }
    }
}
