// bk7231tools `FLASH_SR_SIZE`: JEDEC wire bytes → number of status bytes it reads/writes.
// Comment = BK7231GUIFlashTool name / szSR for the same ID (bk7231tools cmd_hl_flash.py FLASH_SR_SIZE); three IDs exist only in bk7231tools.
extension SPIFlashTable {
    static let bk7231toolsRows: [(UInt8, UInt8, UInt8, Int)] = [
        (0x0B, 0x40, 0x14, 2),  // XT25F08F / 2
        (0x0B, 0x40, 0x15, 2),  // XT25F16B / 2
        (0x0B, 0x40, 0x16, 2),  // XT25F32B / 2
        (0x0B, 0x40, 0x17, 2),  // XT25F64B / 2
        (0x0B, 0x60, 0x17, 2),  // XT25Q64B / 2
        (0x0E, 0x40, 0x16, 2),  // not in BKFlashList
        (0x1C, 0x31, 0x13, 1),  // PN25F04B / 1
        (0x1C, 0x41, 0x16, 1),  // EN25QE32A / 2
        (0x1C, 0x70, 0x15, 1),  // EN25QH16B / 1
        (0x1C, 0x70, 0x16, 1),  // not in BKFlashList
        (0x20, 0x40, 0x16, 2),  // XM25QH32D / 2
        (0x51, 0x40, 0x13, 1),  // GD25D40 / 1
        (0x51, 0x40, 0x14, 1),  // GD25D80 / 1
        (0x5E, 0x40, 0x14, 1),  // PN25F08B / 1
        (0x85, 0x42, 0x15, 1),  // P25Q16HB / 1
        (0x85, 0x20, 0x15, 2),  // P25Q16HBK / 2
        (0x85, 0x60, 0x13, 2),  // P25Q40 / 2
        (0x85, 0x60, 0x14, 2),  // P25Q80 / 2
        (0x85, 0x60, 0x16, 2),  // P25Q32H / 2
        (0x85, 0x60, 0x17, 2),  // P25Q64H / 2
        (0xC2, 0x23, 0x14, 2),  // MX25V8035F / 2
        (0xC2, 0x23, 0x15, 2),  // MX25V1635F / 2
        (0xC8, 0x40, 0x13, 1),  // GD25Q41B / 1
        (0xC8, 0x40, 0x14, 2),  // GD25D80 / 2
        (0xC8, 0x40, 0x15, 2),  // GD25Q16B / 2
        (0xC8, 0x40, 0x16, 1),  // GD25Q32E / 2
        (0xC8, 0x65, 0x15, 2),  // GD25WQ16E / 2
        (0xC8, 0x65, 0x16, 2),  // GD25WQ32E / 2
        (0xC8, 0x65, 0x17, 2),  // GD25WQ64E / 2
        (0xCD, 0x60, 0x14, 2),  // TH25Q80HB / 2
        (0xE0, 0x40, 0x13, 1),  // PN25Q40A / 1
        (0xE0, 0x40, 0x14, 1),  // PN25Q80A / 1
        (0xEB, 0x60, 0x15, 2),  // TH25Q16HB / 2
        (0xEF, 0x40, 0x16, 2),  // not in BKFlashList
        (0xEF, 0x40, 0x18, 2),  // WB25Q128JV / 2
    ]

    static let bk7231toolsSRSize: [UInt32: Int] = Dictionary(
        uniqueKeysWithValues: bk7231toolsRows.map { (SPIFlashChip.jedecID([$0.0, $0.1, $0.2]), $0.3) })

    /// IDs known to bk7231tools but not to BKFlashList (bk7231tools cmd_hl_flash.py FLASH_SR_SIZE), with bk7231tools' recipe (bk7231tools cmd_hl_flash.py flash_unprotect): read 05 (+35),
    /// clear mask 0x407C (CMP + BP4..BP0), write with 0x01. Size from the capacity byte.
    static let bk7231toolsOnlyRows: [SPIFlashChip] = bk7231toolsRows.compactMap { row in
        let bytes = [row.0, row.1, row.2]
        let id = SPIFlashChip.jedecID(bytes)
        guard !guiFlashToolRows.contains(where: { $0.jedecID == id }) else { return nil }
        return SPIFlashChip(
            jedecBytes: bytes, name: "JEDEC \(hex(bytes))", manufacturer: "unknown",
            size: SPIFlashChip.sizeFromCapacity(row.2) ?? 0,
            unprotect: UnprotectRecipe(
                statusRegisterCount: row.3, readOpcodes: [0x05, 0x35], listedWriteOpcodes: [0x01], mask: 0x407C,
                startBit: 2, bitLength: 5, unprotectedField: 0, protectedField: 7),
            bk7231toolsStatusRegisterSize: row.3,
            source: "bk7231tools cmd_hl_flash.py FLASH_SR_SIZE (bk7231tools only)")
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return digits.count == 1 ? "0" + digits : digits
        }.joined(separator: " ")
    }
}
