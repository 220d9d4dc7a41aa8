import Testing
@testable import OpenBeken

@Suite struct OBKConfigValidationTests {
    @Test func tooLongStringNamesFieldAndLimit() {
        var config = OBKConfig()
        config.wifiSSID = String(repeating: "s", count: 64)
        #expect(throws: OBKConfigError.stringTooLong(field: OBKConfigLayout.wifiSSID, length: 64, limit: 63)) {
            try config.encodedSector()
        }
        do {
            _ = try config.encodedSector()
        } catch {
            #expect(error.description.contains("Wi-Fi SSID is 64 bytes long; at most 63 bytes fit"))
            #expect(error.description.contains("wifi_ssid"))
        }
    }

    @Test func startupCommandLimitIs1567Bytes() throws {
        var config = OBKConfig()
        config.startupCommand = String(repeating: "x", count: 1567)
        #expect(try config.encodedStruct()[0x5E0 + 1566] == UInt8(ascii: "x"))
        config.startupCommand += "x"
        #expect(throws: OBKConfigError.stringTooLong(field: OBKConfigLayout.startupCommand, length: 1568, limit: 1567)) {
            try config.encodedStruct()
        }
        config.version = 3 // the legacy layout ended at 2016 bytes: 512 for the command
        config.startupCommand = String(repeating: "x", count: 512)
        #expect(throws: OBKConfigError.stringTooLong(field: OBKConfigLayout.startupCommand, length: 512, limit: 511)) {
            try config.encodedStruct()
        }
    }

    @Test func multiByteTextCountsUTF8Bytes() {
        var config = OBKConfig()
        config.shortDeviceName = String(repeating: "€", count: 11) // 33 bytes
        #expect(throws: OBKConfigError.stringTooLong(field: OBKConfigLayout.shortDeviceName, length: 33, limit: 31)) {
            try config.encodedStruct()
        }
    }

    @Test func wifiPasswordMayFillAll64Bytes() throws {
        var config = OBKConfig()
        config.wifiPassword = String(repeating: "a", count: 64) // a hex PSK; firmware adds the NUL itself
        let bytes = try config.encodedStruct()
        #expect(bytes[0x54 + 63] == UInt8(ascii: "a"))
        #expect(try OBKConfig(decoding: bytes).wifiPassword == config.wifiPassword)
        config.wifiPassword += "a"
        #expect(throws: OBKConfigError.stringTooLong(field: OBKConfigLayout.wifiPassword, length: 65, limit: 64)) {
            try config.encodedStruct()
        }
    }

    @Test func nulInsideTextIsRefused() {
        var config = OBKConfig()
        config.mqttHost = "broker\0evil"
        #expect(throws: OBKConfigError.stringContainsNUL(field: OBKConfigLayout.mqttHost)) {
            try config.encodedStruct()
        }
    }

    @Test func wrongArrayCountsAreRefused() throws {
        var config = OBKConfig()
        config.pins.removeLast()
        #expect(throws: OBKConfigError.wrongElementCount(field: OBKConfigLayout.pinRoles, count: 31, expected: 32)) {
            try config.encodedStruct()
        }
        #expect(throws: OBKConfigError.pinOutOfRange(gpio: 32, count: 32)) {
            var other = OBKConfig()
            try other.setPin(32, role: 1)
        }
    }

    @Test func decodeRejectsBadIdentVersionAndChecksum() throws {
        let good = try OBKConfig().encodedSector()
        var bad = good
        bad[0] = UInt8(ascii: "X")
        #expect(throws: OBKConfigError.badIdent(Array("XFG".utf8))) { try OBKConfig(decoding: bad) }

        bad = good
        bad[4] = 101
        bad[3] = OBKConfig.checksum(of: bad, version: 101)
        #expect(throws: OBKConfigError.unsupportedVersion(101)) { try OBKConfig(decoding: bad) }

        bad = good
        bad[0x14] = 0x41 // change the SSID without fixing the CRC
        let computed = OBKConfig.checksum(of: bad, version: 5)
        #expect(throws: OBKConfigError.checksumMismatch(stored: 0x31, computed: computed)) { try OBKConfig(decoding: bad) }

        #expect(throws: OBKConfigError.truncated(length: 100, needed: 3584)) { try OBKConfig(decoding: good[0..<100]) }
        #expect(throws: OBKConfigError.badIdent([0xFF, 0xFF, 0xFF])) {
            try OBKConfig(decoding: [UInt8](repeating: 0xFF, count: 4096))
        }
    }

    @Test func version3ChecksumCoversOnly2016Bytes() throws {
        var config = OBKConfig()
        config.version = 3
        var bytes = try config.encodedStruct()
        bytes[3000] = 0x55 // beyond the legacy struct: not covered by the CRC
        let decoded = try OBKConfig(decoding: bytes)
        #expect(decoded.version == 3)
        #expect(try decoded.encodedStruct() == bytes)
        #expect(try OBKConfig(decoding: bytes[0..<2016]).version == 3)
    }
}
