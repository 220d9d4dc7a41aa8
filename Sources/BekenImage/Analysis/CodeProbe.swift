import BekenChips

/// Quick looks at the start of CRC-interleaved code: are the first blocks intact, and which key turns them into
/// an ARM vector (ltchiptool soc/bk72xx/binary.py signature `0E 00 00 EA 14 F0 9F E5`)?
enum CodeProbe {
    /// Bootloaders are identified by the CRC-32 of their first 256 bytes, or 257 on BK7231N-style chips
    /// (bk7231tools base/enums.py BkBootloaderType).
    static func knownBootloader(in bytes: [UInt8], at offset: Int) -> BootloaderInfo? {
        guard offset >= 0, offset + 257 <= bytes.count else { return nil }
        let crc256 = CRC32.checksum(bytes[offset..<offset + 256])
        if let info = BootloaderTable.lookup(crc: crc256), info.hashedLength == 256 { return info }
        let crc257 = CRC32.checksum(bytes[offset + 256..<offset + 257], continuing: crc256)
        if let info = BootloaderTable.lookup(crc: crc257), info.hashedLength == 257 { return info }
        return nil
    }

    /// The key with which the two first 34-byte blocks at `offset` (CRC-valid) decrypt, at logical `address`, to an
    /// ARM vector; `preferred` is tried first.
    static func key(in bytes: [UInt8], at offset: Int, logicalAddress address: UInt32,
                    preferring preferred: CodeKey? = nil) -> NamedCodeKey? {
        guard offset >= 0, offset + 2 * CRC16Interleave.blockSize <= bytes.count else { return nil }
        let blocks = bytes[offset..<offset + 2 * CRC16Interleave.blockSize]
        let (data, check) = CRC16Interleave.strip(blocks)
        guard check.validBlocks == 2 else { return nil }
        var candidates = NamedCodeKey.all
        if let preferred, !candidates.contains(where: { $0.key == preferred }) {
            candidates.insert(NamedCodeKey.named(for: preferred), at: 0)
        } else if let preferred, let index = candidates.firstIndex(where: { $0.key == preferred }) {
            candidates.insert(candidates.remove(at: index), at: 0)
        }
        let head = Array(data.prefix(8))
        return candidates.first { ARMVector.matches($0.cipher.applied(to: head, startingAt: address)) }
    }
}
