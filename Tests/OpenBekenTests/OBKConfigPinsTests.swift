import Testing
@testable import OpenBeken

@Suite struct OBKConfigPinsTests {
    /// `PinRole.index` must be the `ioRole_t` number the config stores (OpenBeken new_pins.h).
    @Test func pinRoleNumbersMatchIoRoleT() {
        let documented: [(Int, String)] = [
            (0, "None"), (1, "Rel"), (2, "Rel_n"), (3, "Btn"), (4, "Btn_n"), (5, "LED"), (6, "LED_n"), (7, "PWM"),
            (8, "WifiLED"), (9, "WifiLED_n"), (10, "Btn_Tgl_All"), (11, "Btn_Tgl_All_n"), (12, "dInput"),
            (13, "dInput_n"), (14, "TglChanOnTgl"), (15, "dInput_NoPullUp"), (16, "dInput_NoPullUp_n"),
            (17, "BL0937SEL"), (18, "BL0937CF"), (19, "BL0937CF1"), (20, "ADC"), (21, "SM2135DAT"),
            (22, "SM2135CLK"), (23, "BP5758D_DAT"), (24, "BP5758D_CLK"), (25, "BP1658CJ_DAT"),
            (26, "BP1658CJ_CLK"), (27, "PWM_n"), (28, "IRRecv"), (29, "IRSend"), (37, "SM16703P_DIN"),
        ]
        for (number, name) in documented {
            #expect(PinRole(name: name)?.index == number, "\(name)")
            #expect(OBKPin(role: UInt8(number)).pinRole?.rawValue == name)
        }
        #expect(OBKPin(role: 42).pinRole == nil) // DHT11: not named by PinRole; shown as its number
        #expect(OBKPin(role: 42, channel: 3).templateText == "42;3")
    }

    @Test func templateReplacesPinsAndSetsCommandAndFlags() throws {
        var config = OBKConfig()
        try config.setPin(5, role: 1, channel: 9)
        let template = DeviceTemplate(chip: "BK7231N", flags: "1025",
                                      pins: [26: PinSetting(.relay, channel: 1), 10: PinSetting(.button, channel: 1, channel2: 2)],
                                      command: "startDriver NTP")
        try config.apply(template: template)
        #expect(config.pins[5] == .unused)
        #expect(config.pins[26] == OBKPin(role: 1, channel: 1))
        #expect(config.pins[10] == OBKPin(role: 3, channel: 1, channel2: 2))
        #expect(config.startupCommand == "startDriver NTP")
        #expect(config.flags.numbers == [0, 10])
        #expect(config.templatePins == template.pins)
        #expect(config.pins[10].templateText == "Btn;1;2")
    }

    @Test func emptyTemplateCommandKeepsTheStartupCommand() throws {
        var config = OBKConfig()
        config.startupCommand = "keep"
        try config.apply(template: DeviceTemplate(chip: "BK7231T"))
        #expect(config.startupCommand == "keep")
    }

    @Test func badTemplateValuesAreRefused() {
        var config = OBKConfig()
        #expect(throws: OBKConfigError.badFlags("10x")) {
            try config.apply(template: DeviceTemplate(chip: "BK7231N", flags: "10x"))
        }
        #expect(throws: OBKConfigError.channelOutOfRange(gpio: 8, channel: 64)) {
            try config.setPin(8, PinSetting(.relay, channel: 64))
        }
        #expect(throws: OBKConfigError.pinOutOfRange(gpio: 40, count: 32)) {
            try config.setPin(40, PinSetting(.relay, channel: 1))
        }
    }
}
