@testable import BekenImage

/// Small files of each non-dump kind, built from the format descriptions in ltchiptool soc/bk72xx/binary.py detect_file_type.
enum SyntheticFiles {
    static let payload: [UInt8] = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 5) }

    /// RBL header (AES-256 + gzip, like OBK's `.rbl`) + payload (ltchiptool soc/bk72xx/util/rbl.py, soc/bk72xx/util/binary.py ota_package; bk7231tools analysis/rbl.py; OpenBK7231N build.sh).
    static func otaPackage() -> [UInt8] {
        RBLHeader(encryption: 2, compression: 1, timestamp: 1_700_000_000, name: "app", version: "1.17.0",
                  payloadCRC32: CRC32.checksum(payload), payloadHash: 0x1234_5678, rawSize: 1000,
                  packageSize: UInt32(payload.count)).serialized() + payload
    }

    /// Tuya UG: 32-byte header with big-endian length and sums, then the RBL package (ltchiptool soc/bk72xx/binary.py elf2bin).
    static func tuyaUG() -> [UInt8] {
        let package = otaPackage()
        var header: [UInt8] = [0x55, 0xAA, 0x55, 0xAA] + Array("1.0.0".utf8) + [UInt8](repeating: 0, count: 7)
        let packageSum = package.reduce(UInt32(0)) { $0 &+ UInt32($1) }
        header += bigEndian(UInt32(package.count)) + bigEndian(packageSum)
        header += bigEndian(header.reduce(UInt32(0)) { $0 &+ UInt32($1) }) + [0xAA, 0x55, 0xAA, 0x55]
        return header + package
    }

    /// Two UF2 blocks with a family ID (ltchiptool uf2tool/models/block.py).
    static func uf2(familyID: UInt32) -> [UInt8] {
        (0..<2).flatMap { block -> [UInt8] in
            var bytes: [UInt8] = []
            for word in [0x0A32_4655, 0x9E5D_5157, 0x2000, UInt32(block * 256), 256, UInt32(block), 2, familyID] {
                appendLE32(&bytes, word)
            }
            bytes += [UInt8](repeating: 0xAB, count: 476)
            appendLE32(&bytes, 0x0AB1_6F30)
            return bytes
        }
    }

    /// A valid OpenBeken config blob (3584 bytes, "CFG", CRC8, version) padded to its 4 KiB sector (OpenBeken new_pins.h).
    static func openBekenConfig(version: Int32) -> [UInt8] {
        var blob = [UInt8](repeating: 0, count: 3584)
        blob[0] = 0x43; blob[1] = 0x46; blob[2] = 0x47
        for (index, byte) in withUnsafeBytes(of: version.littleEndian, Array.init).enumerated() { blob[4 + index] = byte }
        blob[3] = OpenBekenConfigProbe.tinyCRC8(blob[4...])
        return blob + [UInt8](repeating: 0xFF, count: 512)
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8),
         UInt8(truncatingIfNeeded: value)]
    }
}
