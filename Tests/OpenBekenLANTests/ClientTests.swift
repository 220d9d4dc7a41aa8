import BekenImage
import Foundation
import OpenBeken
import OpenBekenFake
import Testing
@testable import OpenBekenLAN

/// The client against fake OpenBeken and Tasmota devices on loopback.
@Suite struct ClientTests {
    @Test func infoCommandAndFlash() throws {
        let device = try FakeOpenBeken()
        defer { device.stop() }
        let client = OBKClient(address: device.address)
        let info = try client.info()
        #expect(info.chipset == "BK7231N" && info.shortName == "obk_fake" && info.version == "1.17.100")
        #expect(info.mac == "c8:47:8c:00:00:01" && info.mqttHost == "192.168.1.2:1883")
        #expect(try client.command("POWER") == "{\"POWER\":\"OFF\"}")
        #expect(device.commands == ["POWER"])
        let bytes = try client.readFlash(start: 0x1D0000, length: 0x2800)
        #expect(bytes == Array(device.flashBytes[0x1D0000..<0x1D2800]))
        let config = try OBKConfig(decoding: Array(bytes[0x1000..<0x2000]))
        #expect(config.shortDeviceName == "obk_fake")
    }

    @Test func refusedRangeIsMinusOne() throws {
        let device = try FakeOpenBeken()
        defer { device.stop() }
        let reply = try OBKClient(address: device.address).get("/api/flash/1FF000-2000")
        #expect(reply.status == -1)
    }

    @Test func passwordRequiredThenAccepted() throws {
        var setup = FakeOpenBeken.Setup()
        setup.password = "s3cret"
        let device = try FakeOpenBeken(setup: setup)
        defer { device.stop() }
        func code(_ password: String?) -> LANError.Code? {
            do {
                _ = try OBKClient(address: device.address, password: password).info()
                return nil
            } catch {
                #expect(error.fact("realm") == "Basic realm=\"OpenBeken HTTP Server\"")
                return error.code
            }
        }
        #expect(code(nil) == .authenticationRequired)
        #expect(code("wrong") == .authenticationFailed)
        #expect(try OBKClient(address: device.address, password: "s3cret").info().chipset == "BK7231N")
    }

    @Test func tasmotaAndStrangersToldApart() throws {
        var setup = FakeOpenBeken.Setup()
        setup.personality = .tasmota
        let tasmota = try FakeOpenBeken(setup: setup)
        defer { tasmota.stop() }
        #expect(throws: LANError.self) { try OBKClient(address: tasmota.address).info() }
        do {
            _ = try OBKClient(address: tasmota.address).info()
        } catch {
            #expect(error.code == .tasmotaFound)
        }
        let releases = try FakeReleaseServer()
        defer { releases.stop() }
        let address = try DeviceAddress(parsing: String(releases.baseURL.dropFirst("http://".count)))
        do {
            _ = try OBKClient(address: address).info()
            Issue.record("a releases server passed as OpenBeken")
        } catch {
            #expect(error.code == .notOpenBeken)
        }
    }

    @Test func unreachableFailsFast() throws {
        // A port that was just free: nothing listens there.
        let device = try FakeOpenBeken()
        let address = device.address
        device.stop()
        let started = ContinuousClock.now
        do {
            _ = try OBKClient(address: address, attempts: 2).info()
            Issue.record("a stopped device answered")
        } catch {
            #expect(error.code == .unreachable)
        }
        #expect(ContinuousClock.now - started < .seconds(3))
    }

    @Test func configChangeRoundTrip() throws {
        let device = try FakeOpenBeken()
        defer { device.stop() }
        var settings = DeviceSettings()
        settings.wifiSSID = "New Net"
        settings.wifiPassword = "pass word 2"
        settings.mqttHost = "10.0.0.9"
        settings.mqttPort = 1884
        settings.mqttUser = "bob"
        settings.shortName = "kitchen"
        settings.pins = [8: PinSetting(.relay, channel: 2), 26: PinSetting(.led, channel: 0)]
        let checks = try ConfigChange(client: OBKClient(address: device.address), returnLimit: .seconds(10)).run(settings)
        #expect(checks.allSatisfy { $0.matches })
        #expect(checks.contains { $0.field == "pin 8" && $0.found == "Rel;2" })
        #expect(!checks.contains { $0.expected.contains("pass word") })  // secrets are not carried
        let config = try OBKConfig(decoding: Array(device.flashBytes[0x1D1000..<0x1D2000]))
        #expect(config.wifiSSID == "New Net" && config.wifiPassword == "pass word 2" && config.mqttPort == 1884)
    }

    @Test func aSettingThatDidNotStickIsReported() throws {
        var setup = FakeOpenBeken.Setup()
        setup.ignoredCommands = ["mqttuser"]
        let device = try FakeOpenBeken(setup: setup)
        defer { device.stop() }
        var settings = DeviceSettings()
        settings.mqttUser = "carol"
        settings.shortName = "hall"
        do {
            _ = try ConfigChange(client: OBKClient(address: device.address), returnLimit: .seconds(10)).run(settings)
            Issue.record("a setting that did not stick was confirmed")
        } catch {
            #expect(error.code == .configNotConfirmed && error.fact("fields") == "mqtt-user")
        }
    }

    @Test func commandsQuoteValuesWithSpaces() {
        var settings = DeviceSettings()
        settings.wifiSSID = "My Net"
        settings.friendlyName = "Lamp"
        settings.pins = [26: PinSetting(.relay, channel: 1)]
        #expect(settings.commands() == ["SSID1 \"My Net\"", "FriendlyName Lamp", "SetPinRole 26 Rel", "SetPinChannel 26 1"])
    }
}
