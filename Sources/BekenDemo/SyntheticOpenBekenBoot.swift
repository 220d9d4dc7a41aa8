import BekenChips
import BekenImage
import OpenBeken

/// What the virtual chip prints when "OpenBeken" starts: a boot log derived from the config sector in its flash,
/// so `monitor`, `flash` and `demo` can be tested against a chip that says what it does. The line format is
/// OpenBeken's `Level:MODULE:text` (OBK `src/logging/logging.c`) with its once-a-second status line
/// `Time N, idle …, free …, MQTT …, bWifi …` (OBK `src/user_main.c`, `Main_OnEverySecond`); the bootloader banner
/// is the BK7231N one of seed 000 (`V:BK7231N_1.0.1 …`, `J 0x10000`). The other lines are our model: they carry the
/// facts a user needs (version, chip, boot count, safe mode, access point, Wi-Fi, IP, MQTT), not OpenBeken's wording.
public struct SyntheticOpenBekenBoot: Sendable {
    /// One line and the pause before it.
    public struct Line: Sendable, Equatable {
        public var afterMilliseconds: Int
        public var text: String
    }

    public var chip: ChipKind
    public var version: String
    /// Failed boots in a row from which OpenBeken opens its safe-mode access point (seed 004: "power-cycle … 5
    /// times, any OpenBeken access point broadcast?").
    public static let safeModeAfterFailedBoots = 5

    public init(chip: ChipKind = .bk7231n, version: String = SyntheticOpenBeken.defaultVersion) {
        self.chip = chip
        self.version = version
    }

    /// The lines of one boot. `failedBootsInARow` are earlier starts that ended by a reset within 5 s.
    public func lines(flash: [UInt8], failedBootsInARow: Int) -> [Line] {
        let platform = OBKPlatform(chip: chip) ?? .bk7231n
        let stored = storedConfig(in: flash)
        let mac = stored.flatMap { $0.mac.contains(where: { $0 != 0 }) ? $0.mac : nil } ?? calibratedMAC(in: flash)
        let config = stored ?? OBKConfig.firmwareDefaults(platform: platform, mac: mac)
        let accessPoint = config.longDeviceName.isEmpty
            ? OBKConfig.firmwareDefaults(platform: platform, mac: mac).longDeviceName : config.longDeviceName
        let bootCount = failedBootsInARow + 1
        let safeMode = failedBootsInARow >= Self.safeModeAfterFailedBoots
        var lines: [Line] = [
            Line(afterMilliseconds: 0, text: "V:\(chip.displayName)_1.0.1 REG:cpsr spsr r13 r14"),
            Line(afterMilliseconds: 2, text: "J 0x10000"),
            Line(afterMilliseconds: 30, text: "Info:MAIN:Main_Init_Before_Delay"),
            Line(afterMilliseconds: 1, text: "Info:MAIN:\(platform.longNamePrefix) version \(version), chip \(chip.displayName)"),
            Line(afterMilliseconds: 1, text: "Info:MAIN:Boot Count \(bootCount)"),
            Line(afterMilliseconds: 1, text: stored == nil
                 ? "Warn:CFG:no valid config, using defaults" : "Info:CFG:config loaded, version \(config.version)"),
            Line(afterMilliseconds: 5, text: "Info:GEN:PIN_SetupPins pins have been set up."),
        ]
        if safeMode {
            lines.append(Line(afterMilliseconds: 200,
                              text: "Warn:MAIN:Safe mode: \(failedBootsInARow) failed boots in a row, starting access point only"))
        }
        if safeMode || config.wifiSSID.isEmpty {
            lines.append(Line(afterMilliseconds: 300, text: "Info:MAIN:Starting open access point \(accessPoint)"))
            lines.append(Line(afterMilliseconds: 50, text: "Info:MAIN:Access point IP 192.168.4.1"))
            return lines
        }
        let address = "192.168.1.\(100 + Int(mac[5] % 100))"
        lines.append(Line(afterMilliseconds: 300, text: "Info:MAIN:Connecting to SSID [\(config.wifiSSID)]"))
        lines.append(Line(afterMilliseconds: 1200, text: "Info:MAIN:Main_OnWiFiStatusChange - WIFI_STA_CONNECTED"))
        lines.append(Line(afterMilliseconds: 300, text: "Info:MAIN:Connected to \(config.wifiSSID), IP \(address)"))
        if config.mqttHost.isEmpty {
            lines.append(Line(afterMilliseconds: 200, text: "Info:MQTT:mqtt_host empty, not starting mqtt"))
        } else {
            let port = config.mqttPort > 0 ? Int(config.mqttPort) : 1883
            lines.append(Line(afterMilliseconds: 400, text: "Info:MQTT:MQTT connected to \(config.mqttHost):\(port)"))
        }
        return lines
    }

    /// OpenBeken's status line after `seconds` (its format: OBK `src/user_main.c`).
    public func statusLine(seconds: Int, flash: [UInt8]) -> String {
        let config = storedConfig(in: flash)
        let online = !(config?.wifiSSID.isEmpty ?? true)
        let mqtt = online && !(config?.mqttHost.isEmpty ?? true)
        return "Info:MAIN:Time \(seconds), idle 0/s, free 81232, MQTT \(mqtt ? 1 : 0)(0), bWifi \(online ? 1 : 0), "
            + "secondsWithNoPing -1, socks 2/38"
    }

    /// The config sector at the chip's OpenBeken offset, if it decodes.
    public func storedConfig(in flash: [UInt8]) -> OBKConfig? {
        guard let offset = OBKConfigLocation.sectorOffset(for: chip.family),
              offset + OBKConfigLayout.sectorSize <= flash.count else { return nil }
        let pinBlock = OBKPlatform(chip: chip)?.pinBlock ?? .pins32
        return try? OBKConfig(decoding: flash[offset ..< offset + OBKConfigLayout.sectorSize], pinBlock: pinBlock)
    }

    /// The Wi-Fi MAC from the RF calibration sector (where Beken firmware takes it from: ltchiptool `flash_get_chip_info`, Easy Flasher `RF_MAC_OFS`), or a
    /// fixed locally administered one when the flash has none.
    func calibratedMAC(in flash: [UInt8]) -> [UInt8] {
        let offsets = [chip.family.layout.rfCalibration, chip.family.layout.rfCalibrationAlternative].compactMap { $0 }
        for offset in offsets {
            if let text = RFCalibration(in: flash, at: Int(offset))?.mac {
                let bytes = text.split(separator: ":").compactMap { UInt8($0, radix: 16) }
                if bytes.count == 6 { return bytes }
            }
        }
        return [0x02, 0x42, 0x4B, 0x00, 0x00, 0x01]
    }
}
