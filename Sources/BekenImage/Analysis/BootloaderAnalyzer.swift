import BekenChips

/// Looks at flash 0x0–0x10FFF: identity by CRC-32 (bk7231tools base/enums.py BkBootloaderType), CRC16 blocks (ltchiptool util/crc16.py), key and version string
/// (bk7231tools base/enums.py BkBootloaderType), the FAL partition table (BK7231GUIFlashTool FormMain.Decryption.cs ParsePartitions) and the RBL trailer at 0x10F9A (ltchiptool soc/bk72xx/util/rbl.py; bk7231tools analysis/rbl.py).
enum BootloaderAnalyzer {
    static let regionSize = 0x11000
    /// Logical offset of the RBL trailer: the last 96 bytes of the 0x10000-byte partition (physical 0x10F9A).
    static let rblLogicalOffset = 0x10000 - RBLHeader.size

    static func analyze(_ flash: [UInt8]) -> (report: BootloaderReport, table: PartitionTable?) {
        var report = BootloaderReport(state: .missing)
        let end = min(flash.count, regionSize)
        guard end >= 2 * CRC16Interleave.blockSize else { return (report, nil) }
        if flash.count >= 257 {
            report.crc32First256 = CRC32.checksum(flash[0..<256])
            report.crc32First257 = CRC32.checksum(flash[256..<257], continuing: report.crc32First256!)
        }
        if allBytes(flash, in: 0..<end, equal: 0xFF) { report.state = .erased; return (report, nil) }
        if allBytes(flash, in: 0..<end, equal: 0x00) { report.state = .zeroed; return (report, nil) }

        let known = CodeProbe.knownBootloader(in: flash, at: 0)
        report.tableName = known?.name
        report.tableChip = known?.chip
        report.tableVersion = known?.version
        let (data, check) = CRC16Interleave.strip(flash[0..<end])
        report.blocks = check
        let key = CodeProbe.key(in: flash, at: 0, logicalAddress: 0, preferring: known?.codeKey)
        report.key = key?.name

        var codeEnd = end
        if data.count >= rblLogicalOffset + RBLHeader.size, let header = RBLHeader(parsing: data[rblLogicalOffset...]) {
            let verification = header.isHeaderCRCValid ? header.verifiesContainer(payload: data) : nil
            report.rbl = RBLReport(header, offset: CRC16Interleave.physicalOffset(logical: rblLogicalOffset),
                                   verification: verification)
            if header.isHeaderCRCValid, Int(header.rawSize) < rblLogicalOffset {
                codeEnd = CRC16Interleave.physicalSize(logicalCount: Int(header.rawSize))
            }
        }
        let table = PartitionTable.find(in: data)
        if let key {
            var code = Array(data.prefix(0x10000))
            key.cipher.apply(to: &code, startingAt: 0)
            report.versionString = BootloaderStrings.versionString(in: code)
        }

        let badInCode = check.badBlockOffsets.contains { $0 < codeEnd } || (check.badBlockCount > check.badBlockOffsets.count)
        if end < regionSize {
            report.state = .missing
        } else if key == nil && known == nil || badInCode {
            report.state = .corrupt
        } else {
            report.state = known == nil ? .unknownVersion : .ok
        }
        return (report, table)
    }
}
