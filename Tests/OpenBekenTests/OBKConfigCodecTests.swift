import Testing
@testable import OpenBeken

@Suite struct OBKConfigCodecTests {
    private func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) }
    }

    // OpenBeken new_cfg.c, tiny_crc8.c vectors, this time produced by the encoder.
    @Test func encoderReproducesReferenceChecksums() throws {
        var config = OBKConfig()
        #expect(try config.encodedStruct()[3] == 0x31)
        config.version = 4
        #expect(try config.encodedStruct()[3] == 0x63)
        config.version = 5
        config.wifiSSID = "MyWifi"
        config.mqttPort = 1883
        let bytes = try config.encodedStruct()
        #expect(bytes[3] == 0x33)
        #expect(Array(bytes[0x14..<0x1A]) == Array("MyWifi".utf8))
        #expect(bytes[0x1A..<0x54].allSatisfy { $0 == 0 })
        #expect(uint32(bytes, at: 0x294) == 1883)
    }

    @Test func sectorIsStructThenErasedFlash() throws {
        let sector = try OBKConfig.firmwareDefaults(platform: .bk7231n, mac: [0, 1, 2, 3, 4, 5]).encodedSector()
        #expect(sector.count == 4096)
        #expect(Array(sector[0..<3]) == Array("CFG".utf8))
        #expect(uint32(sector, at: 4) == 5)
        #expect(sector[3584...].allSatisfy { $0 == 0xFF })
        #expect(sector[3] == TinyCRC8.signed(sector[4..<3584]))
    }

    @Test func fieldsLandAtTheirOffsets() throws {
        var config = OBKConfig()
        config.wifiSSID = "ssid"
        config.wifiPassword2 = "second"
        config.webPassword = "web"
        config.startupCommand = "backlog startDriver NTP"
        config.mqttPort = 8883
        try config.setPin(8, role: 1, channel: 1, channel2: 2)
        try config.setPin(31, role: 3, channel: 7)
        let bytes = try config.encodedStruct()
        #expect(Array(bytes[0x14..<0x18]) == Array("ssid".utf8))
        #expect(Array(bytes[0xC40..<0xC46]) == Array("second".utf8))
        #expect(Array(bytes[0xC84..<0xC87]) == Array("web".utf8))
        #expect(Array(bytes[0x5E0..<0x5F7]) == Array("backlog startDriver NTP".utf8))
        #expect(uint32(bytes, at: 0x294) == 8883)
        #expect(bytes[0x33E + 8] == 1 && bytes[0x35E + 8] == 1 && bytes[0x37E + 8] == 2)
        #expect(bytes[0x33E + 31] == 3 && bytes[0x35E + 31] == 7 && bytes[0x37E + 31] == 0)
    }

    @Test func firmwareDefaultsMatchTheFirmware() throws {
        let config = OBKConfig.firmwareDefaults(platform: .bk7231t, mac: [0xC8, 0x47, 0x8C, 0x12, 0xAB, 0x0F])
        #expect(config.shortDeviceName == "obk8C12AB0F")
        #expect(config.longDeviceName == "OpenBK7231T_8C12AB0F")
        #expect(config.mqttClientID == "obk8C12AB0F")
        #expect(config.mqttGroup == "bekens_t")
        #expect(config.mqttPort == 1883)
        #expect(config.flags.genericFlags == 0x400)
        #expect(config.flags.contains(flag: 10))
        #expect([config.buttonShortPress, config.buttonLongPress, config.buttonHoldRepeat] == [3, 10, 5])
        #expect(config.ledCorrectionValues == [1, 1, 1, 2.2, 0.1, 0.1])
        #expect(config.bootOKSeconds == 5)
        let decoded = try OBKConfig(decoding: config.encodedSector())
        #expect(decoded == config)
        #expect(OBKConfig.firmwareDefaults(platform: .bk7231n, mac: [0, 0, 1, 2, 3, 4]).mqttGroup == "bekens_n")
    }

    /// Random configs (fixed seed): encode → decode gives the same value, and re-encoding the same bytes.
    @Test func randomConfigsRoundTrip() throws {
        var rng = SeededGenerator(seed: 0x0B_C0_4F_16)
        for _ in 0..<250 {
            let config = Self.randomConfig(using: &rng)
            let sector = try config.encodedSector()
            let decoded = try OBKConfig(decoding: sector)
            #expect(decoded == config)
            #expect(try decoded.encodedSector() == sector)
        }
    }

    /// Random *sectors* (fixed seed): any bytes with a valid ident, version and CRC decode and encode back
    /// byte for byte — including text left behind a NUL and invalid UTF-8.
    @Test func randomValidSectorsRoundTripByteExact() throws {
        var rng = SeededGenerator(seed: 2026)
        for index in 0..<250 {
            var bytes = rng.bytes(3584)
            bytes[0..<3] = ArraySlice("CFG".utf8)
            let version: Int32 = index % 10 == 0 ? 3 : Int32.random(in: 0...100, using: &rng)
            withUnsafeBytes(of: version.littleEndian) { bytes.replaceSubrange(4..<8, with: $0) }
            if index % 2 == 0 { // a realistic string: text, NUL, then older leftovers
                bytes.replaceSubrange(0x14..<0x1A, with: "MyWifi".utf8)
                bytes[0x1A] = 0
            }
            bytes[3] = OBKConfig.checksum(of: bytes, version: version)
            let decoded = try OBKConfig(decoding: bytes)
            #expect(try decoded.encodedStruct() == bytes)
            if index % 2 == 0 { #expect(decoded.wifiSSID == "MyWifi") }
        }
    }

    @Test func changedStringReplacesLeftovers() throws {
        var bytes = try OBKConfig().encodedStruct()
        bytes.replaceSubrange(0x14..<0x20, with: "new\0leftover".utf8)
        bytes[3] = OBKConfig.checksum(of: bytes, version: 5)
        var config = try OBKConfig(decoding: bytes)
        #expect(config.wifiSSID == "new")
        #expect(try config.encodedStruct() == bytes)
        config.wifiSSID = "other"
        let reencoded = try config.encodedStruct()
        #expect(Array(reencoded[0x14..<0x19]) == Array("other".utf8))
        #expect(reencoded[0x19..<0x54].allSatisfy { $0 == 0 })
    }

    static func randomConfig(using rng: inout SeededGenerator) -> OBKConfig {
        var config = OBKConfig()
        config.version = [3, 4, 5, 5, 5].randomElement(using: &rng)!
        config.flags = OBKFlags(rawValue: rng.next())
        config.changeCounter = .random(in: .min ... .max, using: &rng)
        config.otaCounter = .random(in: .min ... .max, using: &rng)
        for entry in OBKConfigStrings.all {
            config[keyPath: entry.keyPath] = rng.text(maxBytes: entry.limit(forVersion: config.version))
        }
        config.mqttPort = .random(in: .min ... .max, using: &rng)
        config.mac = rng.bytes(6)
        config.pins = (0..<32).map { _ in
            OBKPin(role: .random(in: 0...98, using: &rng), channel: .random(in: 0...63, using: &rng),
                   channel2: .random(in: 0...63, using: &rng))
        }
        config.channelTypes = rng.bytes(64)
        config.startChannelValues = (0..<64).map { _ in .random(in: .min ... .max, using: &rng) }
        config.logToLFS = .random(in: 0...1, using: &rng)
        config.deviceGroupSendFlags = .random(in: .min ... .max, using: &rng)
        config.deviceGroupReceiveFlags = .random(in: .min ... .max, using: &rng)
        config.powerCalibration = (0..<8).map { _ in .random(in: .min ... .max, using: &rng) }
        config.buttonShortPress = .random(in: .min ... .max, using: &rng)
        config.buttonLongPress = .random(in: .min ... .max, using: &rng)
        config.buttonHoldRepeat = .random(in: .min ... .max, using: &rng)
        config.lfsSize = .random(in: .min ... .max, using: &rng)
        config.loggerFlags = .random(in: .min ... .max, using: &rng)
        config.staticIP = OBKStaticIP(address: rng.bytes(4), netmask: rng.bytes(4), gateway: rng.bytes(4), dns: rng.bytes(4))
        config.ledRemap = rng.bytes(5)
        config.ledCorrection = (0..<6).map { _ in .random(in: .min ... .max, using: &rng) }
        config.bootOKSeconds = .random(in: .min ... .max, using: &rng)
        config.pingInterval = .random(in: .min ... .max, using: &rng)
        config.pingSeconds = .random(in: .min ... .max, using: &rng)
        config.mqttUseTLS = .random(in: 0...1, using: &rng)
        config.mqttVerifyTLSCert = .random(in: 0...1, using: &rng)
        config.disableWebServer = .random(in: 0...1, using: &rng)
        config.reserved = OBKReservedBytes(
            fill: .random(in: .min ... .max, using: &rng), fill1: .random(in: .min ... .max, using: &rng),
            sectorAB: rng.bytes(99), byteFill: rng.bytes(3), tail: rng.bytes(324))
        return config
    }
}
