/// The RF calibration sector ("TLV"): magic `54 4C 56 00`, u32 length, then records (u32 tag, u32 length, data);
/// the Wi-Fi MAC is the record `02 11 11 11` of length 6 at sector offset 0x1C, its bytes at 0x24
/// (BK7231GUIFlashTool RomReadCatalog.cs, OBKFlashLayout.cs; ltchiptool soc/bk72xx/flash.py, soc/bk72xx/binary.py detect_file_type: ltchiptool `flash_get_chip_info`, Easy Flasher `RF_MAC_OFS` = 36).
public struct RFCalibration: Sendable, Equatable, Codable {
    public static let magic: [UInt8] = [0x54, 0x4C, 0x56, 0x00]
    static let macRecordHeader: [UInt8] = [0x02, 0x11, 0x11, 0x11, 0x06, 0x00, 0x00, 0x00]

    /// Offset of the sector in the flash image.
    public var offset: Int
    /// Declared length of the records.
    public var length: Int
    /// Top-level record tags, in order (e.g. 0x11111100).
    public var recordTags: [UInt32]
    /// "aa:bb:cc:dd:ee:ff", if the MAC record is where ltchiptool expects it.
    public var mac: String?

    /// Reads the sector at `offset` of `flash`, or nil if there is no `TLV\0` magic.
    public init?(in flash: [UInt8], at offset: Int) {
        guard offset >= 0, offset + 0x2A <= flash.count, Array(flash[offset..<offset + 4]) == Self.magic else {
            return nil
        }
        self.offset = offset
        length = Int(readLE32(flash, offset + 4))
        recordTags = []
        let end = min(offset + 8 + length, offset + 0x1000, flash.count)
        var position = offset + 8
        while position + 8 <= end, recordTags.count < 64 {
            recordTags.append(readLE32(flash, position))
            let recordLength = Int(readLE32(flash, position + 4))
            guard recordLength <= end - position - 8 else { break }
            position += 8 + recordLength
        }
        if Array(flash[offset + 0x1C..<offset + 0x24]) == Self.macRecordHeader {
            mac = flash[offset + 0x24..<offset + 0x2A].map { byte in
                let digits = String(byte, radix: 16)
                return digits.count == 1 ? "0" + digits : digits
            }.joined(separator: ":")
        }
    }
}
