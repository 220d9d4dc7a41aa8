import BekenChips

/// Looks at the app partition: key (ARM vector at 0x10000), CRC16 blocks up to the partition end, the RBL trailer
/// (its size bounds the code), truncation, and the version/platform strings of the decrypted code
/// (ltchiptool soc/bk72xx/binary.py detect_file_type, soc/bk72xx/util/rbl.py; bk7231tools analysis/rbl.py).
enum AppAnalyzer {
    /// FAL app partition: logical 0x10000 + 0x108700 = physical 0x11000…0x129F70 (BK7231GUIFlashTool FormMain.Decryption.cs ParsePartitions).
    static let defaultLogicalLength = 0x108700

    /// `bytes[start...]` holds the app as it sits at flash `flashOffset`; `logicalLength` comes from the FAL table.
    static func analyze(_ bytes: [UInt8], start: Int, flashOffset: Int, logicalLength: Int = defaultLogicalLength,
                        preferring preferredKey: CodeKey?) -> AppReport {
        let partitionSize = CRC16Interleave.physicalSize(logicalCount: logicalLength)
        var report = AppReport(state: .missing, offset: flashOffset, checkedEnd: flashOffset)
        let available = bytes.count - start
        guard available >= 2 * CRC16Interleave.blockSize else { return report }
        let regionEnd = min(bytes.count, start + partitionSize)
        report.checkedEnd = flashOffset + (regionEnd - start)
        if allBytes(bytes, in: start..<regionEnd, equal: 0xFF) { report.state = .erased; return report }

        let key = CodeProbe.key(in: bytes, at: start, logicalAddress: FileClassifier.appLogicalAddress,
                                preferring: preferredKey)
        report.key = key?.name
        var (data, check) = CRC16Interleave.strip(bytes[start..<regionEnd])
        report.blocks = check.offset(by: flashOffset)

        let header = trailer(in: data, logicalLength: logicalLength)
        var codeEndRelative: Int?
        if let (header, logicalOffset) = header {
            let verification = header.isHeaderCRCValid ? header.verifiesContainer(payload: data) : nil
            report.rbl = RBLReport(header, offset: flashOffset + CRC16Interleave.physicalOffset(logical: logicalOffset),
                                   verification: verification)
            if header.isHeaderCRCValid, Int(header.rawSize) <= logicalOffset {
                codeEndRelative = CRC16Interleave.physicalSize(logicalCount: Int(header.rawSize))
                report.codeEnd = flashOffset + codeEndRelative!
            }
        }

        let fileEndsInside = regionEnd < start + partitionSize
        let lastBlockStart = (regionEnd - start) / CRC16Interleave.blockSize * CRC16Interleave.blockSize
            - CRC16Interleave.blockSize
        let endsInCode: Bool
        if let codeEndRelative {
            endsInCode = codeEndRelative > regionEnd - start
        } else {
            endsInCode = fileEndsInside && lastBlockStart >= 0
                && !allBytes(bytes, in: start + lastBlockStart..<start + lastBlockStart + CRC16Interleave.blockSize,
                             equal: 0xFF)
        }
        let badInCode = check.badBlockCount > check.badBlockOffsets.count
            || check.badBlockOffsets.contains { $0 < (codeEndRelative ?? Int.max) }

        if let key {
            let codeLength = min(data.count, codeEndRelative.map { CRC16Interleave.logicalOffset(physical: $0) }
                                 ?? data.count)
            data.withUnsafeMutableBytes { buffer in
                key.cipher.apply(to: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<codeLength]),
                                 startingAt: FileClassifier.appLogicalAddress)
            }
            data.removeSubrange(codeLength...)
            report.strings = AppStrings.scan(data)
        }

        if key == nil {
            let head = CRC16Interleave.check(bytes[start..<start + 2 * CRC16Interleave.blockSize])
            report.state = head.validBlocks == 2 ? .unknownKey : .corrupt
        } else if fileEndsInside && endsInCode {
            report.state = .truncated
        } else if badInCode {
            report.state = .corrupt
        } else {
            report.state = .ok
        }
        return report
    }

    /// The RBL trailer: at the end of the FAL partition (OBK/Tuya), else the last valid `RBL\0` header in the
    /// un-CRC'd data (LibreTiny puts it elsewhere; ltchiptool soc/bk72xx/binary.py detect_file_type; bk7231tools analysis/rbl.py). Returns the header and its logical offset.
    static func trailer(in data: [UInt8], logicalLength: Int) -> (RBLHeader, Int)? {
        let standard = logicalLength - RBLHeader.size
        if standard >= 0, data.count >= standard + RBLHeader.size, let header = RBLHeader(parsing: data[standard...]) {
            return (header, standard)
        }
        var found: (RBLHeader, Int)?
        var from = 0
        while let offset = ByteSearch.firstOffset(of: RBLHeader.magic, in: data, from: from) {
            from = offset + 1
            if let header = RBLHeader(parsing: data[offset...]), header.isHeaderCRCValid { found = (header, offset) }
        }
        return found
    }
}
