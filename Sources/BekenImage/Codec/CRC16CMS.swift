/// CRC-16/CMS: poly 0x8005, init 0xFFFF, MSB-first, no reflection, no xor-out; check value for "123456789" is
/// 0xAEE7 (ltchiptool util/crc16.py). It protects every 32-byte block of Beken's CRC-interleaved partitions.
public enum CRC16CMS {
    public static let initial: UInt16 = 0xFFFF

    /// One entry per byte value: the register after shifting that byte through 8 steps.
    static let table: [UInt16] = (0..<256).map { value in
        var crc = UInt16(value) << 8
        for _ in 0..<8 {
            crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x8005 : crc << 1
        }
        return crc
    }

    /// The CRC of `bytes`, continuing from `crc` (start with `initial`).
    public static func checksum(_ bytes: some Sequence<UInt8>, continuing crc: UInt16 = initial) -> UInt16 {
        var crc = crc
        table.withUnsafeBufferPointer { table in
            for byte in bytes {
                crc = (crc << 8) ^ table[Int(UInt8(truncatingIfNeeded: crc >> 8) ^ byte)]
            }
        }
        return crc
    }

    /// Two bytes at a time: entry x is the register after shifting x through 16 steps with zero input, so
    /// `crc = wordTable[crc ^ (b0 << 8 | b1)]` consumes two bytes (the CRC is linear; no reflection, no xor-out).
    static let wordTable: [UInt16] = (0..<65536).map { value in
        let first = (UInt16(value) << 8) ^ table[value >> 8]
        return (first << 8) ^ table[Int(first >> 8)]
    }

    /// The CRC of `count` (even) bytes at `start`, continuing from `crc`; the hot path of the interleave check (no
    /// allocation, no bounds checks). Over a block followed by its big-endian CRC the result is 0.
    @inline(__always)
    static func checksum(_ start: UnsafePointer<UInt8>, count: Int, continuing crc: UInt16 = initial,
                         wordTable: UnsafePointer<UInt16>) -> UInt16 {
        var crc = crc
        var index = 0
        while index < count {
            let word = UInt16(start[index]) &<< 8 | UInt16(start[index &+ 1])
            crc = wordTable[Int(crc ^ word)]
            index &+= 2
        }
        return crc
    }

    /// True when a 34-byte block (32 data bytes + big-endian CRC) read as 17 native 16-bit words checks out.
    /// Unrolled: this runs once per block over megabytes, and fast even in debug builds.
    @inline(__always)
    static func isValidBlock(_ w: UnsafePointer<UInt16>, wordTable t: UnsafePointer<UInt16>) -> Bool {
        var c = initial
        c = t[index(c, w[0])]; c = t[index(c, w[1])]; c = t[index(c, w[2])]; c = t[index(c, w[3])]
        c = t[index(c, w[4])]; c = t[index(c, w[5])]; c = t[index(c, w[6])]; c = t[index(c, w[7])]
        c = t[index(c, w[8])]; c = t[index(c, w[9])]; c = t[index(c, w[10])]; c = t[index(c, w[11])]
        c = t[index(c, w[12])]; c = t[index(c, w[13])]; c = t[index(c, w[14])]; c = t[index(c, w[15])]
        c = t[index(c, w[16])]
        return c == 0
    }

    /// Table index for register `crc` and a stored (big-endian) 16-bit word.
    @_transparent
    static func index(_ crc: UInt16, _ stored: UInt16) -> Int {
        #if _endian(little)
        Int(truncatingIfNeeded: crc ^ stored.byteSwapped)
        #else
        Int(truncatingIfNeeded: crc ^ stored)
        #endif
    }
}
