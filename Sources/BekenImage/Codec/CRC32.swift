/// CRC-32 as in zlib/IEEE 802.3 (reflected poly 0xEDB88320, init and xor-out 0xFFFFFFFF): the bootloader
/// identification CRC (images.md §2.3, protocol.md §5.2) and the RBL header/payload CRCs (images.md §2.6).
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

    static func update(_ previous: UInt32, _ buffer: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var crc = ~previous
        table.withUnsafeBufferPointer { table in
            guard let tablePointer = table.baseAddress, let base = buffer.baseAddress else { return }
            var index = 0
            while index < buffer.count {
                crc = (crc &>> 8) ^ tablePointer[Int(UInt8(truncatingIfNeeded: crc) ^ base[index])]
                index &+= 1
            }
        }
        return ~crc
    }
}

/// FNV-1a, 32 bit (offset basis 0x811C9DC5, prime 0x01000193): the RBL header's payload hash (images.md §2.6).
public enum FNV1a32 {
    public static let offsetBasis: UInt32 = 0x811C_9DC5

    public static func hash(_ bytes: some Collection<UInt8>, continuing previous: UInt32 = offsetBasis) -> UInt32 {
        withContiguous(bytes) { buffer in
            var hash = previous
            guard let base = buffer.baseAddress else { return hash }
            var index = 0
            while index < buffer.count {
                hash = (hash ^ UInt32(base[index])) &* 0x0100_0193
                index &+= 1
            }
            return hash
        }
    }
}
