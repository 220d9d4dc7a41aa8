/// Tuya module names → chip, and the GPIOs each module exposes (BK7231GUIFlashTool TuyaModules.cs; UPK2ESPHome config.py; LibreTiny boards/*.json).
public enum TuyaModules {
    /// Module name → chip, first matching rule wins (BK7231GUIFlashTool `TuyaModules.getTypeForModuleName`,
    /// input upper-cased — BK7231GUIFlashTool TuyaModules.cs; LibreTiny boards/*.json). `nil` chip = not a BK7231 family we can name.
    static let moduleRules: [(prefix: String, chip: String, source: String)] = [
        ("T34", "BK7231N", "BK7231GUIFlashTool TuyaModules.cs: T34 → BK7231N"),
        ("T1", "BK7238", "BK7231GUIFlashTool TuyaModules.cs: T1… → BK7238"),
        ("T2", "BK7231N", "BK7231GUIFlashTool TuyaModules.cs: T2… → BK7231N"),
        ("T3", "BK7236", "BK7231GUIFlashTool TuyaModules.cs: T3… → BK7236"),
        ("T4", "BK7252N", "BK7231GUIFlashTool TuyaModules.cs: T4… → BK7252N"),
        ("T5", "BK7258", "BK7231GUIFlashTool TuyaModules.cs: T5… → BK7258"),
        ("CB", "BK7231N", "BK7231GUIFlashTool TuyaModules.cs: CB… → BK7231N"),
        ("CR", "RTL87X0C", "BK7231GUIFlashTool TuyaModules.cs: CR… → RTL87X0C"),
        ("X", "XR809", "BK7231GUIFlashTool TuyaModules.cs: X… → XR809"),
    ]

    /// The chip of a Tuya module name (`CB2S` → BK7231N, `WB3S` → BK7231T, `wb2l` → BK7231T).
    public static func chip(forModule module: String) -> String? {
        let name = module.uppercased()
        // BK7231GUIFlashTool TuyaModules.cs: W?… → BK7231T unless the 3rd letter is R (RTL87X0C, e.g. WBR3) or D (RDA5981).
        if name.hasPrefix("W"), name.count >= 2 {
            let chars = Array(name)
            if chars.count >= 3, chars[2] == "R" { return "RTL87X0C" }
            if chars.count >= 3, chars[2] == "D" { return "RDA5981" }
            return "BK7231T"
        }
        return moduleRules.first { name.hasPrefix($0.prefix) }?.chip
    }

    /// `em_sys_env` platform string → chip (BK7231GUIFlashTool `TuyaModules.getTypeForPlatformName`, plus `BK7231S_2M` = T, seen in the T dumps).
    static let platformChips: [String: String] = [
        "bk7231n": "BK7231N", "bk7231nl": "BK7231N", "t2": "BK7231N",  // BK7231GUIFlashTool TuyaModules.cs getTypeForPlatformName
        "bk7231t": "BK7231T", "bk7231s_2m": "BK7231T",  // BK7231S_2M (= BK7231T): seen in the T dumps; BK7231GUIFlashTool TuyaModules.cs lacks it
        "bk7231": "BK7231Q", "t1": "BK7238",  // BK7231GUIFlashTool TuyaModules.cs getTypeForPlatformName
    ]

    public static func chip(forPlatform platform: String) -> String? {
        platformChips[platform.lowercased()]
    }

    /// Chip names found in boot logs (`V:BK7231N_1.0.1`, `AT bk7231n >`, `oem_bk7231s_…`) — BK7231GUIFlashTool TuyaModules.cs; boot-log rule 8 (`BootLogParser`).
    public static func chip(forHint hint: String) -> String? {
        switch hint.lowercased() {
        case "bk7231n": return "BK7231N"
        case "bk7231t", "bk7231s": return "BK7231T"
        default: return nil
        }
    }

    /// GPIOs reachable on each module (LibreTiny board files, BK7231GUIFlashTool TuyaModules.cs; LibreTiny boards/*.json).
    static let modulePins: [String: Set<Int>] = [
        "WB1S": [0, 1, 6, 7, 8, 9, 10, 11, 20, 21, 22, 23, 24, 26],
        "WB2S": [0, 1, 6, 7, 8, 9, 10, 11, 20, 21, 22, 23, 24, 26],
        "WB3S": [0, 1, 6, 7, 8, 9, 10, 11, 14, 20, 21, 22, 23, 24, 26],
        "WB2L": [0, 1, 6, 7, 8, 10, 11, 20, 21, 22, 23, 24, 26],
        "WB3L": [0, 1, 6, 7, 8, 9, 10, 11, 14, 16, 20, 21, 22, 23, 24, 26],
        "WBLC5": [0, 1, 6, 10, 11, 20, 21, 22, 23, 24, 26],
        "CB1S": [0, 1, 6, 7, 8, 9, 10, 11, 20, 21, 22, 23, 24, 26],
        "CB2S": [0, 1, 6, 7, 8, 10, 11, 21, 23, 24, 26],
        "CB3S": [0, 6, 7, 8, 9, 10, 11, 14, 20, 21, 22, 23, 24, 26],
        "CB3SE": [0, 1, 6, 7, 8, 9, 10, 11, 14, 15, 16, 17, 20, 22, 23, 24, 26],
        "CB2L": [0, 6, 7, 8, 10, 11, 21, 24, 26],
        "CB3L": [0, 6, 7, 8, 9, 10, 11, 14, 21, 23, 24, 26],
        "CBLC5": [0, 1, 6, 10, 11, 21, 24, 26],
        "CBU": [0, 1, 6, 7, 8, 9, 10, 11, 14, 15, 16, 17, 20, 21, 22, 23, 24, 26, 28],
    ]

    /// Generic BK7231N/T QFN32 GPIO list — BK7231GUIFlashTool TuyaModules.cs; LibreTiny boards/*.json, the fallback for modules not in the table.
    static let qfn32Pins: Set<Int> = [0, 1, 6, 7, 8, 9, 10, 11, 14, 15, 16, 17, 20, 21, 22, 23, 24, 26, 28]

    /// The GPIOs of a module (generic QFN32 list when the module is unknown) and whether the module was known.
    public static func pins(forModule module: String?) -> (pins: Set<Int>, known: Bool) {
        if let module, let pins = modulePins[module.uppercased()] { return (pins, true) }
        return (qfn32Pins, false)
    }
}
