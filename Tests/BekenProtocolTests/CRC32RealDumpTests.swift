import Foundation
import Testing
@testable import BekenProtocol

// CRC-32 on a real 2 MiB BK7231N dump (values computed independently with Python's zlib.crc32).
@Suite struct CRC32RealDumpTests {
    private func dump(_ name: String) throws -> Data {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try Data(contentsOf: root.appendingPathComponent("../shared/dumps/\(name)").standardized)
    }

    @Test func wholeDumpAndBootloaderIdentity() throws {
        let image = try dump("Allegro_Berge_MI0014_30_x_5_cm_Milio.bin")
        #expect(image.count == 0x200000)
        #expect(image.withUnsafeBytes { BekenCRC32.standard($0) } == 0x61CE_1BCA)
        // N bootloader 1.0.1 over 257 bytes (bk7231tools base/enums.py BkBootloaderType): what CheckCRC(0, 256) returns on the ROM, raw.
        #expect(BekenCRC32.raw(image.prefix(257)) == 0xE141_91BA ^ 0xFFFF_FFFF)
        // Incremental hashing by 4 KiB sectors equals one shot.
        var crc = BekenCRC32.initial
        for sector in stride(from: 0x11000, to: 0x21000, by: 0x1000) {
            crc = BekenCRC32.update(crc, with: image[sector..<(sector + 0x1000)])
        }
        #expect(crc == BekenCRC32.raw(image[0x11000..<0x21000]))
        #expect(BekenCRC32.standard(image[0x11000..<0x12000]) == 0x4BFA_DFDC)
    }
}
