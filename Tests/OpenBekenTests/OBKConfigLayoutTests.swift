import Testing
@testable import OpenBeken

@Suite struct OBKConfigLayoutTests {
    @Test func fieldsTileTheWholeStructWithoutGapsOrOverlaps() {
        var next = 0
        for field in OBKConfigLayout.allFields {
            #expect(field.offset == next, "\(field.name) starts at 0x\(String(field.offset, radix: 16)), expected 0x\(String(next, radix: 16))")
            next = field.offset + field.size
        }
        #expect(next == OBKConfigLayout.structSize)
        #expect(OBKConfigLayout.structSize == 3584)
    }

    // Offsets named in OpenBeken new_pins.h.
    @Test func keyOffsets() {
        #expect(OBKConfigLayout.wifiSSID.offset == 0x14)
        #expect(OBKConfigLayout.wifiPassword.offset == 0x54)
        #expect(OBKConfigLayout.mqttHost.offset == 0x94)
        #expect(OBKConfigLayout.mqttPort.offset == 0x294)
        #expect(OBKConfigLayout.shortDeviceName.offset == 0x2DE)
        #expect(OBKConfigLayout.longDeviceName.offset == 0x2FE)
        #expect(OBKConfigLayout.pinRoles.offset == 0x33E)
        #expect(OBKConfigLayout.pinChannels.offset == 0x35E)
        #expect(OBKConfigLayout.pinChannels2.offset == 0x37E)
        #expect(OBKConfigLayout.mqttGroup.offset == 0x554)
        #expect(OBKConfigLayout.startupCommand.offset == 0x5E0)
        #expect(OBKConfigLayout.startupCommand.size == 1568)
        #expect(OBKConfigLayout.wifiPassword2.offset == 0xC40) // not Easy Flasher's 0xC84
        #expect(OBKConfigLayout.webPassword.offset == 0xC84)
    }

    @Test func everyStringFieldIsInTheLayout() {
        let names = Set(OBKConfigLayout.allFields.map(\.name))
        for entry in OBKConfigStrings.all {
            #expect(names.contains(entry.field.name))
        }
        #expect(OBKConfigStrings.all.count == 18)
    }

    @Test func checksumRangeDependsOnVersion() {
        #expect(OBKConfigLayout.checksummedSize(forVersion: 3) == 2016)
        #expect(OBKConfigLayout.checksummedSize(forVersion: 4) == 3584)
        #expect(OBKConfigLayout.checksummedSize(forVersion: 5) == 3584)
    }
}
