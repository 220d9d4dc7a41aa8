/// OpenBeken's `Tiny_CRC8`, the checksum byte of the configuration sector (OpenBeken new_cfg.c, tiny_crc8.c).
///
/// Per bit: `s = (crc ^ byte) & 1; crc >>= 1; if s { crc ^= 0x8C }; byte >>= 1`, starting from 0
/// [stated, OBK `src/tiny_crc8.c`]. `crc` is a C `char`; Beken builds compile with `-fsigned-char`
/// [stated, OpenBK7231N `application.mk`], so its shift is arithmetic: bit 7 keeps its value. That is the
/// variant Beken firmware stores. With an unsigned `char` the same code is the standard CRC-8/MAXIM-DOW,
/// which OpenBeken builds for several other platforms use (Easy Flasher `Utils/CRC.cs`).
public enum TinyCRC8 {
    /// The signed-`char` variant: what BK7231T/N firmware computes and checks.
    public static func signed<Bytes: Sequence>(_ bytes: Bytes) -> UInt8 where Bytes.Element == UInt8 {
        compute(bytes, keepsTopBit: true)
    }

    /// The unsigned-`char` variant (CRC-8/MAXIM-DOW), for non-Beken OpenBeken builds.
    public static func unsigned<Bytes: Sequence>(_ bytes: Bytes) -> UInt8 where Bytes.Element == UInt8 {
        compute(bytes, keepsTopBit: false)
    }

    private static func compute<Bytes: Sequence>(_ bytes: Bytes, keepsTopBit: Bool) -> UInt8
    where Bytes.Element == UInt8 {
        var crc: UInt8 = 0
        for byte in bytes {
            var remaining = byte
            for _ in 0..<8 {
                let feedback = (crc ^ remaining) & 1
                // An arithmetic shift of a signed char copies bit 7 into itself.
                crc = keepsTopBit ? (crc >> 1) | (crc & 0x80) : crc >> 1
                if feedback != 0 { crc ^= 0x8C }
                remaining >>= 1
            }
        }
        return crc
    }
}
