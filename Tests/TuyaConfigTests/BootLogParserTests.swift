import Testing
@testable import TuyaConfig

struct BootLogParserTests {
    /// Seed 000's UART capture (Fixtures/seed000-bootlog.txt: the log part only; the device key, BLE/Wi-Fi MAC,
    /// serial number and router BSSID are replaced by `<redacted>`). Two tasks interleave on the UART, so the
    /// config line is garbled; values must come out right with an honest confidence.
    @Test func seed000InterleavedLog() throws {
        let log = BootLogParser.parse(try TestData.fixture("seed000-bootlog.txt"))
        let c = log.config
        // Printed whole in `,key: is value` lines.
        #expect(c.setting("rl1_pin") == TuyaSetting(key: "rl1_pin", value: "8", confidence: .seenWhole))
        #expect(c.setting("bt1_pin") == TuyaSetting(key: "bt1_pin", value: "24", confidence: .seenWhole))
        #expect(c.setting("netled1_pin") == TuyaSetting(key: "netled1_pin", value: "23", confidence: .seenWhole))
        #expect(c.setting("netled1_lv")?.value == "0")
        #expect(c.setting("bt1_lv")?.value == "0")
        #expect(c.setting("module") == TuyaSetting(key: "module", value: "CB2S", confidence: .seenWhole))
        // Only ever seen garbled: pieced together from interleaved fragments.
        #expect(c.setting("sel_pin_pin") == TuyaSetting(key: "sel_pin_pin", value: "26", confidence: .reconstructed))
        #expect(c.setting("ele_pin") == TuyaSetting(key: "ele_pin", value: "6", confidence: .reconstructed))
        #expect(c.setting("vi_pin") == TuyaSetting(key: "vi_pin", value: "7", confidence: .reconstructed))
        #expect(c.setting("sel_pin_lv") == TuyaSetting(key: "sel_pin_lv", value: "1", confidence: .reconstructed))
        #expect(c.setting("chip_type")?.value == "0")
        // `,over_cur: is 2 …garbage… 5000` is cut off; the fragment `over__cur:25000` gives the whole value.
        #expect(c.setting("over_cur") == TuyaSetting(key: "over_cur", value: "25000", confidence: .reconstructed))
        // Interleaving garbage never becomes a key.
        for junk in ["sel_ppin_pin", "bt1_in_pin", "netledd1_pin", "l1_pin", "odule", "conidx", "operation"] {
            #expect(c[junk] == nil, "garbage key \(junk)")
        }
        #expect(c.settings.allSatisfy { TuyaKnownKeys.isKnown($0.key) })
        #expect(log.chipHints.contains("BK7231N"))
        #expect(log.droppedTokens > 0)
    }

    @Test func cleanConfigLineIsSeenWhole() {
        let text = """
            [01-01 00:00:01 TUYA Notice][tuya_light.c:123] kv oem cfg {Jsonver:1.1.8,module:WB3L,c_pin:7,c_lv:1,w_pin:6,crc:100,}
            [01-01 00:00:01 TUYA Debug][tuya_light.c:130] next line
            """
        let c = BootLogParser.parse(text: text).config
        #expect(c.keys == ["Jsonver", "module", "c_pin", "c_lv", "w_pin", "crc"])
        #expect(c.settings.allSatisfy { $0.confidence == .seenWhole })
    }

    @Test func perKeyLinesAndAbsentKeys() {
        let text = """
            [01-01 18:12:15 TUYA N][lr:0x5c047] ,rl1_pin: is 8
            [01-01 18:12:15 TUYA N][lr:0x5c047] ,rl_on1_pin: is not exsit 2
            [01-01 18:12:15 TUYA N][lr:0x5c047] ,module: is CB2S\r
            [01-01 18:12:15 TUYA N][lr:0x5bd47] channal num is 1
            [01-01 18:12:15 TUYA N][lr:0x5bd47] reset info -> reason is 0
            """
        let log = BootLogParser.parse(text: text)
        #expect(log.config.keys == ["rl1_pin", "module"])
        #expect(log.config["module"] == "CB2S")
        #expect(log.absentKeys == ["rl_on1_pin"])
    }

    @Test func disagreeingBootsAreConflicting() {
        let text = """
            ,rl1_pin: is 8
            ,rl1_pin: is 8
            ,rl1_pin: is 9
            """
        let s = BootLogParser.parse(text: text).config.setting("rl1_pin")
        #expect(s == TuyaSetting(key: "rl1_pin", value: "8", confidence: .conflicting, alternatives: ["9"]))
    }

    @Test func normalisesTerminalNoise() {
        // Serial-tool timestamps, CRLF, ANSI colours, NULs.
        let bytes = Array("[12:46:55.989] - \u{1B}[32m[01-01 00:00:00 TUYA I][x.c:1] ,bt1_pin: is 24\u{1B}[0m\r\n\u{0}".utf8)
        let c = BootLogParser.parse(bytes).config
        #expect(c.setting("bt1_pin") == TuyaSetting(key: "bt1_pin", value: "24", confidence: .seenWhole))
    }

    @Test func invalidValuesAreDropped() {
        let c = BootLogParser.parse(text: ",rl1_pin: is 99\n,rl1_lv: is 7\n,bt1_pin: is 10\n").config
        #expect(c.keys == ["bt1_pin"])
    }
}

struct TuyaConfigReaderTests {
    @Test func seed002JSONIsRead() throws {
        let config = try TuyaConfigReader.read(try TestData.fixture("seed002-user_param_key.json"))
        #expect(config.source == .json)
        #expect(config.userParamKey?["total_bt_pin"] == "24")
        #expect(config.userParamKey?["onoff1"] == "6")
        #expect(config.userParamKey?.settings.count == 35)
    }

    @Test func wrappedAndLooseJSONAreRead() throws {
        let wrapped = try TuyaConfigReader.read(Array(#"{"user_param_key": {"rl1_pin": 26, "module": "CB2S"}}"#.utf8))
        #expect(wrapped.userParamKey?.keys == ["rl1_pin", "module"])
        let loose = try TuyaConfigReader.read(Array("{rl1_pin:26,module:CB2S,crc:1,}\n".utf8))
        #expect(loose.userParamKey?["module"] == "CB2S")
        let tuyaMCU = try TuyaConfigReader.read(Array(#"{"baud_cfg":{"baud":115200}}"#.utf8))
        #expect(tuyaMCU.baudRate == 115200)
    }

    @Test func bootLogIsDetectedByContent() throws {
        let config = try TuyaConfigReader.read(try TestData.fixture("seed000-bootlog.txt"))
        #expect(config.source == .bootLog)
        #expect(config.chipHints.contains("BK7231N"))
    }

    @Test func unusableInputsSayWhy() {
        #expect(throws: TuyaConfigError.empty) { try TuyaConfigReader.read([]) }
        #expect(throws: TuyaConfigError.nothingFound) { try TuyaConfigReader.read(Array("hello world\n".utf8)) }
        // JSON that is not a Tuya config (no key Tuya uses), alone or inside other text.
        #expect(throws: TuyaConfigError.nothingFound) {
            try TuyaConfigReader.read(Array(#"{"magic":"RT-Thread","version":"0.1","count":4}"#.utf8))
        }
        #expect(throws: TuyaConfigError.nothingFound) {
            try TuyaConfigReader.read(Array("partition table {magic:RT-Thread,version:0.1,count:4} end".utf8))
        }
        #expect(throws: TuyaConfigError.alreadyTemplate) {
            try TuyaConfigReader.read(Array(#"{"chip":"BK7231N","board":"CB2S","pins":{"8":"Rel;1"}}"#.utf8))
        }
        #expect(throws: TuyaConfigError.store(.erased)) {
            try TuyaConfigReader.read([UInt8](repeating: 0xFF, count: 0x12000))
        }
    }
}

struct BootLogLayoutTests {
    @Test func configWrappedByTheTerminalIsJoined() {
        let text = """
            [01-01 00:00:01 TUYA Notice][tuya_light.c:123] kv oem cfg {Jsonver:1.1.8,module:WB3L,c_pin:7,c_
            lv:1,w_pin:6,crc:100,}
            """
        let c = BootLogParser.parse(text: text).config
        #expect(c.keys == ["Jsonver", "module", "c_pin", "c_lv", "w_pin", "crc"])
        #expect(c.settings.allSatisfy { $0.confidence == .seenWhole })
    }

    @Test func quotedConfigAndStrayBracesAreRead() {
        let text = #"[01-01 00:00:01 TUYA I][a.c:1] oem cfg:{x {"module":"CB2S","rl1_pin":"26","crc":"3"}"#
        let c = BootLogParser.parse(text: text).config
        #expect(c.keys == ["module", "rl1_pin", "crc"])
        #expect(c.setting("rl1_pin")?.confidence == .seenWhole)
    }

    @Test func truncatedConfigIsOnlyReconstructed() {
        // No closing brace, no crc: a fragment; its values are not "seen whole".
        let c = BootLogParser.parse(text: "kv oem cfg {module:CB2S,rl1_pin:26,bt1_pin:24,netled1_pin:23\nnext record\n").config
        #expect(c.keys == ["module", "rl1_pin", "bt1_pin", "netled1_pin"])
        #expect(c.settings.allSatisfy { $0.confidence == .reconstructed })
    }
}

struct TuyaConfigReaderTextTests {
    /// Seed 002 as posted: Easy Flasher's description lines, then the JSON.
    @Test func flasherOutputWithJSONIsRead() throws {
        let json = String(decoding: try TestData.fixture("seed002-user_param_key.json"), as: UTF8.self)
        let pasted = """
            Device configuration, as extracted from Tuya:
            - Pair/Toggle All Button on P24
            Device seems to be using CB2S module, which is using BK7231N.

            \(json)
            """
        let config = try TuyaConfigReader.read(Array(pasted.utf8))
        #expect(config.source == .json)
        #expect(config.userParamKey?["rl1_pin"] == "26")
        let withBOM = try TuyaConfigReader.read([0xEF, 0xBB, 0xBF] + Array(json.utf8))
        #expect(withBOM.userParamKey?.settings.count == 35)
    }
}
