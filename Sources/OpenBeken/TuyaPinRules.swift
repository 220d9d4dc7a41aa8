/// How a Tuya `*_lv` active level (0 = active low, 1 = active high; LibreTiny tuya-pin-config, LibreTiny docs tuya-pin-config.md; UPK2ESPHome parts/*.py)
/// chooses the OpenBeken role. OBK's plain output roles are active-high; `Btn` is active-low with pull-up.
public struct LevelRoles: Sendable, Equatable {
    public var activeHigh: PinRole
    public var activeLow: PinRole
    public var levelMissing: PinRole

    /// The same role whatever the level (the key has no level, or the level does not change the role).
    static func fixed(_ role: PinRole) -> LevelRoles { LevelRoles(activeHigh: role, activeLow: role, levelMissing: role) }

    public func role(level: Int?) -> PinRole {
        switch level {
        case 1: return activeHigh
        case 0: return activeLow
        default: return levelMissing
        }
    }

    public var dependsOnLevel: Bool { activeHigh != activeLow }
}

/// Where a rule takes the OBK channel from.
public enum ChannelSource: Sendable, Equatable {
    /// The number in the key (`rl2_pin` → 2, `onoff1` → 1).
    case fromKey
    case fixed(Int)
}

/// One Tuya key → OpenBeken role rule. Rules are data; each names the public source it comes from.
public struct TuyaPinRule: Sendable {
    /// Stable name, used in descriptions and tests (e.g. "relay", "wifi-led").
    public var id: String
    /// Key patterns; `#` is the channel number (one or more digits).
    public var keys: [String]
    public var channel: ChannelSource
    public var roles: LevelRoles
    /// Description line; `{n}` = channel, `{v}` = pin.
    public var label: String
    /// Where the rule comes from.
    public var source: String
}

/// The Tuya key → OBK pin rules, in evaluation order (first matching rule wins for a key).
///
/// Active levels: the level key of `X_pin` is `X_lv` (Tuya's `X_pin` + `X_lv` convention, LibreTiny docs tuya-pin-config.md; UPK2ESPHome parts/*.py).
/// BK7231GUIFlashTool and the upstream web app ignore levels; these rules honour them as LibreTiny docs tuya-pin-config.md; UPK2ESPHome parts/*.py proposes,
/// so a template differs from the peers' exactly where a level says the signal is inverted:
/// - `rl#_lv:0` → `Rel_n` (relay driven active-low)
/// - `led#_lv:0` / `backlit_io_lv:0` → `LED_n`
/// - `netled*_lv:1` / `wfst_lv:1` / `status_led_lv:1` → `WifiLED` (tools always write `WifiLED_n`)
/// - `bt#_lv:1` (and `bt_lv`, `k#pin_lv`, `reset_lv`) → `Btn_n` (button pulls the pin high)
/// - `total_bt_lv:1` / `key_lv:1` → `Btn_Tgl_All_n`
/// - `r/g/b/c/w_lv:0` → `PWM_n`
/// - `door#_magt_lv:0`, `gate_sensor_pin_lv:0`, `basic_pin_lv:0` → `dInput_n`
/// - `samp_sw_lv:0` → `BAT_Relay_n`
/// - `sel_pin_lv:0` → `BL0937SEL_n` (the OBK_webapp fork's rule; e.g. PC44HA, HLW8012 with `sel_pin_lv:0`)
public enum TuyaPinRules {
    public static let all: [TuyaPinRule] = [
        TuyaPinRule(id: "relay", keys: ["rl#_pin"], channel: .fromKey,
            roles: LevelRoles(activeHigh: .relay, activeLow: .relayInverted, levelMissing: .relay),
            label: "Relay (channel {n}) on P{v}", source: "BK7231GUIFlashTool TuyaConfig.cs `^rl\\d+_pin$`, LibreTiny docs tuya-pin-config.md; UPK2ESPHome parts/*.py relay levels"),
        TuyaPinRule(id: "relay-0", keys: ["rl"], channel: .fixed(0), roles: .fixed(.relay),
            label: "Relay (channel 0) on P{v}", source: "BK7231GUIFlashTool TuyaConfig.cs `rl`"),
        TuyaPinRule(id: "bridge-on", keys: ["rl_on#_pin"], channel: .fromKey, roles: .fixed(.bridgeForward),
            label: "Bridge Relay On (channel {n}) on P{v}", source: "OpenBekenIOT/webapp templateParser.js web app `rl_on1_pin` → BridgeFWD, LibreTiny docs tuya-pin-config.md; UPK2ESPHome parts/*.py"),
        TuyaPinRule(id: "bridge-off", keys: ["rl_off#_pin"], channel: .fromKey, roles: .fixed(.bridgeReverse),
            label: "Bridge Relay Off (channel {n}) on P{v}", source: "OpenBekenIOT/webapp templateParser.js web app `rl_off1_pin` → BridgeREV, LibreTiny docs tuya-pin-config.md; UPK2ESPHome parts/*.py"),
        TuyaPinRule(id: "led", keys: ["led#_pin"], channel: .fromKey,
            roles: LevelRoles(activeHigh: .led, activeLow: .ledInverted, levelMissing: .led),
            label: "LED (channel {n}) on P{v}", source: "BK7231GUIFlashTool TuyaConfig.cs `^led\\d+_pin$`, LibreTiny docs tuya-pin-config.md; UPK2ESPHome parts/*.py LED levels"),
        TuyaPinRule(id: "backlight", keys: ["backlit_io_pin"], channel: .fixed(0),
            roles: LevelRoles(activeHigh: .led, activeLow: .ledInverted, levelMissing: .led),
            label: "Backlight LED on P{v}", source: "BK7231GUIFlashTool TuyaConfig.cs `backlit_io_pin` → LED, LibreTiny docs tuya-pin-config.md; UPK2ESPHome parts/*.py"),
        TuyaPinRule(id: "wifi-led", keys: ["netled_pin", "netled#_pin", "wfst_pin", "wfst", "status_led_pin"],
            channel: .fixed(0),
            roles: LevelRoles(activeHigh: .wifiLED, activeLow: .wifiLEDInverted, levelMissing: .wifiLEDInverted),
            label: "WiFi LED on P{v}", source: "BK7231GUIFlashTool TuyaConfig.cs; OpenBekenIOT/webapp templateParser.js netled/wfst/status_led → WifiLED_n, LibreTiny docs tuya-pin-config.md; UPK2ESPHome parts/*.py Wi-Fi LED levels"),
        TuyaPinRule(id: "button", keys: ["bt#_pin", "k#pin_pin"], channel: .fromKey,
            roles: LevelRoles(activeHigh: .buttonInverted, activeLow: .button, levelMissing: .button),
            label: "Button (channel {n}) on P{v}", source: "BK7231GUIFlashTool TuyaConfig.cs `^bt\\d+_pin$`, `^k\\d+pin_pin$`, LibreTiny docs tuya-pin-config.md; UPK2ESPHome parts/*.py button levels"),
        TuyaPinRule(id: "button-0", keys: ["bt_pin", "bt", "reset_pin"], channel: .fixed(0),
            roles: LevelRoles(activeHigh: .buttonInverted, activeLow: .button, levelMissing: .button),
            label: "Button on P{v}", source: "BK7231GUIFlashTool TuyaConfig.cs `bt_pin`, `bt`, `reset_pin` → Btn, LibreTiny docs tuya-pin-config.md; UPK2ESPHome parts/*.py"),
        TuyaPinRule(id: "toggle-all-button", keys: ["total_bt_pin", "key_pin"], channel: .fixed(0),
            roles: LevelRoles(
                activeHigh: .buttonToggleAllInverted, activeLow: .buttonToggleAll, levelMissing: .buttonToggleAll),
            label: "Pair/Toggle All Button on P{v}", source: "BK7231GUIFlashTool TuyaConfig.cs; OpenBekenIOT/webapp templateParser.js `total_bt_pin`, `key_pin` → Btn_Tgl_All, LibreTiny docs tuya-pin-config.md; UPK2ESPHome parts/*.py"),
        TuyaPinRule(id: "toggle-input", keys: ["onoff#"], channel: .fromKey, roles: .fixed(.toggleChannelOnToggle),
            label: "TglChannelToggle (channel {n}) on P{v}",
            source: "BK7231GUIFlashTool TuyaConfig.cs `^onoff\\d+$` → TglChanOnTgl; LibreTiny docs tuya-pin-config.md; UPK2ESPHome parts/*.py: onoff inputs toggle on any change, no level"),
        TuyaPinRule(id: "door-sensor", keys: ["door#_magt_pin"], channel: .fromKey,
            roles: LevelRoles(activeHigh: .digitalInput, activeLow: .digitalInputInverted, levelMissing: .digitalInput),
            label: "Door Sensor (channel {n}) on P{v}", source: "BK7231GUIFlashTool TuyaConfig.cs `^door\\d+_magt_pin$` → dInput, LibreTiny docs tuya-pin-config.md; UPK2ESPHome parts/*.py"),
        TuyaPinRule(id: "gate-sensor", keys: ["gate_sensor_pin_pin"], channel: .fixed(0),
            roles: LevelRoles(activeHigh: .digitalInput, activeLow: .digitalInputInverted, levelMissing: .digitalInput),
            label: "Door/Gate sensor on P{v}", source: "BK7231GUIFlashTool TuyaConfig.cs `gate_sensor_pin_pin` → dInput, LibreTiny docs tuya-pin-config.md; UPK2ESPHome parts/*.py"),
        TuyaPinRule(id: "pir-sensor", keys: ["basic_pin_pin"], channel: .fixed(0),
            roles: LevelRoles(activeHigh: .digitalInput, activeLow: .digitalInputInverted, levelMissing: .digitalInput),
            label: "PIR sensor on P{v}", source: "BK7231GUIFlashTool TuyaConfig.cs `basic_pin_pin` → dInput, LibreTiny docs tuya-pin-config.md; UPK2ESPHome parts/*.py"),
        TuyaPinRule(id: "bl0937-cf", keys: ["ele_pin", "epin"], channel: .fixed(0), roles: .fixed(.bl0937CF),
            label: "BL0937 ELE (CF) on P{v}", source: "BK7231GUIFlashTool TuyaConfig.cs `ele_pin`, `epin` → BL0937CF; UPK2ESPHome parts/monitor.py; OpenBeken drv_tuyaMCU.c"),
        TuyaPinRule(id: "bl0937-cf1", keys: ["vi_pin", "ivpin"], channel: .fixed(0), roles: .fixed(.bl0937CF1),
            label: "BL0937 VI (CF1) on P{v}", source: "BK7231GUIFlashTool TuyaConfig.cs `vi_pin`, `ivpin` → BL0937CF1; UPK2ESPHome parts/monitor.py; OpenBeken drv_tuyaMCU.c"),
        TuyaPinRule(id: "bl0937-sel", keys: ["sel_pin_pin", "ivcpin"], channel: .fixed(0),
            roles: LevelRoles(activeHigh: .bl0937SEL, activeLow: .bl0937SELInverted, levelMissing: .bl0937SEL),
            label: "BL0937 SEL on P{v}", source: "BK7231GUIFlashTool TuyaConfig.cs `sel_pin_pin` → BL0937SEL; LibreTiny docs tuya-pin-config.md; UPK2ESPHome parts/*.py fork rule sel_pin_lv:0 → BL0937SEL_n"),
        TuyaPinRule(id: "pwm-red", keys: ["r_pin"], channel: .fixed(1), roles: pwmLevels,
            label: "LED Red (Channel 1) on P{v}", source: "OpenBekenIOT/webapp templateParser.js web app channels 1..5, LibreTiny docs tuya-pin-config.md; UPK2ESPHome parts/*.py PWM levels"),
        TuyaPinRule(id: "pwm-green", keys: ["g_pin"], channel: .fixed(2), roles: pwmLevels,
            label: "LED Green (Channel 2) on P{v}", source: "OpenBekenIOT/webapp templateParser.js; LibreTiny docs tuya-pin-config.md; UPK2ESPHome parts/*.py"),
        TuyaPinRule(id: "pwm-blue", keys: ["b_pin"], channel: .fixed(3), roles: pwmLevels,
            label: "LED Blue (Channel 3) on P{v}", source: "OpenBekenIOT/webapp templateParser.js; LibreTiny docs tuya-pin-config.md; UPK2ESPHome parts/*.py"),
        TuyaPinRule(id: "pwm-cool", keys: ["c_pin"], channel: .fixed(4), roles: pwmLevels,
            label: "LED Cool (Channel 4) on P{v}", source: "OpenBekenIOT/webapp templateParser.js; LibreTiny docs tuya-pin-config.md; UPK2ESPHome parts/*.py"),
        TuyaPinRule(id: "pwm-warm", keys: ["w_pin"], channel: .fixed(5), roles: pwmLevels,
            label: "LED Warm (Channel 5) on P{v}", source: "OpenBekenIOT/webapp templateParser.js; LibreTiny docs tuya-pin-config.md; UPK2ESPHome parts/*.py"),
        TuyaPinRule(id: "pwm-first", keys: ["firstpin_pin"], channel: .fixed(1), roles: pwmLevels,
            label: "PWM (channel 1) on P{v}", source: "OpenBekenIOT/webapp templateParser.js web app `firstpin_pin` → PWM;1"),
        TuyaPinRule(id: "pwm-second", keys: ["secpin_pin"], channel: .fixed(2), roles: pwmLevels,
            label: "PWM (channel 2) on P{v}", source: "OpenBekenIOT/webapp templateParser.js web app `secpin_pin` → PWM;2"),
        TuyaPinRule(id: "ir-receiver", keys: ["infrr", "irpin"], channel: .fixed(0), roles: .fixed(.irReceive),
            label: "IR Receiver on P{v}", source: "BK7231GUIFlashTool TuyaConfig.cs; OpenBekenIOT/webapp templateParser.js `infrr`, `irpin` → IRRecv"),
        TuyaPinRule(id: "ir-sender", keys: ["infre"], channel: .fixed(0), roles: .fixed(.irSend),
            label: "IR Transmitter on P{v}", source: "BK7231GUIFlashTool TuyaConfig.cs; OpenBekenIOT/webapp templateParser.js `infre` → IRSend"),
        TuyaPinRule(id: "rf-receiver", keys: ["remote_io"], channel: .fixed(0), roles: .fixed(.rcReceive),
            label: "RF Remote on P{v}", source: "BK7231GUIFlashTool TuyaConfig.cs; OpenBekenIOT/webapp templateParser.js `remote_io` → RCRecv"),
        TuyaPinRule(id: "battery-relay", keys: ["samp_sw_pin"], channel: .fixed(0),
            roles: LevelRoles(activeHigh: .batteryRelay, activeLow: .batteryRelayInverted, levelMissing: .batteryRelay),
            label: "Battery Relay on P{v}", source: "BK7231GUIFlashTool TuyaConfig.cs `samp_sw_pin` → BAT_Relay, LibreTiny docs tuya-pin-config.md; UPK2ESPHome parts/*.py"),
        TuyaPinRule(id: "battery-adc", keys: ["samp_pin"], channel: .fixed(0), roles: .fixed(.batteryADC),
            label: "Battery ADC on P{v}", source: "BK7231GUIFlashTool TuyaConfig.cs `samp_pin` → BAT_ADC"),
        TuyaPinRule(id: "microphone", keys: ["mic", "micpin"], channel: .fixed(0), roles: .fixed(.adc),
            label: "Microphone (ADC) on P{v}", source: "OpenBekenIOT/webapp templateParser.js web app `mic` → ADC"),
        TuyaPinRule(id: "led-strip", keys: ["mosi"], channel: .fixed(0), roles: .fixed(.sm16703pDIN),
            label: "SPI MOSI (LED strip data) on P{v}", source: "BK7231GUIFlashTool TuyaConfig.cs `mosi` → SM16703P_DIN"),
    ]

    static let pwmLevels = LevelRoles(activeHigh: .pwm, activeLow: .pwmInverted, levelMissing: .pwm)

    /// Keys that name a pin no rule maps; reported so the user knows they exist (BK7231GUIFlashTool TuyaConfig.cs "TODO" lines).
    public static let unmappedPinKeys: [String: String] = [
        "ctrl_pin": "Control pin (purpose unknown; BK7231GUIFlashTool TuyaConfig.cs TODO)",
        "buzzer_io": "Buzzer",
        "bz_pin_pin": "Buzzer",
        "i2c_scl_pin": "I2C SCL",
        "i2c_sda_pin": "I2C SDA",
        "alt_pin_pin": "ALT pin",
        "one_wire_pin": "OneWire IO",
        "pirin_pin": "PIR input",
        "ir": "IR (probably an IR receiver; no tool maps this key)",
    ]

    /// The first rule and channel matching `key`.
    public static func rule(for key: String) -> (rule: TuyaPinRule, channel: Int)? {
        for rule in all {
            for pattern in rule.keys {
                if let number = match(pattern: pattern, key: key) {
                    switch rule.channel {
                    case .fromKey: return (rule, number ?? 0)
                    case .fixed(let n): return (rule, n)
                    }
                }
            }
        }
        return nil
    }

    /// The level key of a pin key: `X_pin` → `X_lv` (LibreTiny docs tuya-pin-config.md; UPK2ESPHome parts/*.py); keys not ending in `_pin` have none.
    public static func levelKey(for key: String) -> String? {
        key.hasSuffix("_pin") ? String(key.dropLast(4)) + "_lv" : nil
    }

    /// Matches `#` to one or more digits. Returns nil for no match, `.some(nil)` for a match without `#`.
    static func match(pattern: String, key: String) -> Int?? {
        let p = Array(pattern)
        let k = Array(key)
        var i = 0
        var j = 0
        var number: Int?
        while i < p.count {
            if p[i] == "#" {
                let start = j
                while j < k.count, k[j].isNumber, k[j].isASCII { j += 1 }
                guard j > start, let n = Int(String(k[start..<j])) else { return nil }
                number = n
            } else {
                guard j < k.count, k[j] == p[i] else { return nil }
                j += 1
            }
            i += 1
        }
        return j == k.count ? .some(number) : nil
    }
}
