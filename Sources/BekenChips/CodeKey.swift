// The 4 × 32-bit "coefficients" of Beken's flash code encryption (ltchiptool soc/bk72xx/util/crypto.py; bk7231tools base/enums.py BkBootloaderType; BK7231GUIFlashTool BK7231Flasher.cs readEncryptionKey).
public struct CodeKey: Sendable, Hashable, CustomStringConvertible {
    /// c0…c3 as parsed from the 32-hex-digit key string (big-endian words; eFuse stores them little-endian).
    public let words: [UInt32]

    public init(_ c0: UInt32, _ c1: UInt32, _ c2: UInt32, _ c3: UInt32) { words = [c0, c1, c2, c3] }

    /// Parses "510fb093 a3cbeadc 5993a17e c7adeb03" (spaces optional).
    public init?(hex: String) {
        let digits = hex.filter { !$0.isWhitespace }
        guard digits.count == 32 else { return nil }
        var result: [UInt32] = []
        var index = digits.startIndex
        for _ in 0..<4 {
            let next = digits.index(index, offsetBy: 8)
            guard let word = UInt32(digits[index..<next], radix: 16) else { return nil }
            result.append(word)
            index = next
        }
        words = result
    }

    /// The 16 eFuse bytes 0…15 (4 × u32 little-endian) (ltchiptool soc/bk72xx/flash.py flash_read_raw; OpenBK7231N BkDriverFlash.c).
    public var efuseBytes: [UInt8] {
        words.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (8 * UInt32($0))) } }
    }

    /// Key from the 16 eFuse bytes.
    public init?(efuseBytes bytes: [UInt8]) {
        guard bytes.count >= 16 else { return nil }
        words = (0..<4).map { i in (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[4 * i + $1]) << (8 * UInt32($1)) } }
    }

    /// Top byte of c3 0x00/0xFF or low nibble 0xF disables encryption (ltchiptool soc/bk72xx/util/crypto.py).
    public var isBypass: Bool {
        let c3 = words[3]
        return c3 >> 24 == 0x00 || c3 >> 24 == 0xFF || c3 & 0xF == 0xF
    }

    /// "510fb093 a3cbeadc 5993a17e c7adeb03".
    public var description: String {
        words.map { word in
            let digits = String(word, radix: 16)
            return String(repeating: "0", count: 8 - digits.count) + digits
        }.joined(separator: " ")
    }

    /// Tuya key used by BK7231T and BK7231N (ltchiptool soc/bk72xx/util/crypto.py; BK7231GUIFlashTool `TUYA_ENCRYPTION_KEY`).
    public static let tuya = CodeKey(0x510F_B093, 0xA3CB_EADC, 0x5993_A17E, 0xC7AD_EB03)
    /// All-zero key = no encryption (BK7231M, U, Q, 7252, 7238 bootloaders; ltchiptool soc/bk72xx/util/crypto.py).
    public static let zero = CodeKey(0, 0, 0, 0)
    /// UASCENT key from the OpenBK7231N build script (ltchiptool soc/bk72xx/util/crypto.py).
    public static let uascent = CodeKey(0x4862_379A, 0x8612_784B, 0x85C5_E258, 0x7575_4528)
}
