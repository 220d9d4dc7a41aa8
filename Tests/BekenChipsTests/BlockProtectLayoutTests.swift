import BekenChips
import Testing

/// The W25Q-style block-protect decoding (Winbond W25Q16JV datasheet, Status Register Memory Protection tables) on
/// a 2 MiB part, and the region a write is guarded with.
struct BlockProtectLayoutTests {
    let layout = BlockProtectLayout.secTopBottomComplement
    let size = 0x20_0000

    @Test func decodesTheDatasheetRows() {
        #expect(layout.protectedRange(status: 0x00, flashSize: size).isEmpty)
        #expect(layout.protectedRange(status: 0x04, flashSize: size) == 0x1F_0000 ..< size)     // BP0: upper 1/32
        #expect(layout.protectedRange(status: 0x14, flashSize: size) == 0x10_0000 ..< size)     // BP2+BP0: upper 1/2
        #expect(layout.protectedRange(status: 0x24, flashSize: size) == 0 ..< 0x1_0000)         // TB+BP0: lower 1/32
        #expect(layout.protectedRange(status: 0x1C, flashSize: size) == 0 ..< size)             // BP2..0: all
        #expect(layout.protectedRange(status: 0x18, flashSize: size) == 0 ..< size)             // BP2+BP1: all
        #expect(layout.protectedRange(status: 0x44, flashSize: size) == 0x1F_F000 ..< size)     // SEC+BP0: top 4 KiB
        #expect(layout.protectedRange(status: 0x70, flashSize: size) == 0 ..< 0x8000)           // SEC+TB+BP2: bottom 32 KiB
        #expect(layout.protectedRange(status: 0x4004, flashSize: size) == 0 ..< 0x1F_0000)      // CMP: lower 31/32
        #expect(layout.protectedRange(status: 0x4000, flashSize: size) == 0 ..< size)           // CMP, BP = 0: all
        #expect(layout.protectedRange(status: 0x401C, flashSize: size).isEmpty)                 // CMP, all: none
    }

    @Test func guardsTheBootloaderForAWriteAboveIt() throws {
        let region = try #require(layout.guardRegion(around: 0x11000 ..< 0x111000, flashSize: size))
        #expect(region.range == 0 ..< 0x1_0000 && region.bits == 0x24)
    }

    @Test func guardsEverythingBelowAWriteAtTheTop() throws {
        let region = try #require(layout.guardRegion(around: 0x1F_0000 ..< size, flashSize: size))
        #expect(region.range == 0 ..< 0x1F_0000)
        #expect(layout.protectedRange(status: region.bits, flashSize: size) == region.range)
    }

    @Test func guardsTheTopForAWriteAtTheStart() throws {
        let region = try #require(layout.guardRegion(around: 0 ..< 0x2_0000, flashSize: size))
        #expect(region.range == 0x2_0000 ..< size)
    }

    @Test func everyGuardRegionStaysOutsideItsWrite() {
        for start in stride(from: 0, to: size, by: 0x1_1000) {
            let write = start ..< min(start + 0x4_0000, size)
            if let region = layout.guardRegion(around: write, flashSize: size) {
                #expect(!region.range.overlaps(write))
                #expect(layout.protectedRange(status: region.bits, flashSize: size) == region.range)
            }
        }
    }

    @Test func knownPartsOnly() {
        #expect(SPIFlashTable.blockProtectLayout(jedecBytes: [0xEB, 0x60, 0x15]) == .secTopBottomComplement)
        #expect(SPIFlashTable.blockProtectLayout(jedecBytes: [0x85, 0x42, 0x15]) == nil)
        #expect(SPIFlashTable.blockProtectLayout(jedecBytes: nil) == nil)
    }
}
