/// The RT-Thread FAL partition table stored, unencrypted, near the end of a Beken bootloader (BK7231GUIFlashTool FormMain.Decryption.cs ParsePartitions).
/// Records of 64 bytes: u32 magic 0x45503130, name[24], flash_name[24], u32 offset, u32 length, u32 reserved.
public struct PartitionTable: Sendable, Equatable, Codable {
    public static let recordMagic: UInt32 = 0x4550_3130  // BK7231GUIFlashTool `FAL_PART_MAGIC_WORD`
    public static let recordSize = 64

    public struct Entry: Sendable, Equatable, Codable {
        public var name: String
        public var flashName: String
        /// As stored: logical for partitions on `beken_onchip_crc`, physical on `beken_onchip` (BK7231GUIFlashTool FormMain.Decryption.cs ParsePartitions).
        public var offset: UInt32
        public var length: UInt32

        public init(name: String, flashName: String, offset: UInt32, length: UInt32) {
            self.name = name
            self.flashName = flashName
            self.offset = offset
            self.length = length
        }

        /// True for partitions stored CRC-interleaved (`beken_onchip_crc`), whose offset/length are logical.
        public var isCRCInterleaved: Bool { flashName.hasSuffix("_crc") }

        /// Physical start on flash.
        public var physicalOffset: Int {
            isCRCInterleaved ? CRC16Interleave.physicalOffset(logical: Int(offset)) : Int(offset)
        }

        /// Physical size on flash.
        public var physicalLength: Int {
            isCRCInterleaved ? CRC16Interleave.physicalSize(logicalCount: Int(length)) : Int(length)
        }
    }

    /// Offset of the first record inside the data searched (the un-CRC'd bootloader).
    public var tableOffset: Int
    public var entries: [Entry]

    public init(tableOffset: Int, entries: [Entry]) {
        self.tableOffset = tableOffset
        self.entries = entries
    }

    public func entry(named name: String) -> Entry? { entries.first { $0.name == name } }

    /// Finds the first run of records in `data` (4-byte aligned), searching from the end since the table sits near
    /// the end of the bootloader image.
    public static func find(in data: [UInt8]) -> PartitionTable? {
        guard data.count >= recordSize else { return nil }
        var start = (data.count - recordSize) & ~3
        while start >= 0 {
            if readLE32(data, start) == recordMagic {
                // Walk back to the first record of this run.
                var first = start
                while first >= recordSize, readLE32(data, first - recordSize) == recordMagic { first -= recordSize }
                var entries: [Entry] = []
                var position = first
                while position + recordSize <= data.count, readLE32(data, position) == recordMagic {
                    entries.append(Entry(
                        name: RBLHeader.text(Array(data[position + 4..<position + 28])),
                        flashName: RBLHeader.text(Array(data[position + 28..<position + 52])),
                        offset: readLE32(data, position + 52),
                        length: readLE32(data, position + 56)))
                    position += recordSize
                }
                return PartitionTable(tableOffset: first, entries: entries)
            }
            start -= 4
        }
        return nil
    }

    /// The 64-byte records (reserved word 0, as in Tuya bootloaders).
    public func serialized() -> [UInt8] {
        var bytes: [UInt8] = []
        for entry in entries {
            appendLE32(&bytes, Self.recordMagic)
            bytes += Self.field(entry.name) + Self.field(entry.flashName)
            appendLE32(&bytes, entry.offset)
            appendLE32(&bytes, entry.length)
            appendLE32(&bytes, 0)
        }
        return bytes
    }

    private static func field(_ text: String) -> [UInt8] {
        let utf8 = Array(text.utf8.prefix(24))
        return utf8 + [UInt8](repeating: 0, count: 24 - utf8.count)
    }
}
