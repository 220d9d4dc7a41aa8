import BekenChips

/// Everything `inspect` learns about a file (docs/ARCHITECTURE.md: DumpReport — partitions, bootloader, boots?).
/// Offsets are flash offsets (for a rotated dump: after un-rotating; for an app-only image: as written at 0x11000).
public struct DumpReport: Sendable, Codable {
    public var fileSize: Int
    public var classification: FileClassification
    /// The chip the report was checked against (`--chip`), if any.
    public var targetChip: ChipKind?
    public var chip: ChipIdentification
    public var bootloader: BootloaderReport?
    /// The FAL partition table found in the bootloader (BK7231GUIFlashTool FormMain.Decryption.cs ParsePartitions).
    public var partitionTable: PartitionTable?
    public var app: AppReport?
    public var rfCalibration: RFCalibration?
    /// The RF sector must move to where the chip's firmware reads it (Tuya T1 factory layout), if it must.
    public var rfCalibrationMove: RFCalibrationMove?
    public var tuyaStore: TuyaStoreLocation?
    public var openBekenConfig: OpenBekenConfigLocation?
    public var otaPackage: OTAPackageReport?
    public var uf2: UF2File?
    public var efuse: EfuseReport?
    public var verdict: BootVerdict

    public var kind: ImageKind { classification.kind }
}

/// Which chip family the file is for, and every fact that says so.
public struct ChipIdentification: Sendable, Codable, Equatable {
    /// The family all evidence agrees on (or the bootloader's, when they disagree); nil when nothing says.
    public var chip: ChipKind?
    public var evidence: [ChipEvidence]
    /// True when two pieces of evidence exclude each other (e.g. a T bootloader under an N app).
    public var isConflicting: Bool

    public init(chip: ChipKind?, evidence: [ChipEvidence], isConflicting: Bool) {
        self.chip = chip
        self.evidence = evidence
        self.isConflicting = isConflicting
    }
}

/// One fact pointing at a set of chip families.
public struct ChipEvidence: Sendable, Codable, Equatable {
    public enum Source: String, Sendable, Codable {
        case bootloaderCRC = "bootloader-crc"
        case bootloaderString = "bootloader-string"
        case partitionTable = "partition-table"
        case appStrings = "app-strings"
        case appKey = "app-key"
        case rfCalibration = "rf-calibration"
        case openBekenConfig = "obk-config"
        case efuseKey = "efuse-key"
        case uf2Family = "uf2-family"
    }

    public var source: Source
    /// What was seen, for people.
    public var fact: String
    /// Families consistent with the fact.
    public var chips: [ChipKind]

    /// Evidence about the bootloader side (what the boot code was built for).
    var isBootloaderSide: Bool { [.bootloaderCRC, .bootloaderString, .partitionTable].contains(source) }
    /// Evidence about the application.
    var isAppSide: Bool { [.appStrings, .appKey].contains(source) }
}

/// The bootloader region 0x0–0x10FFF.
public struct BootloaderReport: Sendable, Codable, Equatable {
    public enum State: String, Sendable, Codable {
        case ok
        /// Not in the CRC table but CRC16-clean and decrypting to an ARM vector.
        case unknownVersion = "unknown-version"
        case erased
        case zeroed
        case corrupt
        /// The file ends before or inside it.
        case missing
    }

    public var state: State
    /// CRC-32 of the first 256 and 257 bytes (the bootloader identification CRCs, bk7231tools base/enums.py BkBootloaderType).
    public var crc32First256: UInt32?
    public var crc32First257: UInt32?
    /// bk7231tools' name for the CRC (e.g. "BK7231S_1_0_5") and what it stands for.
    public var tableName: String?
    public var tableChip: ChipKind?
    public var tableVersion: String?
    /// The bootloader's own version string ("BK7231S_1.0.5"), from the decrypted code.
    public var versionString: String?
    /// Name of the code key it decrypts with ("tuya", "zero", "uascent").
    public var key: String?
    /// Block check of 0x0–0x10FFF (offsets in flash).
    public var blocks: CRC16BlockCheck?
    /// Its RBL trailer at 0x10F9A.
    public var rbl: RBLReport?
}

/// The app partition from 0x11000.
public struct AppReport: Sendable, Codable, Equatable {
    public enum State: String, Sendable, Codable {
        case ok
        case erased
        case missing
        case corrupt
        case truncated
        /// CRC16-valid, but no known key turns it into ARM code.
        case unknownKey = "unknown-key"
    }

    public var state: State
    /// Flash offset of its first byte (0x11000).
    public var offset: Int
    /// Flash end of the partition checked (exclusive).
    public var checkedEnd: Int
    public var key: String?
    public var blocks: CRC16BlockCheck?
    public var rbl: RBLReport?
    /// Flash offset where the code ends, from the RBL trailer's size (bad blocks after it do not matter).
    public var codeEnd: Int?
    public var strings: AppStrings?
}

/// A parsed RBL header, where it was found and whether its checksums hold.
public struct RBLReport: Sendable, Codable, Equatable {
    /// Offset in flash (or in the file, for OTA packages).
    public var offset: Int
    public var name: String
    public var version: String
    public var timestamp: UInt32
    public var encryption: UInt8
    public var compression: UInt8
    public var rawSize: UInt32
    public var packageSize: UInt32
    public var payloadCRC32: UInt32
    public var payloadHash: UInt32
    public var headerCRCValid: Bool
    /// For in-partition containers: CRC-32 and FNV-1a of the payload match (nil when not checkable).
    public var payloadCRCValid: Bool?
    public var payloadHashValid: Bool?

    init(_ header: RBLHeader, offset: Int, verification: (crc: Bool, hash: Bool)?) {
        self.offset = offset
        name = header.name
        version = header.version
        timestamp = header.timestamp
        encryption = header.encryption
        compression = header.compression
        rawSize = header.rawSize
        packageSize = header.packageSize
        payloadCRC32 = header.payloadCRC32
        payloadHash = header.payloadHash
        headerCRCValid = header.isHeaderCRCValid
        payloadCRCValid = verification?.crc
        payloadHashValid = verification?.hash
    }
}

/// An OTA package (`.rbl`, possibly behind a Tuya UG header).
public struct OTAPackageReport: Sendable, Codable, Equatable {
    public var ugHeader: TuyaUGHeader?
    public var rbl: RBLReport?
    /// Bytes after the RBL header.
    public var payloadLength: Int
}

/// A 32-byte eFuse read: bytes 0–15 are the code key (BK7231GUIFlashTool RomReadCatalog.cs, BK7231Flasher.cs readEncryptionKey; ltchiptool soc/bk72xx/flash.py).
public struct EfuseReport: Sendable, Codable, Equatable {
    /// "tuya", "zero", "uascent", "repeated-word" or "custom" (a custom key is not printed: it is the chip's secret).
    public var keyName: String
}
