/// The 32-byte header of a Tuya UG OTA file (`*_UG_*.bin`), followed by an RBL OTA package (ltchiptool soc/bk72xx/binary.py elf2bin):
/// 0x00 `55 AA 55 AA`, 0x04 version (12 bytes), 0x10 BE length of the RBL, 0x14 BE byte-sum of the RBL,
/// 0x18 BE byte-sum of bytes 0x00–0x17, 0x1C `AA 55 AA 55`.
public struct TuyaUGHeader: Sendable, Equatable, Codable {
    public static let size = 32
    static let leadingMagic: [UInt8] = [0x55, 0xAA, 0x55, 0xAA]
    static let trailingMagic: [UInt8] = [0xAA, 0x55, 0xAA, 0x55]

    public var version: String
    public var packageLength: UInt32
    public var packageSum: UInt32
    public var headerSum: UInt32
    public var isHeaderSumValid: Bool
    /// The RBL length and byte-sum match the bytes that follow.
    public var isPackageValid: Bool

    public static func looksLikeUG(_ bytes: [UInt8]) -> Bool {
        bytes.count >= size && Array(bytes[0..<4]) == leadingMagic && Array(bytes[0x1C..<0x20]) == trailingMagic
    }

    public init?(parsing bytes: [UInt8]) {
        guard Self.looksLikeUG(bytes) else { return nil }
        version = RBLHeader.text(Array(bytes[4..<16]))
        packageLength = readBE32(bytes, 0x10)
        packageSum = readBE32(bytes, 0x14)
        headerSum = readBE32(bytes, 0x18)
        isHeaderSumValid = bytes[0..<0x18].reduce(UInt32(0)) { $0 &+ UInt32($1) } == headerSum
        let package = bytes[Self.size...]
        isPackageValid = package.count == Int(packageLength)
            && package.reduce(UInt32(0)) { $0 &+ UInt32($1) } == packageSum
    }
}
