import TuyaConfig

/// One GPIO's OpenBeken role, with the Tuya evidence behind it.
public struct PinAssignment: Sendable, Equatable {
    public var pin: Int
    public var setting: PinSetting
    /// The `TuyaPinRules` / LED-driver rule that produced it (e.g. "relay", "wifi-led", "SM2135-data").
    public var ruleID: String
    /// The Tuya key holding the pin, and the level key/value that chose the role (if any).
    public var key: String
    public var levelKey: String?
    public var level: Int?
    /// The weakest confidence of the keys used (boot logs); `.stored` for dumps and JSON.
    public var confidence: TuyaConfidence
    /// Human description, e.g. "Relay (channel 1) on P26".
    public var label: String
    /// True when the active level changed the role from what the level-blind tools write (LibreTiny docs tuya-pin-config.md; UPK2ESPHome parts/*.py).
    public var levelChangedRole: Bool
}

/// Everything the Tuya config says about wiring and drivers, in OpenBeken terms.
public struct TuyaPinMapping: Sendable, Equatable {
    public var assignments: [PinAssignment] = []
    /// I²C LED driver name (SM2135, BP5758D, BP1658CJ, SM2235, KP18058) if the bulb has one.
    public var ledDriver: String?
    /// `LED_Map r g b c w` from `iicr`…`iicw` (BK7231GUIFlashTool TuyaConfig.cs).
    public var ledMap: [Int]?
    /// The driver current command, e.g. `SM2135_Current 2 8`.
    public var ledCurrentCommand: String?
    public var powerMeter: PowerMeterChip?
    /// `pwmhz` (BK7231GUIFlashTool TuyaConfig.cs).
    public var pwmFrequency: Int?
    /// TuyaMCU UART baud from `baud_cfg` (UPK2ESPHome parts/monitor.py; OpenBeken drv_tuyaMCU.c).
    public var tuyaMCUBaud: Int?
    /// Findings worth telling the user (unmapped pin keys, pins outside the module, clashes).
    public var notes: [String] = []

    /// GPIO → role, for the template.
    public var pins: [Int: PinSetting] {
        Dictionary(assignments.map { ($0.pin, $0.setting) }, uniquingKeysWith: { first, _ in first })
    }
}

/// Applies `TuyaPinRules`, the I²C LED-driver rules and the power-meter rules to a Tuya config.
public enum TuyaPinMapper {
    public static func map(_ config: TuyaDeviceConfig) -> TuyaPinMapping {
        map(config.userParamKey ?? UserParamKey(settings: []), baudRate: config.baudRate)
    }

    public static func map(_ upk: UserParamKey, baudRate: Int?) -> TuyaPinMapping {
        var mapping = TuyaPinMapping()
        mapping.tuyaMCUBaud = baudRate
        mapping.powerMeter = PowerMeterChip.detect { upk[$0] }
        let modulePins = TuyaModules.pins(forModule: upk["module"])
        var used: [Int: String] = [:]

        func add(pin: Int, setting: PinSetting, ruleID: String, key: String, levelKey: String?, level: Int?,
                 label: String, levelChanged: Bool, keys: [String]) {
            if let other = used[pin] {
                mapping.notes.append("P\(pin) is named by both \(other) and \(key); kept \(other).")
                return
            }
            if !modulePins.pins.contains(pin) {
                let module = upk["module"] ?? "the module"
                mapping.notes.append(
                    modulePins.known
                        ? "P\(pin) (\(key)) is not a pad of \(module); check the board (BK7231GUIFlashTool TuyaModules.cs; LibreTiny boards/*.json)."
                        : "P\(pin) (\(key)) is not a GPIO of the BK7231 QFN32 package (BK7231GUIFlashTool TuyaModules.cs; LibreTiny boards/*.json).")
            }
            used[pin] = key
            let confidence = keys.compactMap { upk.setting($0)?.confidence }.max { rank($0) < rank($1) } ?? .stored
            mapping.assignments.append(PinAssignment(
                pin: pin, setting: setting, ruleID: ruleID, key: key, levelKey: levelKey, level: level,
                confidence: confidence, label: label, levelChangedRole: levelChanged))
        }

        // 1. Per-key rules, in stored key order (BK7231GUIFlashTool's description order, TuyaConfig.cs GetKeysHumanReadableInternal).
        for setting in upk.settings {
            guard let (rule, channel) = TuyaPinRules.rule(for: setting.key) else {
                if let what = TuyaPinRules.unmappedPinKeys[setting.key] {
                    mapping.notes.append("\(what) on P\(setting.value) (`\(setting.key)`) is not mapped to a role.")
                }
                continue
            }
            // BL0937 pin roles only for BL0937/HLW8012 meters; UART meters have no GPIO roles (UPK2ESPHome parts/monitor.py; OpenBeken drv_tuyaMCU.c).
            if rule.id.hasPrefix("bl0937"), mapping.powerMeter != .bl0937 { continue }
            guard let pin = Int(setting.value), (0...31).contains(pin) else {
                mapping.notes.append("`\(setting.key):\(setting.value)` is not a GPIO number; skipped.")
                continue
            }
            let levelKey = TuyaPinRules.levelKey(for: setting.key)
            let level = levelKey.flatMap { upk.int($0) }
            let role = rule.roles.role(level: level)
            let label = rule.label.replacing("{n}", with: String(channel)).replacing("{v}", with: String(pin))
            add(pin: pin, setting: PinSetting(role, channel: channel), ruleID: rule.id, key: setting.key,
                levelKey: rule.roles.dependsOnLevel ? levelKey : nil, level: rule.roles.dependsOnLevel ? level : nil,
                label: label, levelChanged: role != rule.roles.levelMissing,
                keys: [setting.key] + (levelKey.map { [$0] } ?? []))
        }

        // 2. I²C LED driver block (BK7231GUIFlashTool TuyaConfig.cs): needs both iicscl and iicsda.
        if let scl = upk.int("iicscl"), let sda = upk.int("iicsda") {
            if let driver = LEDDriverRules.rule(for: { upk[$0] != nil }) {
                mapping.ledDriver = driver.driver
                add(pin: sda, setting: PinSetting(driver.dataRole), ruleID: "\(driver.driver)-data", key: "iicsda",
                    levelKey: nil, level: nil, label: "\(driver.dataRole.rawValue) on P\(sda)", levelChanged: false,
                    keys: ["iicsda"])
                add(pin: scl, setting: PinSetting(driver.clockRole), ruleID: "\(driver.driver)-clock", key: "iicscl",
                    levelKey: nil, level: nil, label: "\(driver.clockRole.rawValue) on P\(scl)", levelChanged: false,
                    keys: ["iicscl"])
                let (a, b) = driver.currentArguments { upk.int($0) }
                mapping.ledCurrentCommand = "\(driver.currentCommand) \(a) \(b)"
            } else {
                mapping.notes.append(
                    "An I2C LED driver is on SDA P\(sda) / SCL P\(scl), but its type is unknown (no current key, BK7231GUIFlashTool TuyaConfig.cs).")
            }
            let map = ["iicr", "iicg", "iicb", "iicc", "iicw"].map { upk.int($0) }
            if map.allSatisfy({ $0 != nil }) { mapping.ledMap = map.map { $0! } }
        }

        mapping.pwmFrequency = upk.int("pwmhz")
        return mapping
    }

    static func rank(_ c: TuyaConfidence) -> Int {
        switch c {
        case .stored: return 0
        case .seenWhole: return 1
        case .reconstructed: return 2
        case .conflicting: return 3
        }
    }
}
