import BekenChips
import Testing
@testable import OpenBeken

@Suite struct OBKConfigSecretsTests {
    @Test func redactionHidesEveryPasswordAndLeftovers() throws {
        var config = OBKConfig()
        config.wifiSSID = "home"
        config.wifiPassword = "wifi-secret"
        config.wifiPassword2 = "wifi2-secret"
        config.mqttPassword = "mqtt-secret"
        config.webPassword = "" // empty stays empty: nothing to hide, and "(none)" is useful to know
        // An older web password left behind the NUL, as strcpy_safe leaves it.
        var bytes = try config.encodedStruct()
        bytes.replaceSubrange(0xC84..<0xC90, with: "\0old-secret!".utf8)
        bytes[3] = OBKConfig.checksum(of: bytes, version: 5)
        let decoded = try OBKConfig(decoding: bytes)
        #expect(decoded.preservedStringBytes["webPassword"] != nil)

        let redacted = decoded.redactingSecrets()
        #expect(redacted.wifiSSID == "home")
        #expect(redacted.wifiPassword == "<redacted>")
        #expect(redacted.wifiPassword2 == "<redacted>")
        #expect(redacted.mqttPassword == "<redacted>")
        #expect(redacted.webPassword == "")
        #expect(redacted.preservedStringBytes["webPassword"] == nil)
        #expect(OBKConfig.secretFields.map(\.field.name) == ["wifi_pass", "mqtt_pass", "wifi_pass2", "webPassword"])
    }

    @Test func platformsFollowChipKinds() {
        #expect(OBKPlatform(chip: .bk7231n) == .bk7231n)
        #expect(OBKPlatform(chip: .bk7231t)?.chip == .bk7231t)
        #expect(OBKPlatform(chip: .bk7238) == .bk7238)
        #expect(OBKPlatform(chip: .bk7231m) == .bk7231n)
        #expect(OBKPlatform(chip: .bk7252n) == .bk7252n && OBKPlatform.bk7252n.pinBlock == .pins48)
        #expect(OBKPlatform(chip: .bk7236) == nil)
    }
}
