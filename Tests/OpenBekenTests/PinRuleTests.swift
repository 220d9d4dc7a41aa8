import Testing
import TuyaConfig
@testable import OpenBeken

struct PinRuleTests {
    func pins(_ upk: String, baud: Int? = nil) throws -> [Int: String] {
        TuyaPinMapper.map(try UserParamKey.parse(upk), baudRate: baud).pins.mapValues(\.description)
    }

    /// Every active-level rule of LibreTiny docs tuya-pin-config.md; UPK2ESPHome parts/*.py: level 1, level 0, level missing.
    @Test(arguments: [
        ("rl1_pin:6,rl1_lv:1", "Rel;1"), ("rl1_pin:6,rl1_lv:0", "Rel_n;1"), ("rl1_pin:6", "Rel;1"),
        ("led2_pin:6,led2_lv:1", "LED;2"), ("led2_pin:6,led2_lv:0", "LED_n;2"), ("led2_pin:6", "LED;2"),
        ("netled1_pin:6,netled1_lv:1", "WifiLED;0"), ("netled_pin:6,netled_lv:0", "WifiLED_n;0"),
        ("wfst_pin:6", "WifiLED_n;0"), ("status_led_pin:6,status_led_lv:1", "WifiLED;0"),
        ("bt3_pin:6,bt3_lv:1", "Btn_n;3"), ("bt3_pin:6,bt3_lv:0", "Btn;3"), ("bt3_pin:6", "Btn;3"),
        ("k2pin_pin:6,k2pin_lv:1", "Btn_n;2"), ("reset_pin:6", "Btn;0"),
        ("total_bt_pin:6,total_bt_lv:1", "Btn_Tgl_All_n;0"), ("total_bt_pin:6,total_bt_lv:0", "Btn_Tgl_All;0"),
        ("key_pin:6", "Btn_Tgl_All;0"),
        ("r_pin:6,r_lv:1", "PWM;1"), ("w_pin:6,w_lv:0", "PWM_n;5"), ("c_pin:6", "PWM;4"),
        ("door1_magt_pin:6,door1_magt_lv:0", "dInput_n;1"), ("door1_magt_pin:6", "dInput;1"),
        ("basic_pin_pin:6,basic_pin_lv:0", "dInput_n;0"), ("gate_sensor_pin_pin:6", "dInput;0"),
        ("samp_sw_pin:6,samp_sw_lv:0", "BAT_Relay_n;0"), ("samp_pin:6", "BAT_ADC;0"),
        ("sel_pin_pin:6,sel_pin_lv:0", "BL0937SEL_n;0"), ("sel_pin_pin:6,sel_pin_lv:1", "BL0937SEL;0"),
        ("onoff2:6", "TglChanOnTgl;2"), ("rl_on1_pin:6", "BridgeFWD;1"), ("rl_off1_pin:6", "BridgeREV;1"),
        ("infrr:6", "IRRecv;0"), ("infre:6", "IRSend;0"), ("remote_io:6", "RCRecv;0"), ("mic:6", "ADC;0"),
        ("backlit_io_pin:6,backlit_io_lv:0", "LED_n;0"), ("mosi:6", "SM16703P_DIN;0"),
    ])
    func levelRule(upk: String, role: String) throws {
        #expect(try pins("{\(upk),module:CB3S,}")[6] == role)
    }

    @Test(arguments: [
        ("dccur:30,drgbcur:20,dwcur:40", "BP5758D_DAT;0", "BP5758D_CLK;0", "BP5758D_Current 20 40"),
        ("cjwcur:30,cjccur:20", "BP1658CJ_DAT;0", "BP1658CJ_CLK;0", "BP1658CJ_Current 20 30"),
        ("2235ccur:4,2235wcur:5", "SM2235DAT;0", "SM2235CLK;0", "SM2235_Current 4 5"),
        ("kp58wcur:3,kp58ccur:2", "KP18058_DAT;0", "KP18058_CLK;0", "KP18058_Current 3 2"),
        ("ehccur:45,ehwcur:80", "SM2135DAT;0", "SM2135CLK;0", "SM2135_Current 7 14"),
    ])
    func i2cLEDDrivers(currents: String, data: String, clock: String, current: String) throws {
        let upk = try UserParamKey.parse("{iicsda:26,iicscl:24,\(currents),iicr:0,iicg:1,iicb:2,iicc:3,iicw:4,}")
        let mapping = TuyaPinMapper.map(upk, baudRate: nil)
        #expect(mapping.pins.mapValues(\.description) == [26: data, 24: clock])
        #expect(StartupCommand.command(for: mapping) == "backlog LED_Map 0 1 2 3 4; \(current)")
    }

    @Test func unknownI2CDriverIsReportedNotGuessed() throws {
        let mapping = TuyaPinMapper.map(try UserParamKey.parse("{iicsda:26,iicscl:24,}"), baudRate: nil)
        #expect(mapping.pins.isEmpty)
        #expect(mapping.notes.contains { $0.contains("type is unknown") })
    }

    @Test func uartPowerMetersHaveNoGPIORoles() throws {
        let bl0942 = TuyaPinMapper.map(try UserParamKey.parse("{chip_type:4,ele_pin:6,rl1_pin:8,}"), baudRate: nil)
        #expect(bl0942.pins.mapValues(\.description) == [8: "Rel;1"])
        #expect(StartupCommand.command(for: bl0942)
            == "backlog startDriver BL0942; startDriver NTP; SetupEnergyStats 1 60 60 1")
        let hlw8032 = TuyaPinMapper.map(try UserParamKey.parse("{chip_type:2,}"), baudRate: nil)
        #expect(StartupCommand.command(for: hlw8032, options: .init(energyStatistics: false)) == "startDriver CSE7766")
        let rx = TuyaPinMapper.map(try UserParamKey.parse("{ele_rx:10,ele_tx:11,}"), baudRate: nil)
        #expect(rx.powerMeter == .bl0942)
    }

    @Test func tuyaMCUAtOtherRatesSetsTheBaud() {
        let mapping = TuyaPinMapper.map(UserParamKey(settings: []), baudRate: 115200)
        #expect(StartupCommand.command(for: mapping) == "backlog startDriver TuyaMCU; tuyaMcu_setBaudRate 115200")
    }

    @Test func clashesAndOffModulePinsAreNoted() throws {
        let mapping = TuyaPinMapper.map(try UserParamKey.parse("{module:CB2S,rl1_pin:9,bt1_pin:9,}"), baudRate: nil)
        #expect(mapping.pins.mapValues(\.description) == [9: "Rel;1"])
        #expect(mapping.notes.contains { $0.contains("P9 is named by both rl1_pin and bt1_pin") })
        #expect(mapping.notes.contains { $0.contains("not a pad of CB2S") })
    }
}

struct PinRoleAndTemplateTests {
    @Test func roleNamesAndIndicesAreUnique() {
        #expect(Set(PinRole.allCases.map(\.rawValue)).count == PinRole.allCases.count)
        #expect(Set(PinRole.allCases.map(\.index)).count == PinRole.allCases.count)
        #expect(PinRole(name: "wifiled_N") == .wifiLEDInverted)
        #expect(PinRole(index: 64) == .bl0937SELInverted)
        #expect(PinRole(name: "NoSuchRole") == nil)
    }

    @Test func templateJSONRoundTripsWithNumericPinOrder() throws {
        let template = DeviceTemplate(
            chip: "BK7231N", board: "CB2S", flags: "1024", keywords: ["plug"],
            pins: [26: PinSetting(.relay, channel: 1), 6: PinSetting(.bl0937CF), 10: PinSetting(.pwm, channel: 1, channel2: 2)],
            command: "backlog startDriver NTP")
        let text = template.jsonText
        #expect(text.contains("\"6\": \"BL0937CF;0\",\n  \"10\": \"PWM;1;2\",\n  \"26\": \"Rel;1\""))
        #expect(text.contains("\"flags\": \"1024\""))
        #expect(try DeviceTemplate.parse(text) == template)
    }

    @Test(arguments: [
        ("CB2S", "BK7231N"), ("cbu", "BK7231N"), ("CBLC9", "BK7231N"), ("T34", "BK7231N"), ("WB3S", "BK7231T"),
        ("wb2l", "BK7231T"), ("WBLC9", "BK7231T"), ("WBR3", "RTL87X0C"), ("T1-2S", "BK7238"),
    ])
    func moduleChip(module: String, chip: String) {
        #expect(TuyaModules.chip(forModule: module) == chip)
    }
}
