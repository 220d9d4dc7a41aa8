/// A UF2 container (LibreTiny): 512-byte blocks with three magics, a target address, a payload and a family ID
/// (ltchiptool `uf2tool/models/block.py`).
public struct UF2File: Sendable, Equatable, Codable {
    public static let blockSize = 512
    static let magic1: UInt32 = 0x0A32_4655  // "UF2\n"
    static let magic2: UInt32 = 0x9E5D_5157
    static let magic3: UInt32 = 0x0AB1_6F30
    static let familyIDPresentFlag: UInt32 = 0x2000

    /// Family IDs of the Beken chips (ltchiptool uf2tool/models/block.py: LibreTiny `families.json`, `uf2conv.py` family table).
    public static let families: [(id: UInt32, name: String, chips: [String])] = [
        (0x675A_40B0, "BK7231T/U", ["bk7231t", "bk7231u"]),  // "beken-7231t"/"beken-7231u"
        (0x7B3E_F230, "BK7231N", ["bk7231n"]),
        (0xAFE8_1D49, "BK7231Q", ["bk7231q"]),
        (0x6A82_CC42, "BK7251/BK7252", ["bk7252"]),
    ]

    public var blockCount: Int
    /// Blocks whose three magics are intact.
    public var validBlocks: Int
    /// The family ID of the first block that declares one.
    public var familyID: UInt32?
    public var payloadBytes: Int
    /// Lowest and highest partition-relative target address (ltchiptool uf2tool/models/block.py: addresses are partition offsets).
    public var lowestAddress: UInt32?
    public var highestAddress: UInt32?

    /// Name of the family, if it is a Beken one.
    public var familyName: String? { Self.families.first { $0.id == familyID }?.name }
    /// ChipKind raw values the family stands for (empty if unknown).
    public var chipNames: [String] { Self.families.first { $0.id == familyID }?.chips ?? [] }

    /// True when `bytes` starts with a UF2 block (both leading magics and the closing one).
    public static func looksLikeUF2(_ bytes: [UInt8]) -> Bool {
        bytes.count >= blockSize && readLE32(bytes, 0) == magic1 && readLE32(bytes, 4) == magic2
            && readLE32(bytes, 508) == magic3
    }

    public init?(parsing bytes: [UInt8]) {
        guard Self.looksLikeUF2(bytes) else { return nil }
        blockCount = bytes.count / Self.blockSize
        validBlocks = 0
        payloadBytes = 0
        var offset = 0
        while offset + Self.blockSize <= bytes.count {
            defer { offset += Self.blockSize }
            guard readLE32(bytes, offset) == Self.magic1, readLE32(bytes, offset + 4) == Self.magic2,
                  readLE32(bytes, offset + 508) == Self.magic3 else { continue }
            validBlocks += 1
            let flags = readLE32(bytes, offset + 8)
            let address = readLE32(bytes, offset + 12)
            payloadBytes += Int(min(readLE32(bytes, offset + 16), 476))
            if familyID == nil, flags & Self.familyIDPresentFlag != 0 { familyID = readLE32(bytes, offset + 28) }
            lowestAddress = min(lowestAddress ?? address, address)
            highestAddress = max(highestAddress ?? address, address)
        }
    }
}
