// Slice-by-8 tables for the reflected CRC-32 polynomial 0xEDB88320 (bk7231tools cmd_ll_chip.py read_flash_range_crc).
enum CRC32Tables {
    static let polynomial: UInt32 = 0xEDB8_8320

    /// tables[k][b] = CRC of byte b followed by k zero bytes; flattened as 8 × 256 entries.
    static let tables: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ polynomial : crc >> 1 }
            table[byte] = crc
        }
        for slice in 1..<8 {
            for byte in 0..<256 {
                let previous = table[(slice - 1) * 256 + byte]
                table[slice * 256 + byte] = (previous >> 8) ^ table[Int(previous & 0xFF)]
            }
        }
        return table
    }()

    static func update(_ start: UInt32, _ buffer: UnsafeRawBufferPointer) -> UInt32 {
        var crc = start
        let count = buffer.count
        guard count > 0, let base = buffer.baseAddress else { return crc }
        tables.withUnsafeBufferPointer { t in
            var index = 0
            while index + 8 <= count {
                let lo = UInt32(base.load(fromByteOffset: index, as: UInt8.self))
                    | UInt32(base.load(fromByteOffset: index + 1, as: UInt8.self)) << 8
                    | UInt32(base.load(fromByteOffset: index + 2, as: UInt8.self)) << 16
                    | UInt32(base.load(fromByteOffset: index + 3, as: UInt8.self)) << 24
                let one = crc ^ lo
                let b4 = Int(base.load(fromByteOffset: index + 4, as: UInt8.self))
                let b5 = Int(base.load(fromByteOffset: index + 5, as: UInt8.self))
                let b6 = Int(base.load(fromByteOffset: index + 6, as: UInt8.self))
                let b7 = Int(base.load(fromByteOffset: index + 7, as: UInt8.self))
                crc = t[7 * 256 + Int(one & 0xFF)] ^ t[6 * 256 + Int((one >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((one >> 16) & 0xFF)] ^ t[4 * 256 + Int(one >> 24)]
                    ^ t[3 * 256 + b4] ^ t[2 * 256 + b5] ^ t[1 * 256 + b6] ^ t[b7]
                index += 8
            }
            while index < count {
                let byte = UInt32(base.load(fromByteOffset: index, as: UInt8.self))
                crc = (crc >> 8) ^ t[Int((crc ^ byte) & 0xFF)]
                index += 1
            }
        }
        return crc
    }
}
