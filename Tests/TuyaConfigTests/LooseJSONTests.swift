import Testing
@testable import TuyaConfig

struct LooseJSONTests {
    @Test func parsesStoredUserParamKey() throws {
        // bk7231tools analysis/kvstorage.py parse_user_param_key (Mirabella): unquoted keys/values, trailing comma, NUL padding.
        let text = "{reset_t:3,netled1_pin:26,jv:1.0.0,module:CB2S,category:0505,crc:101,}\u{0}\u{0}"
        let upk = try UserParamKey.parse(text)
        #expect(upk.keys == ["reset_t", "netled1_pin", "jv", "module", "category", "crc"])
        #expect(upk["jv"] == "1.0.0")
        #expect(upk["category"] == "0505")
        #expect(upk.int("netled1_pin") == 26)
        #expect(upk.tuyaText == "{reset_t:3,netled1_pin:26,jv:1.0.0,module:CB2S,category:0505,crc:101,}")
    }

    @Test func numbersFollowTheLeadingZeroRule() throws {
        let value = try LooseJSONParser.parse("{a:0,b:0505,c:-12,d:1.5,e:1.0.0,f:true,g:null}")
        #expect(value["a"] == .number("0"))
        #expect(value["b"] == .string("0505"))
        #expect(value["c"] == .number("-12"))
        #expect(value["d"] == .number("1.5"))
        #expect(value["e"] == .string("1.0.0"))
        #expect(value["f"] == .bool(true))
        #expect(value["g"] == .null)
    }

    @Test func parsesStrictJSONWithNestingAndEscapes() throws {
        let value = try LooseJSONParser.parse(#"{"gw_bi":{"ap_ssid":"Smart\"Life","n":[1,2,{"x":"\u0041"}]},"e":{}}"#)
        #expect(value["gw_bi"]?["ap_ssid"] == .string("Smart\"Life"))
        #expect(value["gw_bi"]?["n"] == .array([.number("1"), .number("2"), .object([("x", .string("A"))])]))
        #expect(value.jsonText == #"{"gw_bi":{"ap_ssid":"Smart\"Life","n":[1,2,{"x":"A"}]},"e":{}}"#)
    }

    @Test func olderNestedFormatIsFlattened() throws {
        let upk = try UserParamKey.parse("{module:WB2S,sw:{dltj_ct:0,rl1_pin:14},rl1_pin:6}")
        #expect(upk.keys == ["module", "dltj_ct", "rl1_pin"])
        #expect(upk["rl1_pin"] == "14")  // first occurrence wins
    }

    @Test func reportsWhereTextIsBroken() {
        #expect(throws: LooseJSONError.unexpectedEnd) { try LooseJSONParser.parse("{a:1,b:2") }
        #expect(throws: LooseJSONError.expectedColon(3)) { try LooseJSONParser.parse("{ab}") }
        #expect(throws: LooseJSONError.trailingText(6)) { try LooseJSONParser.parse("{a:1} x") }
    }

    @Test func secretsAreRedactedInNestedValues() throws {
        let gw = try LooseJSONParser.parse(#"{"uuid":"abcdef123456","ap_ssid":"SmartLife","psk_key":null,"id":"x"}"#)
        let redacted = TuyaSecrets.redact(gw, storeKey: "gw_bi")
        #expect(redacted["uuid"] == .string("<redacted>"))
        #expect(redacted["ap_ssid"] == .string("SmartLife"))
        #expect(redacted["psk_key"] == .null)
        #expect(redacted["id"] == .string("x"))  // `id` is secret only in gw_di
        #expect(TuyaSecrets.redact(gw, storeKey: "gw_di")["id"] == .string("<redacted>"))
        #expect(TuyaSecrets.secretStrings(in: gw, storeKey: "gw_bi") == ["abcdef123456"])
    }
}
