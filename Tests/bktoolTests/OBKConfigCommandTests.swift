import Foundation
import OpenBeken
import Testing
@testable import bktool

/// `obk-config` through the built `bktool` binary, as a user runs it.
@Suite struct OBKConfigCommandTests {
    // Made-up test credentials; no real secret.
    static let wifiPassword = "pw-Wifi-7f3c"
    static let mqttPassword = "pw-Mqtt-91ab"

    @Test func buildThenReadRoundTripsThroughTheBinary() throws {
        let directory = try BKToolProcess.ScratchDirectory()
        let out = directory.path("cfg.bin")
        let template = directory.path("tmpl.json")
        try #"{"chip":"BK7231N","board":"CB2S","pins":{"6":"BL0937CF1;0","26":"Rel;1","8":"WifiLED_n;0"},"command":"startDriver NTP","flags":"1024"}"#
            .write(toFile: template, atomically: true, encoding: .utf8)
        let build = try BKToolProcess.run([
            "obk-config", "build", "--chip", "bk7231n", "--mac", "C8:47:8C:12:AB:0F",
            "--wifi", "MyWifi", "--wifi-password", Self.wifiPassword,
            "--mqtt", "192.168.1.10:1884", "--mqtt-user", "mq", "--mqtt-password", Self.mqttPassword,
            "--name", "kitchen-plug", "--template", template, "--pin", "P10=Btn;1", "--pin", "26=Rel;2",
            "--out", out,
        ])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.contains("Flash it at 0x1D1000"))
        #expect(!build.stdout.contains(Self.wifiPassword) && !build.stdout.contains(Self.mqttPassword))

        let sector = try [UInt8](Data(contentsOf: URL(fileURLWithPath: out)))
        #expect(sector.count == 4096)
        let config = try OBKConfig(decoding: sector)
        #expect(config.wifiSSID == "MyWifi" && config.wifiPassword == Self.wifiPassword)
        #expect(config.mqttHost == "192.168.1.10" && config.mqttPort == 1884)
        #expect(config.mqttUserName == "mq" && config.mqttPassword == Self.mqttPassword)
        #expect(config.longDeviceName == "kitchen-plug" && config.shortDeviceName == "kitchen-plug")
        #expect(config.mqttClientID == "kitchen-plug")
        #expect(config.startupCommand == "startDriver NTP")
        #expect(config.flags.rawValue == 1024)
        #expect(config.mac == [0xC8, 0x47, 0x8C, 0x12, 0xAB, 0x0F])
        #expect(config.pins[26] == OBKPin(role: 1, channel: 2)) // --pin overrides the template
        #expect(config.pins[10] == OBKPin(role: 3, channel: 1))
        #expect(config.pins[8] == OBKPin(role: 9, channel: 0))
        #expect(config.pins[6] == OBKPin(role: 19, channel: 0))
        #expect(config.configuredPins.count == 4)

        let read = try BKToolProcess.run(["obk-config", "read", out, "--json", "--show-secrets"])
        #expect(read.status == 0, "\(read.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [String: Any])
        let report = try #require(json["config"] as? [String: Any])
        #expect(report["wifiSSID"] as? String == "MyWifi")
        #expect(report["wifiPassword"] as? String == Self.wifiPassword)
        #expect(report["mqttPort"] as? Int == 1884)
        #expect(report["startupCommand"] as? String == "startDriver NTP")
        #expect(report["secretsRedacted"] as? Bool == false)
        let pins = try #require(report["pins"] as? [[String: Any]])
        #expect(pins.map { $0["gpio"] as? Int } == [6, 8, 10, 26])
        #expect(pins.map { $0["role"] as? String } == ["BL0937CF1", "WifiLED_n", "Btn", "Rel"])
    }

    /// The BK7252N build: 48 pins (GPIO up to P39), the fields after them 48 bytes later (OpenBeken new_pins.h).
    @Test func aBK7252NConfigHas48PinsAndReadsBackWithItsChip() throws {
        let directory = try BKToolProcess.ScratchDirectory()
        let out = directory.path("t4.bin")
        let build = try BKToolProcess.run(["obk-config", "build", "--chip", "bk7252n", "--mac", "02:42:4B:72:52:4E",
                                           "--pin", "26=Rel;2", "--pin", "P39=Btn;2", "--out", out])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.contains("Flash it at 0x1E1000"), "\(build.stdout)")
        let sector = try [UInt8](Data(contentsOf: URL(fileURLWithPath: out)))
        #expect(sector[0x33E + 39] == 3 && sector[0x36E + 39] == 2 && sector[0x36E + 26] == 2)
        #expect(Array(sector[0x4A8 ..< 0x4A8 + 14]) == Array("217.147.223.78".utf8))

        let read = try BKToolProcess.run(["obk-config", "read", out, "--chip", "bk7252n", "--json"])
        #expect(read.status == 0, "\(read.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [String: Any])
        let pins = try #require((json["config"] as? [String: Any])?["pins"] as? [[String: Any]])
        #expect(pins.map { $0["gpio"] as? Int } == [26, 39])
        #expect(pins.map { $0["channel"] as? Int } == [2, 2], "\(pins)")

        let tooHigh = try BKToolProcess.run(["obk-config", "build", "--chip", "bk7252n", "--pin", "40=Rel;1",
                                             "--out", directory.path("x.bin")])
        #expect(tooHigh.status == 2 && tooHigh.stderr.contains("P0...P39"), "\(tooHigh.stderr)")
    }

    @Test func readRedactsSecretsByDefaultAndFindsTheSectorInADump() throws {
        let directory = try BKToolProcess.ScratchDirectory()
        var config = OBKConfig.firmwareDefaults(platform: .bk7231t, mac: [1, 2, 3, 4, 5, 6])
        config.wifiSSID = "HomeNet"
        config.wifiPassword = Self.wifiPassword
        config.mqttHost = "broker"
        config.mqttPassword = Self.mqttPassword
        config.webPassword = "pw-Web-55"
        try config.setPin(24, role: 1, channel: 1)
        var dump = [UInt8](repeating: 0xFF, count: 0x200000)
        dump.replaceSubrange(0x1E1000..<0x1E2000, with: try config.encodedSector())
        let path = directory.path("dump.bin")
        try Data(dump).write(to: URL(fileURLWithPath: path))

        let text = try BKToolProcess.run(["obk-config", "read", path])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("at 0x1E1000"))
        #expect(text.stdout.contains("\"HomeNet\", password \"<redacted>\""))
        #expect(text.stdout.contains("\n  P24  Rel             channel 1\n"))
        for secret in [Self.wifiPassword, Self.mqttPassword, "pw-Web-55"] {
            #expect(!text.stdout.contains(secret) && !text.stderr.contains(secret))
        }
        let json = try BKToolProcess.run(["obk-config", "read", path, "--json"])
        #expect(json.status == 0)
        #expect(json.stdout.contains("\"secretsRedacted\":true"))
        #expect(json.stdout.contains("\"offset\":\(0x1E1000)"))
        for secret in [Self.wifiPassword, Self.mqttPassword, "pw-Web-55"] { #expect(!json.stdout.contains(secret)) }
    }

    @Test func buildNeverOverwritesWithoutForce() throws {
        let directory = try BKToolProcess.ScratchDirectory()
        let out = directory.path("existing.bin")
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: out))
        let refused = try BKToolProcess.run(["obk-config", "build", "--chip", "bk7231t", "--out", out])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("already exists"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "keep me")
        let forced = try BKToolProcess.run(["obk-config", "build", "--chip", "bk7231t", "--out", out, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)).count == 4096)
    }

    @Test func badInputsExitWithCodeTwoAndSayWhy() throws {
        let directory = try BKToolProcess.ScratchDirectory()
        let out = directory.path("x.bin")
        let longSSID = try BKToolProcess.run(["obk-config", "build", "--chip", "bk7231n", "--wifi",
                                              String(repeating: "w", count: 70), "--out", out])
        #expect(longSSID.status == 2)
        #expect(longSSID.stderr.contains("Wi-Fi SSID is 70 bytes long; at most 63 bytes fit"))
        #expect(!FileManager.default.fileExists(atPath: out))

        let badPin = try BKToolProcess.run(["obk-config", "build", "--chip", "bk7231n", "--pin", "8=Relay;1", "--out", out])
        #expect(badPin.status == 2 && badPin.stderr.contains("--pin \"8=Relay;1\""))
        let badChip = try BKToolProcess.run(["obk-config", "build", "--chip", "bk7236", "--out", out])
        #expect(badChip.status == 2 && badChip.stderr.contains("bk7236"))

        let empty = directory.path("empty.bin")
        try Data(repeating: 0xFF, count: 4096).write(to: URL(fileURLWithPath: empty))
        let noConfig = try BKToolProcess.run(["obk-config", "read", empty, "--json"])
        #expect(noConfig.status == 2)
        #expect(noConfig.stderr.contains("not \"CFG\""))
        #expect(noConfig.stdout.contains("\"code\":\"no-obk-config\""))
    }

    @Test func inputsWithoutMACGetARandomSuffixNote() throws {
        var inputs = OBKConfigInputs(platform: .bk7231n)
        inputs.randomSuffix = { [0xDE, 0xAD, 0xBE, 0xEF] }
        let built = try inputs.makeConfig()
        #expect(built.config.shortDeviceName == "obkDEADBEEF")
        #expect(built.config.longDeviceName == "OpenBK7231N_DEADBEEF")
        #expect(built.config.mac == [0, 0, 0, 0, 0, 0])
        #expect(built.notes.first?.contains("random suffix") == true)
    }

    @Test func parsesMQTTAndMACAndPins() throws {
        #expect(try OBKConfigInputs.parseMQTT("broker.lan") == ("broker.lan", 1883))
        #expect(try OBKConfigInputs.parseMQTT("10.0.0.2:8883") == ("10.0.0.2", 8883))
        #expect(throws: CLIFailure.self) { try OBKConfigInputs.parseMQTT("host:99999") }
        #expect(try OBKConfigInputs.parseMAC("c8-47-8c-12-ab-0f") == [0xC8, 0x47, 0x8C, 0x12, 0xAB, 0x0F])
        #expect(throws: CLIFailure.self) { try OBKConfigInputs.parseMAC("C8:47:8C") }
        let pin = try OBKConfigInputs.parsePin("p23=WifiLED_n;0")
        #expect(pin.gpio == 23 && pin.setting == PinSetting(.wifiLEDInverted, channel: 0))
        #expect(throws: CLIFailure.self) { try OBKConfigInputs.parsePin("29=Rel;1") } // BK7231T/N stop at P28
        #expect(throws: CLIFailure.self) { try OBKConfigInputs.parsePin("8=Rel;x") }
    }
}
