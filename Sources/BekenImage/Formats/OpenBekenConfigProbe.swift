/// Recognises an OpenBeken `mainConfig_t` blob: "CFG", a CRC8 byte, an int32 version, then the fields; the CRC8
/// (OBK `Tiny_CRC8`, reflected poly 0x8C, init 0, computed in a *signed* char) covers bytes 4…3583 (4…2015 for
/// version 3) (OpenBeken new_cfg.c, tiny_crc8.c). Only presence is decided here; decoding belongs to `OpenBeken`.
public enum OpenBekenConfigProbe {
    public static let size = 3584
    static let legacyVersion3Size = 2016

    /// OBK's `Tiny_CRC8` as compiled for Beken (`-fsigned-char`: the register shifts arithmetically).
    public static func tinyCRC8(_ bytes: some Sequence<UInt8>) -> UInt8 {
        var crc: Int8 = 0
        for byte in bytes {
            var extract = byte
            for _ in 0..<8 {
                let sum = (UInt8(bitPattern: crc) ^ extract) & 1
                crc >>= 1
                if sum != 0 { crc ^= Int8(bitPattern: 0x8C) }
                extract >>= 1
            }
        }
        return UInt8(bitPattern: crc)
    }

    /// The config version if `bytes[offset...]` holds a valid blob (ident, version ≤ 100, CRC8), else nil
    /// (Easy Flasher `OBKConfig.isValid` uses the same three tests; BK7231GUIFlashTool OBKFlashLayout.cs, OBKConfig.cs).
    public static func validVersion(in bytes: [UInt8], at offset: Int) -> Int? {
        guard offset >= 0, offset + 8 <= bytes.count, bytes[offset] == 0x43, bytes[offset + 1] == 0x46,
              bytes[offset + 2] == 0x47 else { return nil }
        let version = Int(Int32(bitPattern: readLE32(bytes, offset + 4)))
        guard (1...100).contains(version) else { return nil }
        let length = version == 3 ? legacyVersion3Size : size
        guard offset + length <= bytes.count else { return nil }
        return tinyCRC8(bytes[offset + 4..<offset + length]) == bytes[offset + 3] ? version : nil
    }
}

/// An OpenBeken config found in a file.
public struct OpenBekenConfigLocation: Sendable, Equatable, Codable {
    public var offset: Int
    public var version: Int

    public init(offset: Int, version: Int) {
        self.offset = offset
        self.version = version
    }
}
