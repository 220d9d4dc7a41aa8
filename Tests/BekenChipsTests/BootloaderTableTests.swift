import Foundation
import Testing
@testable import BekenChips
import BekenTestSupport

@Suite struct BootloaderTableTests {
    @Test func tableRows() throws {  // bk7231tools base/enums.py BkBootloaderType
        #expect(BootloaderTable.all.count == 12)
        let t105 = try #require(BootloaderTable.lookup(crc: 0xBA54_C1B8))
        #expect(t105.name == "BK7231S_1_0_5" && t105.chip == .bk7231t && t105.protocolVariant == .basicTuya)
        #expect(t105.rawCRC == 0x45AB_3E47 && t105.hashedLength == 256 && t105.crcFlashProtectLock)
        #expect(t105.label == "BK7231T 1.0.5" && t105.flashSize == 0x200000)
        let bk7238 = try #require(BootloaderTable.lookup(rawCRC: 0x9414_F6DB))  // bk7231tools #23 trace
        #expect(bk7238.name == "BK7238_1_0_14" && bk7238.protocolVariant == .full && bk7238.hashedLength == 257)
        #expect(BootloaderTable.lookup(rawCRC: 0x1EBE_6E45)?.chip == .bk7231n)
        #expect(BootloaderTable.lookup(rawCRC: 0xBF9C_2D66)?.name == "BK7231N_1_0_1")  // legacy 256-byte value
        #expect(BootloaderTable.lookup(crc: 0xB7BF_A0CE) == nil)
        #expect(BootloaderTable.reportedUnknownCRCs[0xB7BF_A0CE] != nil)
    }

    @Test func classifyUnknown() {  // bk7231tools linking.py detect_chip
        #expect(BootloaderTable.classifyUnknown(chipRawCRC: 1, rawCRCOf257Bytes: 1, rawCRCOf256Bytes: 2) == .full)
        #expect(BootloaderTable.classifyUnknown(chipRawCRC: 2, rawCRCOf257Bytes: 1, rawCRCOf256Bytes: 2) == .basicBeken)
        #expect(BootloaderTable.classifyUnknown(chipRawCRC: 3, rawCRCOf257Bytes: 1, rawCRCOf256Bytes: 2) == nil)
    }

    @Test func identifiesRealDumps() throws {  // bk7231tools base/enums.py BkBootloaderType "verified on the test dumps"
        let dumps = SharedDumps.directory
        let files = try FileManager.default.contentsOfDirectory(atPath: dumps.path).filter { $0.hasSuffix(".bin") }.sorted()
        var found: [String: String] = [:]
        for file in files {
            let head = try FileHandle(forReadingFrom: dumps.appendingPathComponent(file)).read(upToCount: 257) ?? Data()
            let bytes = [UInt8](head)
            guard bytes.count == 257 else { continue }
            let info = BootloaderTable.lookup(crc: zlibCRC(bytes.prefix(256)))
                ?? BootloaderTable.lookup(crc: zlibCRC(bytes))
            if let info { found[file] = info.name }
        }
        #expect(found["Brilo_8464455_Ceiling_Light.bin"] == "BK7231S_1_0_5")
        #expect(found["Mirabella_Genio_I003632_Plug.bin"] == "BK7231N_1_0_1")
        #expect(found["Globe_Electric_37783_RGBCT_Bulb_v2.0.0.bin"] == "BK7231S_1_0_3")
        #expect(found["Biltema_24264_A15_E27_CCT_Mini-Globe_Bulb.bin"] == "BK7231S_1_0_6")
        #expect(found.count == 16)
    }

    private func zlibCRC<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return crc ^ 0xFFFF_FFFF
    }
}
