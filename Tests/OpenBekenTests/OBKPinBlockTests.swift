import Testing
@testable import OpenBeken

/// The 48-pin `mainConfig_t` of OpenBeken's BK7252N build (OpenBeken new_pins.h, platform group "A").
@Suite struct OBKPinBlockTests {
    typealias L = OBKConfigLayout

    @Test(arguments: OBKPinBlock.allCases)
    func fieldsTileTheWholeStruct(block: OBKPinBlock) {
        var next = 0
        for field in block.allFields {
            #expect(field.offset == next, "\(field.name) at 0x\(String(field.offset, radix: 16))")
            next = field.offset + field.size
        }
        #expect(next == L.structSize)
    }

    // Offsets new_pins.h lists for group A (W800/BK7252/BK7252N/XR872/BL616).
    @Test func fortyEightPinOffsets() {
        let at = OBKPinBlock.pins48.placed
        #expect(at(L.pinRoles).offset == 0x33E && at(L.pinRoles).size == 48)
        #expect(at(L.pinChannels).offset == 0x36E && at(L.pinChannels2).offset == 0x39E)
        #expect(at(L.channelTypes).offset == 0x3CE && at(L.channelTypes).size == 64)
        #expect(at(L.startChannelValues).offset == 0x40E)
        #expect(at(L.logToLFS).offset == 0x48E)
        #expect(at(L.dgrSendFlags).offset == 0x490 && at(L.dgrRecvFlags).offset == 0x494)
        #expect(at(L.dgrName).offset == 0x498 && at(L.ntpServer).offset == 0x4A8)
        #expect(at(L.powerCalibration).offset == 0x4C8)
        #expect(at(L.buttonShortPress).offset == 0x4E8 && at(L.unusedFill1).offset == 0x4EB)
        #expect(at(L.lfsSize).offset == 0x4EC && at(L.loggerFlags).offset == 0x4F0)
        #expect(at(L.unusedSectorAB).offset == 0x4F4 && at(L.unusedSectorAB).size == 51)
        // From staticIP on, every platform group has the same offsets.
        for field in [L.identField, L.mac, L.longDeviceName, L.staticIP, L.ledCorrection, L.mqttGroup, L.webPassword] {
            #expect(at(field) == field)
        }
        #expect(OBKPinBlock.pins32.allFields == L.allFields)
    }

    @Test func theBK7252NDefaultsRoundTripWithPinsAbove31() throws {
        let config = OBKConfig.firmwareDefaults(platform: .bk7252n, mac: [0x02, 0x42, 0x4B, 0x72, 0x52, 0x4E])
        #expect(config.pins.count == 48 && config.pinBlock == .pins48)
        #expect(config.longDeviceName == "OpenBK7252N_4B72524E" && config.mqttGroup == "bekens_52n")
        var wired = config
        try wired.setPin(39, role: 1, channel: 2)
        try wired.setPin(26, role: 1, channel: 1)
        wired.ntpServer = "ntp.example"
        let sector = try wired.encodedSector()
        #expect(sector.count == L.sectorSize)
        #expect(sector[0x33E + 39] == 1 && sector[0x36E + 39] == 2)
        #expect(Array(sector[0x4A8 ..< 0x4A8 + 11]) == Array("ntp.example".utf8))
        #expect(sector[0x4E8 ..< 0x4EB] == [3, 10, 5])
        let decoded = try OBKConfig(decoding: sector, pinBlock: .pins48)
        #expect(decoded == wired)
        // Read with the 32-pin layout, the same sector gives other pins and no NTP server: the block matters.
        let misread = try OBKConfig(decoding: sector, pinBlock: .pins32)
        #expect(misread.ntpServer != "ntp.example" && misread.pins.count == 32)
    }

    @Test func aPinCountNoBuildHasIsRefused() {
        var config = OBKConfig()
        config.pins = Array(repeating: .unused, count: 40)
        #expect(throws: OBKConfigError.self) { try config.encodedSector() }
    }
}
