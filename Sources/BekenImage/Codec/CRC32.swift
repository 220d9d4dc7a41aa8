/// CRC-32 as in zlib/IEEE 802.3 (reflected poly 0xEDB88320, init and xor-out 0xFFFFFFFF): the bootloader
/// identification CRC (bk7231tools base/enums.py BkBootloaderType) and the RBL header/payload CRCs (ltchiptool soc/bk72xx/util/rbl.py; bk7231tools analysis/rbl.py).
public enum CRC32 {
    static let table: [UInt32] = (0..<256).map { value in
        var crc = UInt32(value)
        for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        return crc
    }

    /// The CRC-32 of `bytes`; pass a previous result as `continuing` to extend it.
    public static func checksum(_ bytes: some Collection<UInt8>, continuing previous: UInt32 = 0) -> UInt32 {
        withContiguous(bytes) { update(previous, $0) }
    }

    /// Slicing-by-4 tables: `sliced[k * 256 + b]` is the CRC contribution of byte b followed by k zero bytes.
    static let sliced: [UInt32] = {
        var tables = table + [UInt32](repeating: 0, count: 3 * 256)
        for k in 1..<4 {
            for b in 0..<256 {
                let previous = tables[(k - 1) * 256 + b]
                tables[k * 256 + b] = (previous >> 8) ^ table[Int(previous & 0xFF)]
            }
        }
        return tables
    }()

    static func update(_ previous: UInt32, _ buffer: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var crc = ~previous
        sliced.withUnsafeBufferPointer { tables in
            guard let t = tables.baseAddress, let base = buffer.baseAddress else { return }
            var index = 0
            // Four bytes per step (slicing-by-4), then the tail byte by byte.
            while index &+ 4 <= buffer.count {
                let x = crc ^ (UInt32(truncatingIfNeeded: base[index]) | UInt32(truncatingIfNeeded: base[index &+ 1]) &<< 8
                    | UInt32(truncatingIfNeeded: base[index &+ 2]) &<< 16 | UInt32(truncatingIfNeeded: base[index &+ 3]) &<< 24)
                crc = t[768 &+ Int(truncatingIfNeeded: x & 0xFF)] ^ t[512 &+ Int(truncatingIfNeeded: (x &>> 8) & 0xFF)]
                    ^ t[256 &+ Int(truncatingIfNeeded: (x &>> 16) & 0xFF)] ^ t[Int(truncatingIfNeeded: x &>> 24)]
                index &+= 4
            }
            while index < buffer.count {
                crc = (crc &>> 8) ^ t[Int(truncatingIfNeeded: UInt8(truncatingIfNeeded: crc) ^ base[index])]
                index &+= 1
            }
        }
        return ~crc
    }
}

/// FNV-1a, 32 bit (offset basis 0x811C9DC5, prime 0x01000193): the RBL header's payload hash (ltchiptool soc/bk72xx/util/rbl.py; bk7231tools analysis/rbl.py).
public enum FNV1a32 {
    public static let offsetBasis: UInt32 = 0x811C_9DC5

    public static func hash(_ bytes: some Collection<UInt8>, continuing previous: UInt32 = offsetBasis) -> UInt32 {
        withContiguous(bytes) { buffer in
            var hash = previous
            guard let base = buffer.baseAddress else { return hash }
            var index = 0
            // Unrolled by four (FNV-1a is a serial chain; this only saves loop overhead).
            while index &+ 4 <= buffer.count {
                hash = (hash ^ UInt32(truncatingIfNeeded: base[index])) &* 0x0100_0193
                hash = (hash ^ UInt32(truncatingIfNeeded: base[index &+ 1])) &* 0x0100_0193
                hash = (hash ^ UInt32(truncatingIfNeeded: base[index &+ 2])) &* 0x0100_0193
                hash = (hash ^ UInt32(truncatingIfNeeded: base[index &+ 3])) &* 0x0100_0193
                index &+= 4
            }
            while index < buffer.count {
                hash = (hash ^ UInt32(truncatingIfNeeded: base[index])) &* 0x0100_0193
                index &+= 1
            }
            return hash
        }
    }
}
