import BekenImage
import CZlibSupport
import Crypto
import CryptoExtras
import Foundation

/// An OpenBeken OTA package (`OpenBK7231N_<ver>.rbl`), opened and checked: a 96-byte RBL header, then the
/// app gzipped and encrypted with AES-256-CBC. OpenBeken's build scripts make it with RT-Thread's
/// `rt_ota_packaging_tool_cli … -c gzip -s aes -k 0123456789ABCDEF0123456789ABCDEF -i 0123456789ABCDEF`
/// (OpenBK7231T_App `build_scripts/build_bk7238_inner.sh`, `build_bk72xx_freertos_inner.sh`; the T/N SDKs'
/// `build.sh` use the same): the key and IV are those ASCII strings, 32 and 16 bytes.
public struct OTAPackage: Sendable {
    public static let key = Array("0123456789ABCDEF0123456789ABCDEF".utf8)
    public static let iv = Array("0123456789ABCDEF".utf8)
    /// RBL `encryption` 2 = AES-256, `compression` 1 = gzip (RT-Thread `rt_ota` package header).
    static let aesEncryption: UInt8 = 2
    static let gzipCompression: UInt8 = 1
    /// No BK72xx app partition is larger than this; a bigger `rawSize` is damage (or a gzip bomb).
    public static let maxAppSize = 0x200000

    public let header: RBLHeader
    /// The plain app after decryption and gunzip.
    public let app: [UInt8]
    /// The OpenBeken platform named inside the app ("OpenBK7231N"), if any.
    public let platform: String?

    /// The chip the app was built for ("BK7231N"), from its platform name.
    public var chipset: String? { platform.map { "BK" + $0.dropFirst("OpenBK".count) } }
    public var version: String { header.version }

    /// Opens `bytes` as an OpenBeken OTA package; anything else is rejected with the reason.
    public init(opening bytes: [UInt8]) throws(LANError) {
        func reject(_ reason: String, _ more: [LANError.Fact] = []) -> LANError {
            LANError(.otaFileRejected, [.init("reason", reason)] + more, suggestion: .pickOTAFile(chip: ""))
        }
        let kind = FileClassifier.classify(bytes).kind
        switch kind {
        case .otaPackage: break
        case .tuyaUG: throw reject("tuya-ug")
        case .appImage: throw reject("ua-image")
        case .qioImage, .fullDump, .rotatedDump: throw reject("qio-image")
        default: throw reject("not-rbl", [.init("kind", kind.rawValue)])
        }
        guard let header = RBLHeader(parsing: bytes), header.isHeaderCRCValid else { throw reject("header-crc") }
        guard header.encryption == Self.aesEncryption, header.compression == Self.gzipCompression else {
            throw reject("not-openbeken-rbl", [.init("encryption", "\(header.encryption)"),
                                               .init("compression", "\(header.compression)")])
        }
        let payloadSize = Int(header.packageSize)
        guard bytes.count - RBLHeader.size >= payloadSize, payloadSize > 0 else {
            throw reject("truncated", [.init("size", "\(bytes.count)"), .init("expected", "\(RBLHeader.size + payloadSize)")])
        }
        let payload = Array(bytes[RBLHeader.size..<(RBLHeader.size + payloadSize)])
        guard CRC32.checksum(payload) == header.payloadCRC32 else { throw reject("payload-crc") }
        guard payload.count % 16 == 0 else { throw reject("not-aes-blocks") }
        guard Int(header.rawSize) > 0, Int(header.rawSize) <= Self.maxAppSize else {
            throw reject("raw-size", [.init("rawSize", "\(header.rawSize)")])
        }
        let compressed: [UInt8]
        do {
            compressed = Array(try AES._CBC.decrypt(payload, using: SymmetricKey(data: Self.key),
                                                    iv: AES._CBC.IV(ivBytes: Self.iv), noPadding: true))
        } catch {
            throw reject("decrypt")
        }
        guard let app = Gzip.inflate(compressed, capacity: Int(header.rawSize)), app.count == Int(header.rawSize) else {
            throw reject("gunzip")
        }
        guard FNV1a32.hash(app) == header.payloadHash else { throw reject("app-hash") }
        self.header = header
        self.app = app
        platform = AppStrings.scan(app).openBekenPlatform
    }

    /// Checks that this package suits a device whose `/api/info` says `chipset`.
    public func check(forChipset chipset: String) throws(LANError) {
        guard let mine = self.chipset else {
            throw LANError(.otaFileRejected, [.init("reason", "no-platform"), .init("deviceChip", chipset)],
                           suggestion: .pickOTAFile(chip: chipset))
        }
        guard mine.uppercased() == chipset.uppercased() else {
            throw LANError(.otaFileRejected, [.init("reason", "other-chip"), .init("fileChip", mine),
                                              .init("deviceChip", chipset)], suggestion: .pickOTAFile(chip: chipset))
        }
    }

    /// Builds a package the way OpenBeken's build does (gzip, AES-256-CBC with its key and IV, RBL header) —
    /// for tests and fake devices.
    public static func make(app: [UInt8], version: String, timestamp: UInt32 = 0) -> [UInt8] {
        var compressed = Gzip.deflate(app)
        // The packaging tool pads the cipher input to whole AES blocks; gunzip ignores what follows the stream.
        compressed += [UInt8](repeating: 0, count: (16 - compressed.count % 16) % 16)
        let payload = (try? AES._CBC.encrypt(compressed, using: SymmetricKey(data: key), iv: AES._CBC.IV(ivBytes: iv),
                                             noPadding: true)).map { Array($0) } ?? []
        let header = RBLHeader(encryption: aesEncryption, compression: gzipCompression, timestamp: timestamp,
                               name: "app", version: version, payloadCRC32: CRC32.checksum(payload),
                               payloadHash: FNV1a32.hash(app), rawSize: UInt32(app.count),
                               packageSize: UInt32(payload.count))
        return header.serialized() + payload
    }
}

/// gzip through the system zlib (CZlibSupport).
enum Gzip {
    static func inflate(_ input: [UInt8], capacity: Int) -> [UInt8]? {
        var output = [UInt8](repeating: 0, count: max(capacity, 1))
        var written = 0
        let result = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                bk_gunzip(source.baseAddress, source.count, target.baseAddress, target.count, &written)
            }
        }
        guard result == 0 else { return nil }
        return Array(output.prefix(written))
    }

    static func deflate(_ input: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: bk_gzip_bound(input.count))
        var written = 0
        let result = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                bk_gzip(source.baseAddress, source.count, target.baseAddress, target.count, &written)
            }
        }
        return result == 0 ? Array(output.prefix(written)) : []
    }
}
