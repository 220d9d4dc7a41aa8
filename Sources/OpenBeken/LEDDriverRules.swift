/// I²C LED drivers of Tuya bulbs: which driver a config names, its pin roles and current command
/// (BK7231GUIFlashTool TuyaConfig.cs I²C block; OBK autostarts these drivers from their roles, OpenBeken user_main.c).
public struct LEDDriverRule: Sendable {
    public var driver: String
    /// Any of these keys present ⇒ this driver (first matching rule wins).
    public var triggerKeys: [String]
    public var dataRole: PinRole
    public var clockRole: PinRole
    /// The OBK current command name and how to read its two arguments from the config.
    public var currentCommand: String
    public var currentArguments: @Sendable (_ int: (String) -> Int?) -> (Int, Int)
    public var source: String
}

public enum LEDDriverRules {
    public static let all: [LEDDriverRule] = [
        LEDDriverRule(
            driver: "SM2135", triggerKeys: ["ehccur", "wampere", "iicccur"], dataRole: .sm2135DAT, clockRole: .sm2135CLK,
            currentCommand: "SM2135_Current",
            currentArguments: { int in
                // Tuya gives mA; OBK's SM2135_Current takes SM2135 codes: mA = 10 + 5 × code (UPK2ESPHome
                // `gen_i2c_sm2135eh`, BK7231GUIFlashTool TuyaConfig.cs caveat, OpenBeken user_main.c "convert SM2135 mA to codes").
                let rgb = int("ehccur") ?? int("iicccur") ?? int("campere") ?? 1
                let cw = int("ehwcur") ?? int("iicwcur") ?? int("wampere") ?? 1
                return (sm2135Code(milliamps: rgb), sm2135Code(milliamps: cw))
            }, source: "BK7231GUIFlashTool TuyaConfig.cs"),
        LEDDriverRule(
            driver: "BP5758D", triggerKeys: ["dccur"], dataRole: .bp5758dDAT, clockRole: .bp5758dCLK,
            currentCommand: "BP5758D_Current",
            currentArguments: { int in (int("drgbcur") ?? 1, max(int("dwcur") ?? 1, int("dccur") ?? 1)) },
            source: "BK7231GUIFlashTool TuyaConfig.cs"),
        LEDDriverRule(
            driver: "BP1658CJ", triggerKeys: ["cjwcur"], dataRole: .bp1658cjDAT, clockRole: .bp1658cjCLK,
            currentCommand: "BP1658CJ_Current",
            currentArguments: { int in (int("cjccur") ?? 1, int("cjwcur") ?? 1) }, source: "BK7231GUIFlashTool TuyaConfig.cs"),
        LEDDriverRule(
            driver: "SM2235", triggerKeys: ["2235ccur", "2335ccur"], dataRole: .sm2235DAT, clockRole: .sm2235CLK,
            currentCommand: "SM2235_Current",
            currentArguments: { int in (int("2235ccur") ?? 1, int("2235wcur") ?? 1) },
            source: "BK7231GUIFlashTool TuyaConfig.cs; OpenBekenIOT/webapp templateParser.js web app also accepts 2335ccur"),
        LEDDriverRule(
            driver: "KP18058", triggerKeys: ["kp58wcur"], dataRole: .kp18058DAT, clockRole: .kp18058CLK,
            currentCommand: "KP18058_Current",
            currentArguments: { int in (int("kp58wcur") ?? 1, int("kp58ccur") ?? 1) }, source: "BK7231GUIFlashTool TuyaConfig.cs"),
    ]

    /// SM2135 current code for a current in mA (mA = 10 + 5 × code), never below 0.
    public static func sm2135Code(milliamps: Int) -> Int {
        max(0, (milliamps - 10) / 5)
    }

    public static func rule(for has: (String) -> Bool) -> LEDDriverRule? {
        all.first { $0.triggerKeys.contains(where: has) }
    }
}

/// Tuya power-metering chips (`chip_type`, UPK2ESPHome parts/monitor.py; OpenBeken drv_tuyaMCU.c) and what OBK needs for them.
public enum PowerMeterChip: String, Sendable, Codable {
    /// BL0937 / HLW8012 (chip_type 0/1): GPIO pins CF, CF1, SEL; OBK driver `BL0937`.
    case bl0937 = "BL0937"
    /// BL0942 on UART (chip_type 3 or 4, or `ele_rx`/`ele_tx`): `startDriver BL0942`.
    case bl0942 = "BL0942"
    /// HLW8032 on UART (chip_type 2): OBK's CSE7766 driver "is the same as HLW8032".
    case cse7766 = "CSE7766"

    /// UPK2ESPHome parts/monitor.py; OpenBeken drv_tuyaMCU.c: 0 BL0937, 1 HLW8012 (both BL0937 driver), 2 HLW8032 → CSE7766, 3/4 or ele_rx → BL0942.
    /// Without `chip_type`, BL0937 pins (`ele_pin`/`vi_pin`/`sel_pin_pin`) mean BL0937.
    static func detect(_ config: (String) -> String?) -> PowerMeterChip? {
        if config("ele_rx") != nil || config("ele_tx") != nil { return .bl0942 }
        switch config("chip_type").flatMap({ Int($0) }) {
        case 0, 1: return .bl0937
        case 2: return .cse7766
        case 3, 4: return .bl0942
        default:
            let pins = ["ele_pin", "vi_pin", "sel_pin_pin", "epin", "ivpin", "ivcpin"]
            return pins.contains { config($0) != nil } ? .bl0937 : nil
        }
    }
}
