/// Finds a Tuya KV store ("vault") by its structure, without decrypting it: the key sector's bytes 24…4095 are
/// 0xFF and it is AES-128-ECB encrypted with the fixed master key, so its third 16-byte block is always
/// `46 DC ED 0E 67 2F 3B 70 AE 12 76 A3 F8 71 2E 03` (bk7231tools `KVStorage.find_storage`).
/// Decoding the store is `TuyaConfig`'s job.
public enum TuyaStoreLocator {
    static let keySectorThirdBlock: [UInt8] = [
        0x46, 0xDC, 0xED, 0x0E, 0x67, 0x2F, 0x3B, 0x70, 0xAE, 0x12, 0x76, 0xA3, 0xF8, 0x71, 0x2E, 0x03,
    ]
    public static let sectorSize = 0x1000

    /// Offsets (4 KiB aligned) of every key sector in `bytes`.
    public static func keySectorOffsets(in bytes: [UInt8]) -> [Int] {
        var found: [Int] = []
        var offset = 0
        let needle = keySectorThirdBlock
        while offset + 48 <= bytes.count {
            if bytes[offset + 32] == needle[0], Array(bytes[offset + 32..<offset + 48]) == needle { found.append(offset) }
            offset += sectorSize
        }
        return found
    }
}

/// Where a Tuya KV store sits in a file.
public struct TuyaStoreLocation: Sendable, Equatable, Codable {
    /// Offset of the key sector (the store's first sector).
    public var offset: Int
    /// Bytes from there to the end of the store or the file (a store is 0x12000 on 2 MiB T/N; BK7231GUIFlashTool TuyaConfig.cs).
    public var length: Int

    public init(offset: Int, length: Int) {
        self.offset = offset
        self.length = length
    }
}
