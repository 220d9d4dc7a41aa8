// Little-endian helpers: every multi-byte field of the protocol is little-endian (bk7231tools protocol.py; bk_idk bl_bk_hci_protocol.h).
public enum LE {
    static func bytes(_ value: UInt32) -> [UInt8] {
        [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8),
         UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 24)]
    }

    static func bytes(_ value: UInt16) -> [UInt8] {
        [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8)]
    }

    /// u32 at `offset` of `bytes` (relative to startIndex); nil if too short.
    public static func u32<C: Collection>(_ bytes: C, at offset: Int) -> UInt32? where C.Element == UInt8, C.Index == Int {
        let start = bytes.startIndex + offset
        guard offset >= 0, start + 4 <= bytes.endIndex else { return nil }
        return UInt32(bytes[start]) | UInt32(bytes[start + 1]) << 8 | UInt32(bytes[start + 2]) << 16
            | UInt32(bytes[start + 3]) << 24
    }
}

/// Hex text for logs and tests: "01 E0 FC 01 00".
public enum Hex {
    public static func string<C: Sequence>(_ bytes: C, separator: String = " ") -> String where C.Element == UInt8 {
        bytes.map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return digits.count == 1 ? "0" + digits : digits
        }.joined(separator: separator)
    }

    /// Parses hex digits, ignoring spaces, dashes, colons and line breaks; nil on other characters or odd length.
    public static func bytes(_ text: String) -> [UInt8]? {
        let digits = text.filter { !" \n\t-:".contains($0) }
        guard digits.count % 2 == 0 else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(digits.count / 2)
        var index = digits.startIndex
        while index < digits.endIndex {
            let next = digits.index(index, offsetBy: 2)
            guard let byte = UInt8(digits[index..<next], radix: 16) else { return nil }
            result.append(byte)
            index = next
        }
        return result
    }
}
