/// OpenBeken pin roles with their exact template names (firmware `htmlPinRoleNames[]`, index = enum
/// `ioRole_e` in `src/new_pins.h`) — OpenBeken new_http.c htmlPinRoleNames. Templates must use these strings; parsing is
/// case-insensitive like the firmware's `PIN_ParsePinRoleName`.
public enum PinRole: String, Sendable, CaseIterable, Codable {
    case none = "None"
    case relay = "Rel"
    case relayInverted = "Rel_n"
    case button = "Btn"  // active-low, internal pull-up
    case buttonInverted = "Btn_n"
    case led = "LED"
    case ledInverted = "LED_n"
    case pwm = "PWM"
    case wifiLED = "WifiLED"
    case wifiLEDInverted = "WifiLED_n"
    case buttonToggleAll = "Btn_Tgl_All"
    case buttonToggleAllInverted = "Btn_Tgl_All_n"
    case digitalInput = "dInput"  // pull-up
    case digitalInputInverted = "dInput_n"
    case toggleChannelOnToggle = "TglChanOnTgl"
    case digitalInputNoPullUp = "dInput_NoPullUp"
    case digitalInputNoPullUpInverted = "dInput_NoPullUp_n"
    case bl0937SEL = "BL0937SEL"
    case bl0937CF = "BL0937CF"
    case bl0937CF1 = "BL0937CF1"
    case adc = "ADC"
    case sm2135DAT = "SM2135DAT"
    case sm2135CLK = "SM2135CLK"
    case bp5758dDAT = "BP5758D_DAT"
    case bp5758dCLK = "BP5758D_CLK"
    case bp1658cjDAT = "BP1658CJ_DAT"
    case bp1658cjCLK = "BP1658CJ_CLK"
    case pwmInverted = "PWM_n"
    case irReceive = "IRRecv"
    case irSend = "IRSend"
    case sm16703pDIN = "SM16703P_DIN"
    case sm2235DAT = "SM2235DAT"
    case sm2235CLK = "SM2235CLK"
    case bridgeForward = "BridgeFWD"
    case bridgeReverse = "BridgeREV"
    case doorSensorWithDeepSleep = "DoorSnsrWSleep"
    case batteryADC = "BAT_ADC"
    case batteryRelay = "BAT_Relay"
    case bl0937SELInverted = "BL0937SEL_n"
    case batteryRelayInverted = "BAT_Relay_n"
    case kp18058CLK = "KP18058_CLK"
    case kp18058DAT = "KP18058_DAT"
    case rcReceive = "RCRecv"
    case buttonPullDown = "Btn_pd"
    case buttonPullDownInverted = "Btn_pd_n"

    /// The firmware's `ioRole_e` number (what `mainConfig_t` stores) — OpenBeken new_http.c htmlPinRoleNames.
    public var index: Int {
        switch self {
        case .none: return 0
        case .relay: return 1
        case .relayInverted: return 2
        case .button: return 3
        case .buttonInverted: return 4
        case .led: return 5
        case .ledInverted: return 6
        case .pwm: return 7
        case .wifiLED: return 8
        case .wifiLEDInverted: return 9
        case .buttonToggleAll: return 10
        case .buttonToggleAllInverted: return 11
        case .digitalInput: return 12
        case .digitalInputInverted: return 13
        case .toggleChannelOnToggle: return 14
        case .digitalInputNoPullUp: return 15
        case .digitalInputNoPullUpInverted: return 16
        case .bl0937SEL: return 17
        case .bl0937CF: return 18
        case .bl0937CF1: return 19
        case .adc: return 20
        case .sm2135DAT: return 21
        case .sm2135CLK: return 22
        case .bp5758dDAT: return 23
        case .bp5758dCLK: return 24
        case .bp1658cjDAT: return 25
        case .bp1658cjCLK: return 26
        case .pwmInverted: return 27
        case .irReceive: return 28
        case .irSend: return 29
        case .sm16703pDIN: return 37
        case .sm2235DAT: return 52
        case .sm2235CLK: return 53
        case .bridgeForward: return 54
        case .bridgeReverse: return 55
        case .doorSensorWithDeepSleep: return 58
        case .batteryADC: return 60
        case .batteryRelay: return 61
        case .bl0937SELInverted: return 64
        case .batteryRelayInverted: return 75
        case .kp18058CLK: return 76
        case .kp18058DAT: return 77
        case .rcReceive: return 87
        case .buttonPullDown: return 89
        case .buttonPullDownInverted: return 90
        }
    }

    /// Case-insensitive lookup by template name (`PIN_ParsePinRoleName` uses `stricmp`).
    public init?(name: String) {
        let lower = name.lowercased()
        guard let role = PinRole.allCases.first(where: { $0.rawValue.lowercased() == lower }) else { return nil }
        self = role
    }

    public init?(index: Int) {
        guard let role = PinRole.allCases.first(where: { $0.index == index }) else { return nil }
        self = role
    }
}
