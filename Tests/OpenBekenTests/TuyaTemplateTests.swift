import Testing
import TuyaConfig
@testable import OpenBeken

struct SeedTemplateTests {
    /// Seed 000: the pins the forum derived from the boot log, exactly.
    @Test func seed000BootLogGivesTheSeedsPins() throws {
        let config = try TuyaConfigReader.read(try TestData.fixture("seed000-bootlog.txt"))
        let result = TuyaTemplateBuilder.build(config)
        #expect(result.template.pins.mapValues(\.description) == [
            6: "BL0937CF;0", 7: "BL0937CF1;0", 8: "Rel;1", 23: "WifiLED_n;0", 24: "Btn;1", 26: "BL0937SEL;0",
        ])
        #expect(result.template.chip == "BK7231N")
        #expect(result.template.board == "CB2S")
        // The seed's command is `backlog StartDriver bl0937;StartDriver NTP;SetupEnergyStats 1 60 60 1`.
        // Ours is the same list of commands; the only differences are spelling OpenBeken ignores: command and
        // driver names are case-insensitive in the firmware, and backlog trims the space after each `;`.
        #expect(normalised(result.startupCommand) == normalised(
            "backlog StartDriver bl0937;StartDriver NTP;SetupEnergyStats 1 60 60 1"))
        #expect(result.startupCommand == "backlog startDriver BL0937; startDriver NTP; SetupEnergyStats 1 60 60 1")
        #expect(result.script.last == "StartupCommand \"\(result.startupCommand)\"")
        // The seed's template also sets `"flags": "1024"`; we leave flags absent unless asked (OpenBeken user_main.c).
        #expect(result.template.flags == nil)
    }

    func normalised(_ command: String) -> [String] {
        var body = Substring(command)
        if body.hasPrefix("backlog ") { body = body.dropFirst(8) }
        return body.split(separator: ";").map { $0.split(separator: " ").joined(separator: " ").lowercased() }
    }

    /// Seed 002: Easy Flasher's JSON export of a CB2S switch.
    @Test func seed002JSONGivesTheSeedsPins() throws {
        let config = try TuyaConfigReader.read(try TestData.fixture("seed002-user_param_key.json"))
        let result = TuyaTemplateBuilder.build(config)
        #expect(result.template.pins.mapValues(\.description) == [
            24: "Btn_Tgl_All;0", 8: "WifiLED_n;0", 6: "TglChanOnTgl;1", 26: "Rel;1",
        ])
        #expect(result.chip == "BK7231N")
        #expect(result.chipEvidence == "module CB2S")
        #expect(result.description.prefix(5) == [
            "Device configuration, as extracted from Tuya:",
            "- Pair/Toggle All Button on P24 → Btn_Tgl_All;0",
            "- WiFi LED on P8 → WifiLED_n;0",
            "- TglChannelToggle (channel 1) on P6 → TglChanOnTgl;1",
            "- Relay (channel 1) on P26 → Rel;1",
        ])
        #expect(result.description.contains("Device seems to be using CB2S module, which is using BK7231N."))
        #expect(result.script == [
            "backlog ClearIO; setPinRole 6 TglChanOnTgl; setPinChannel 6 1; setPinRole 8 WifiLED_n; "
                + "setPinChannel 8 0; setPinRole 24 Btn_Tgl_All; setPinChannel 24 0; setPinRole 26 Rel; setPinChannel 26 1"
        ])
    }
}

struct DumpTemplateTests {
    /// Where our template differs from the peers', and the active-level rule (TuyaPinRules, LibreTiny docs tuya-pin-config.md; UPK2ESPHome parts/*.py)
    /// that says so. The peers ignore every `*_lv` key; everything not listed here must be equal.
    static let levelDifferences: [String: [Int: (peer: String, ours: String, rule: String, level: String)]] = [
        // netled1_lv:1 — the Wi-Fi LED is active-high, so `WifiLED`, not the tools' fixed `WifiLED_n`.
        "Mirabella_Genio_I003632_Plug.bin": [26: ("WifiLED_n;0", "WifiLED;0", "wifi-led", "netled1_lv")],
        // sel_pin_lv:0 → BL0937SEL_n (OBK_webapp fork rule); led1_lv:0 → LED_n (LED driven active-low).
        "BK7231T_TuyaConfig_PC44HA.bin": [
            24: ("BL0937SEL;0", "BL0937SEL_n;0", "bl0937-sel", "sel_pin_lv"),
            11: ("LED;1", "LED_n;1", "led", "led1_lv"),
        ],
        // bt1_lv:1 / bt2_lv:1 — touch buttons pull the pin high when pressed → `Btn_n`.
        "SmartLED_8044_1_Gange_Smart_Switch.bin": [20: ("Btn;1", "Btn_n;1", "button", "bt1_lv")],
        "SmartLED_8046_2_Gang_Smart_Switch.bin": [
            20: ("Btn;1", "Btn_n;1", "button", "bt1_lv"),
            16: ("Btn;2", "Btn_n;2", "button", "bt2_lv"),
        ],
    ]

    @Test(arguments: TestData.dumpNames)
    func pinsEqualPeersExceptDocumentedLevels(dump: String) throws {
        let config = try TuyaConfigReader.read(try TestData.dump(dump))
        let result = TuyaTemplateBuilder.build(config)
        let ours = result.template.pins.mapValues(\.description)
        var expected = try TestData.peerPins(dump)
        let differences = Self.levelDifferences[dump] ?? [:]
        for (pin, d) in differences {
            #expect(expected[pin] == d.peer, "peer pin \(pin) of \(dump)")
            expected[pin] = d.ours
            let assignment = result.mapping.assignments.first { $0.pin == pin }
            #expect(assignment?.ruleID == d.rule)
            #expect(assignment?.levelKey == d.level)
            #expect(assignment?.levelChangedRole == true)
        }
        #expect(ours == expected)
        // Only the listed pins had their role changed by a level.
        let changed = Set(result.mapping.assignments.filter(\.levelChangedRole).map(\.pin))
        #expect(changed == Set(differences.keys))
    }

    @Test func tuyaMCUDumpStartsTuyaMCUAt9600() throws {
        let config = try TuyaConfigReader.read(try TestData.dump("ELEGRP_DPR10_Touch_Dimmer_Switch_TuyaMCU.bin"))
        let result = TuyaTemplateBuilder.build(config)
        #expect(result.mapping.tuyaMCUBaud == 9600)
        #expect(result.template.pins.isEmpty)
        #expect(result.template.command == "startDriver TuyaMCU")  // 9600 is the driver's default (UPK2ESPHome parts/monitor.py; OpenBeken drv_tuyaMCU.c)
        #expect(result.description.contains { $0.contains("TuyaMCU") && $0.contains("9600 baud") })
    }

    @Test func appOnlyConfigInventsNoPins() throws {
        let config = try TuyaConfigReader.read(try TestData.dump("Daybetter_FLSL501115WIFITY_RGB_LED_Strip.bin"))
        let result = TuyaTemplateBuilder.build(config)
        #expect(result.template.pins.isEmpty)
        #expect(result.template.command == "")
        #expect(result.script.isEmpty)
        #expect(result.description.contains("No pins found in this Tuya configuration; none are guessed."))
        #expect(result.description.contains { $0.contains("compiled into the application code") })
    }

    @Test func sm2135BulbGetsDriverPinsMapAndCurrentCodes() throws {
        let config = try TuyaConfigReader.read(try TestData.dump("Globe_Electric_37783_RGBCT_Bulb_v2.0.0.bin"))
        let result = TuyaTemplateBuilder.build(config)
        #expect(result.mapping.ledDriver == "SM2135")
        // campere:20 / wampere:50 mA → SM2135 codes 2 / 8 (mA = 10 + 5 × code); Easy Flasher passes mA unchanged.
        #expect(result.template.command == "backlog LED_Map 2 1 0 4 3; SM2135_Current 2 8")
    }

    @Test func pwmLightsGetTheirFrequency() throws {
        let config = try TuyaConfigReader.read(try TestData.dump("Allegro_Berge_MI0014_30_x_5_cm_Milio.bin"))
        #expect(TuyaTemplateBuilder.build(config).template.command == "PWMFrequency 3000")
    }

    /// No secret from a dump appears in any default output: text report, JSON report, template, script.
    @Test(arguments: TestData.dumpNames)
    func defaultReportLeaksNoSecret(dump: String) throws {
        let config = try TuyaConfigReader.read(try TestData.dump(dump))
        let report = TuyaConfigReport(config: config)
        let outputs = [report.text, report.json.jsonText, report.json.prettyJSONText(),
                       report.result.template.jsonText, report.result.script.joined(separator: "\n")]
        let secrets = config.secretStrings.filter { $0.count >= 4 }
        #expect(!secrets.isEmpty)
        // Count only: a failing test must not print the secret itself.
        let leaks = secrets.filter { secret in outputs.contains { $0.contains(secret) } }.count
        #expect(leaks == 0)
        // With --show-secrets they are shown (so the check above can fail).
        let shown = TuyaConfigReport(config: config, showSecrets: true)
        let shownCount = secrets.filter { shown.json.jsonText.contains($0) }.count
        #expect(shownCount == secrets.count)
    }
}

struct DemoDeviceTests {
    /// The synthetic plug `bktool demo` uses reads back like a real dump and yields seed 000's template.
    @Test func demoPlugInA2MiBImage() throws {
        var image = [UInt8](repeating: 0xFF, count: 0x20_0000)
        TuyaDemoDevice.install(into: &image)
        let config = try TuyaConfigReader.read(image)
        #expect(config.store?.offset == 0x1E_E000)
        #expect(config.store?.keyNames == TuyaDemoDevice.keys.map(\.name))
        #expect(config.platform == "bk7231n")
        let report = TuyaConfigReport(config: config)
        #expect(report.result.template.pins.mapValues(\.description) == [
            6: "BL0937CF;0", 7: "BL0937CF1;0", 8: "Rel;1", 23: "WifiLED_n;0", 24: "Btn;1", 26: "BL0937SEL;0",
        ])
        #expect(!report.text.contains("demo-auth-key") && report.text.contains("<redacted>"))
    }
}

struct CloudInfoTests {
    @Test func pairedDumpIsFlaggedAndUnpairedIsNot() throws {
        // PC44HA was paired (gw_wsm carries an ssid, gw_di an id); Mirabella was never set up.
        let paired = try TuyaConfigReader.read(try TestData.dump("BK7231T_TuyaConfig_PC44HA.bin"))
        #expect(paired.cloudInfo?.wifiConfigured == true)
        #expect(paired.cloudInfo?.activated == true)
        #expect(paired.cloudInfo?.productKey == "keym9qkuywghyrvs")
        #expect(paired.cloudInfo?.schemaID == "000002qn6e")
        #expect(TuyaTemplateBuilder.build(paired).description.contains { $0.contains("Keep the dump private") })
        let fresh = try TuyaConfigReader.read(try TestData.dump("Mirabella_Genio_I003632_Plug.bin"))
        #expect(fresh.cloudInfo?.wifiConfigured == false)
        #expect(fresh.cloudInfo?.activated == false)
        #expect(fresh.cloudInfo?.firmwareVersion == "1.1.7")
        #expect(!TuyaTemplateBuilder.build(fresh).description.contains { $0.contains("Keep the dump private") })
    }
}
