import Testing
@testable import BekenChips

@Suite struct SPIFlashTableTests {
    @Test func rowCounts() {  // BK7231GUIFlashTool BKFlashList.cs: 84 rows; bk7231tools cmd_hl_flash.py FLASH_SR_SIZE: 35 IDs, 3 of them only in bk7231tools
        #expect(SPIFlashTable.bkFlashList.count == 84)
        #expect(SPIFlashTable.bk7231toolsRows.count == 35)
        #expect(SPIFlashTable.bk7231toolsOnly.map(\.jedecID) == [0x16400E, 0x16701C, 0x1640EF])
        #expect(SPIFlashTable.all.count == 87)
        #expect(Set(SPIFlashTable.all.map(\.jedecID)).count == 87)
        #expect(SPIFlashTable.bkFlashList.first?.name == "GT25Q05D")
        #expect(SPIFlashTable.bkFlashList.last?.name == "GD25Q512C")
    }

    @Test func th25q16hbRowAndWorkedExample() throws {  // BK7231GUIFlashTool BKFlashList.cs #39, BK7231GUIFlashTool BK7231Flasher.cs setProtectState worked example
        let chip = try #require(SPIFlashTable.lookup(jedecBytes: [0xEB, 0x60, 0x15]))
        #expect(chip.name == "TH25Q16HB" && chip.manufacturer == "TH" && chip.size == 0x200000)
        #expect(chip.jedecID == 0x1560EB)
        #expect(chip.unprotect.statusReadOpcodes == [0x05, 0x35])
        #expect(chip.unprotect.mask == 0x407C && chip.unprotect.writeOpcode == 0x01)
        #expect(!chip.unprotect.isUnprotected(0x4004))
        #expect(chip.unprotect.unprotectedValue(from: 0x4004) == 0)
        #expect(chip.unprotect.writeBytes(for: 0) == [0x00, 0x00])
        #expect(chip.unprotect.isUnprotected(0x0680))  // BK7231GUIFlashTool #51: "sr: 680" needs no write
        #expect(chip.unprotect.protectedValue(from: 0) == 0x1C)  // BFD(7, 2, 5)
        #expect(chip.bk7231toolsStatusRegisterSize == 2)
        #expect(chip.source == "BK7231GUIFlashTool BKFlashList.cs #39")
    }

    @Test func specialRows() throws {
        let beken = try #require(SPIFlashTable.lookup(jedecID: 0x424B01))  // #20, szSR 0
        #expect(beken.unprotect.statusRegisterCount == 0 && beken.unprotect.isUnprotected(0xFFFF))
        #expect(beken.unprotect.writeByteCount == 0)
        let mx = try #require(SPIFlashTable.lookup(jedecBytes: [0xC2, 0x23, 0x15]))  // #40
        #expect(mx.name == "MX25V1635F" && mx.unprotect.statusReadOpcodes == [0x05, 0x15] && mx.unprotect.mask == 0x103C)
        let by = try #require(SPIFlashTable.lookup(jedecID: 0x184068))  // #72
        #expect(by.unprotect.mask == 0x7C7C && by.size == 0x1000000)
        let gt = try #require(SPIFlashTable.lookup(jedecID: 0x1560C4))  // #35: 3 SR bytes read, 2 written
        #expect(gt.unprotect.statusReadOpcodes == [0x05, 0x35, 0x15] && gt.unprotect.writeByteCount == 2)
        #expect(gt.unprotect.listedWriteOpcodes == [0x01, 0x31, 0x11])
        let pn = try #require(SPIFlashTable.lookup(jedecID: 0x13311C))  // #14
        #expect(pn.unprotect.mask == 0x003C && pn.unprotect.bitLength == 4 && pn.unprotect.writeByteCount == 1)
        #expect(pn.unprotect.writeBytes(for: 0x80) == [0x80])
        let puya = try #require(SPIFlashTable.lookup(jedecBytes: [0x85, 0x42, 0x15]))  // #36, BK7238 trace part
        #expect(puya.name == "P25Q16HB" && puya.unprotect.statusRegisterCount == 1)
        #expect(SPIFlashTable.lookup(jedecID: 0x1A47C8)?.size == 0x4000000)  // #84
    }

    @Test func bk7231toolsDisagreementsAndExtras() throws {  // bk7231tools cmd_hl_flash.py FLASH_SR_SIZE
        #expect(SPIFlashTable.lookup(jedecBytes: [0x1C, 0x41, 0x16])?.bk7231toolsStatusRegisterSize == 1)
        #expect(SPIFlashTable.lookup(jedecBytes: [0x1C, 0x41, 0x16])?.unprotect.statusRegisterCount == 2)
        let extra = try #require(SPIFlashTable.lookup(jedecBytes: [0x0E, 0x40, 0x16]))
        #expect(extra.size == 0x400000 && extra.unprotect.statusRegisterCount == 2 && extra.unprotect.mask == 0x407C)
        #expect(SPIFlashTable.lookup(jedecBytes: [0x1C, 0x70, 0x16])?.unprotect.writeByteCount == 1)
        #expect(SPIFlashTable.lookup(jedecBytes: [0x00, 0x00, 0x00]) == nil)
        #expect(SPIFlashChip.sizeFromCapacity(0x15) == 0x200000 && SPIFlashChip.sizeFromCapacity(0xFF) == nil)
    }
}
