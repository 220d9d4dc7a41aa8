/// The 96-byte RBL header (magic "RBL\0") of RT-Thread OTA packages and of Beken's in-partition containers
/// (ltchiptool soc/bk72xx/util/rbl.py; bk7231tools analysis/rbl.py). All integers little-endian; the last word is the CRC-32 of bytes 0x00–0x5B.
public struct RBLHeader: Sendable, Equatable {
    public static let size = 96
    public static let magic: [UInt8] = [0x52, 0x42, 0x4C, 0x00]  // "RBL\0"

    /// 0 none, 1 XOR, 2 AES-256.
    public var encryption: UInt8
    /// 0 none, 1 gzip, 2 QuickLZ, 3 FastLZ.
    public var compression: UInt8
    public var timestamp: UInt32
    /// 16 bytes, NUL-padded (`app`, `bootloader`).
    public var nameField: [UInt8]
    /// 24 bytes, NUL-terminated; junk may follow the NUL.
    public var versionField: [UInt8]
    /// 24 bytes, usually 23 × "0".
    public var serialField: [UInt8]
    public var payloadCRC32: UInt32
    /// FNV-1a-32 over the raw payload.
    public var payloadHash: UInt32
    public var rawSize: UInt32
    public var packageSize: UInt32
    /// The CRC-32 stored at 0x5C (as read; `serialized()` always writes the correct one).
    public var storedHeaderCRC32: UInt32

    public init(encryption: UInt8 = 0, compression: UInt8 = 0, timestamp: UInt32, name: String, version: String,
                serial: String = String(repeating: "0", count: 23), payloadCRC32: UInt32, payloadHash: UInt32,
                rawSize: UInt32, packageSize: UInt32) {
        self.encryption = encryption
        self.compression = compression
        self.timestamp = timestamp
        nameField = Self.field(name, size: 16)
        versionField = Self.field(version, size: 24)
        serialField = Self.field(serial, size: 24)
        self.payloadCRC32 = payloadCRC32
        self.payloadHash = payloadHash
        self.rawSize = rawSize
        self.packageSize = packageSize
        storedHeaderCRC32 = 0
        storedHeaderCRC32 = computedHeaderCRC32
    }

    /// Parses a header at the start of `bytes` (at least 96 bytes with the magic), whatever its CRC.
    public init?(parsing bytes: some Collection<UInt8>) {
        let header = Array(bytes.prefix(Self.size))
        guard header.count == Self.size, Array(header[0..<4]) == Self.magic else { return nil }
        let word = { (offset: Int) in readLE32(header, offset) }
        encryption = header[4]
        compression = header[5]
        timestamp = word(0x08)
        nameField = Array(header[0x0C..<0x1C])
        versionField = Array(header[0x1C..<0x34])
        serialField = Array(header[0x34..<0x4C])
        payloadCRC32 = word(0x4C)
        payloadHash = word(0x50)
        rawSize = word(0x54)
        packageSize = word(0x58)
        storedHeaderCRC32 = word(0x5C)
    }

    public var name: String { Self.text(nameField) }
    public var version: String { Self.text(versionField) }
    public var serial: String { Self.text(serialField) }

    /// CRC-32 of the first 92 serialized bytes.
    public var computedHeaderCRC32: UInt32 { CRC32.checksum(fields()) }
    public var isHeaderCRCValid: Bool { storedHeaderCRC32 == computedHeaderCRC32 }

    /// The 96 bytes, with a freshly computed header CRC.
    public func serialized() -> [UInt8] {
        var bytes = fields()
        appendLE32(&bytes, CRC32.checksum(bytes))
        return bytes
    }

    /// For an in-partition container: do crc32 and hash match `payload` (the un-CRC'd, still encrypted partition
    /// data from its start)? See `containerChecksums`.
    public func verifiesContainer(payload: some Collection<UInt8>) -> (crc: Bool, hash: Bool) {
        let body = Array(payload.prefix(Int(rawSize)))
        guard body.count == Int(rawSize), packageSize >= rawSize, packageSize - rawSize <= 255 else {
            return (false, false)
        }
        let sums = Self.containerChecksums(body: body, paddingCount: Int(packageSize - rawSize))
        return (sums.crc32 == payloadCRC32, sums.hash == payloadHash)
    }

    /// The checksums of an in-partition container (bootloader/app trailer): the CRC-32 covers `body`
    /// (payload[0..<rawSize]) followed by `paddingCount` (= packageSize − rawSize) bytes each equal to
    /// `paddingCount` (PKCS#7-like, although flash holds 0xFF there); the FNV-1a hash covers `body` only
    /// (ltchiptool soc/bk72xx/util/rbl.py; bk7231tools analysis/rbl.py, verified on all 17 dumps). A packager builds its trailer with these.
    public static func containerChecksums(body: some Collection<UInt8>, paddingCount: Int) -> (crc32: UInt32, hash: UInt32) {
        let padding = [UInt8](repeating: UInt8(truncatingIfNeeded: paddingCount), count: max(0, paddingCount))
        return (CRC32.checksum(padding, continuing: CRC32.checksum(body)), FNV1a32.hash(body))
    }

    private func fields() -> [UInt8] {
        var bytes = Self.magic
        bytes += [encryption, compression, 0, 0]
        appendLE32(&bytes, timestamp)
        bytes += nameField + versionField + serialField
        for value in [payloadCRC32, payloadHash, rawSize, packageSize] { appendLE32(&bytes, value) }
        return bytes
    }

    private static func field(_ text: String, size: Int) -> [UInt8] {
        let utf8 = Array(text.utf8.prefix(size))
        return utf8 + [UInt8](repeating: 0, count: size - utf8.count)
    }

    /// Text up to the first NUL, printable ASCII only.
    static func text(_ field: [UInt8]) -> String {
        let bytes = field.prefix { $0 != 0 }
        return String(decoding: bytes.map { (0x20..<0x7F).contains($0) ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
    }
}
