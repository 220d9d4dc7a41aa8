import BekenChips

/// The code keys an image is tried with, in the order of ltchiptool soc/bk72xx/binary.py detect_file_type ("Try keys in this order: Tuya, zero,
/// UASCENT"), each with a short name for reports; the ciphers are built once.
public struct NamedCodeKey: Sendable {
    public let name: String
    public let key: CodeKey
    public let cipher: BekenCodeCipher

    init(_ name: String, _ key: CodeKey) {
        self.name = name
        self.key = key
        cipher = BekenCodeCipher(key: key)
    }

    public static let tuya = NamedCodeKey("tuya", .tuya)
    public static let zero = NamedCodeKey("zero", .zero)
    public static let uascent = NamedCodeKey("uascent", .uascent)
    public static let all: [NamedCodeKey] = [tuya, zero, uascent]

    /// The known key equal to `key`, or a new entry named by its hex words.
    public static func named(for key: CodeKey) -> NamedCodeKey {
        all.first { $0.key == key } ?? NamedCodeKey(key.description, key)
    }
}

extension BekenCodeCipher {
    public init(key: CodeKey) {
        self.init(c0: key.words[0], c1: key.words[1], c2: key.words[2], c3: key.words[3])
    }
}

/// ARM reset vector at the start of decrypted code: byte 3 = 0xEA (`B reset`), bytes 4–7 `14 F0 9F E5`
/// (`LDR PC,[PC,#0x14]`) (ltchiptool `binary.py` signature).
enum ARMVector {
    static func matches(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 8 && bytes[3] == 0xEA && bytes[4] == 0x14 && bytes[5] == 0xF0 && bytes[6] == 0x9F
            && bytes[7] == 0xE5
    }
}
