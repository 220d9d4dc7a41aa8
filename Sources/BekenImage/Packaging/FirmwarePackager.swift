import BekenChips

/// Builds flashable Beken partitions from plain (decrypted, un-CRC'd) code — the inverse of what `DumpAnalyzer`
/// reads: pad the code to 16 bytes, encrypt it at the partition's CPU address with the chip key (ltchiptool soc/bk72xx/util/crypto.py),
/// add the 96-byte RBL trailer that describes it (ltchiptool soc/bk72xx/util/rbl.py; bk7231tools analysis/rbl.py "in-partition containers"), and CRC16-interleave the whole
/// partition (ltchiptool util/crc16.py). Blocks between the code and the trailer stay erased (34 × 0xFF), as in every real dump.
public enum FirmwarePackager {
    /// Where the RBL trailer goes.
    public enum TrailerPlacement: Sendable, Equatable {
        /// In the last 96 logical bytes of the FAL partition, as OpenBeken's and Tuya's packager put it (app: flash
        /// 0x129F0A; ltchiptool soc/bk72xx/binary.py detect_file_type; bk7231tools analysis/rbl.py). An app image is then the whole partition, 0x118F70 bytes.
        case partitionEnd
        /// Right after the code (a short file; the inspector finds the trailer by scanning, ltchiptool soc/bk72xx/binary.py detect_file_type; bk7231tools analysis/rbl.py).
        case afterCode
    }

    public struct Options: Sendable, Equatable {
        /// The key the chip decrypts with: its eFuse key on N/M (BK7231GUIFlashTool BK7231Flasher.cs doGenericSetup; OpenBeken new_common.h); `CodeKey.zero` = no encryption.
        public var key: CodeKey
        /// The RBL header's version field (real app trailers say "1.00").
        public var version: String
        /// The RBL header's Unix timestamp.
        public var timestamp: UInt32
        public var trailer: TrailerPlacement

        public init(key: CodeKey, version: String = "1.00", timestamp: UInt32 = 0,
                    trailer: TrailerPlacement = .partitionEnd) {
            self.key = key
            self.version = version
            self.timestamp = timestamp
            self.trailer = trailer
        }

        /// The key of `chip`'s family (Tuya for T and N, zero for M), or nil when the family's key is not known.
        public init?(chip: ChipKind, version: String = "1.00", timestamp: UInt32 = 0,
                     trailer: TrailerPlacement = .partitionEnd) {
            guard let key = chip.family.codeKey else { return nil }
            self.init(key: key, version: version, timestamp: timestamp, trailer: trailer)
        }
    }

    /// The FAL app partition: logical 0x10000, 0x108700 bytes (BK7231GUIFlashTool FormMain.Decryption.cs ParsePartitions).
    public static let appPartition = PartitionSpec(name: "app", logicalAddress: 0x10000, logicalLength: 0x108700)
    /// The bootloader partition: logical 0x0, 0x10000 bytes = flash 0x0–0x10FFF (BK7231GUIFlashTool FormMain.Decryption.cs ParsePartitions; OpenBK7231T BkDriverFlash.c).
    public static let bootloaderPartition = PartitionSpec(name: "bootloader", logicalAddress: 0, logicalLength: 0x10000)

    /// An app-only ("UA") image, written at flash 0x11000: `code` is the plain app, starting with its ARM vector
    /// table at CPU address 0x10000.
    public static func appImage(code: [UInt8], options: Options) throws(FirmwarePackagerError) -> [UInt8] {
        try package(code: code, plainTail: [], partition: appPartition, options: options)
    }

    /// The bootloader region, flash 0x0–0x10FFF (0x11000 bytes): `code` encrypted from address 0, then the FAL
    /// `partitionTable` records left unencrypted at the end of the image (BK7231GUIFlashTool FormMain.Decryption.cs ParsePartitions), then the trailer at the
    /// partition end (flash 0x10F9A). `options.trailer` is ignored: the bootloader's trailer is always there.
    public static func bootloaderRegion(code: [UInt8], partitionTable: PartitionTable,
                                        options: Options) throws(FirmwarePackagerError) -> [UInt8] {
        var fixed = options
        fixed.trailer = .partitionEnd
        return try package(code: code, plainTail: partitionTable.serialized(), partition: bootloaderPartition,
                           options: fixed)
    }

    /// A "QIO"-style image: the bootloader region followed by an app image (ltchiptool soc/bk72xx/binary.py detect_file_type; OpenBeken .github/workflows/workflow.yaml). With
    /// `flashSize`, padded with 0xFF to a whole flash (then it reads as a full dump).
    public static func qioImage(bootloaderRegion: [UInt8], appImage: [UInt8],
                                flashSize: Int? = nil) throws(FirmwarePackagerError) -> [UInt8] {
        guard bootloaderRegion.count == FileClassifier.appOffset else {
            throw .wrongBootloaderRegionSize(bootloaderRegion.count)
        }
        var image = bootloaderRegion + appImage
        if let flashSize {
            guard image.count <= flashSize else { throw .codeTooLarge(size: image.count, capacity: flashSize) }
            image += [UInt8](repeating: 0xFF, count: flashSize - image.count)
        }
        return image
    }

    /// The common path: `code` (encrypted) + `plainTail` (not encrypted), padded to 16 bytes, trailer, CRC16.
    static func package(code: [UInt8], plainTail: [UInt8], partition: PartitionSpec,
                        options: Options) throws(FirmwarePackagerError) -> [UInt8] {
        guard ARMVector.matches(code) else { throw .notARMCode }
        let cipher = BekenCodeCipher(key: options.key)
        // size_raw is the 16-aligned code size (ltchiptool soc/bk72xx/util/rbl.py; bk7231tools analysis/rbl.py). Without a plain tail the padding is part of the
        // code and encrypted with it, so decryption gives back `code` followed by zeros.
        var body = code + plainTail
        body += [UInt8](repeating: 0, count: (16 - body.count % 16) % 16)
        let encryptedCount = plainTail.isEmpty ? body.count : code.count
        body.withUnsafeMutableBytes { buffer in
            cipher.apply(to: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<encryptedCount]),
                         startingAt: partition.logicalAddress)
        }

        let trailerOffset: Int
        switch options.trailer {
        case .partitionEnd: trailerOffset = partition.logicalLength - RBLHeader.size
        case .afterCode: trailerOffset = roundUp(body.count, to: CRC16Interleave.dataBytesPerBlock)
        }
        guard roundUp(body.count, to: CRC16Interleave.dataBytesPerBlock) <= trailerOffset,
              trailerOffset + RBLHeader.size <= partition.logicalLength else {
            throw .codeTooLarge(size: body.count, capacity: partition.logicalLength - RBLHeader.size)
        }

        var image = CRC16Interleave.add(body)
        image += [UInt8](repeating: 0xFF, count: CRC16Interleave.physicalOffset(logical: trailerOffset) - image.count)
        image += CRC16Interleave.add(trailer(for: body, partition: partition, options: options).serialized())
        return image
    }

    /// The in-partition RBL header: crc32 over the stored code followed by 16 bytes of 0x10, FNV-1a over the code,
    /// package size = raw size + 16 (ltchiptool soc/bk72xx/util/rbl.py; bk7231tools analysis/rbl.py, as verified on real app and bootloader trailers).
    static func trailer(for stored: [UInt8], partition: PartitionSpec, options: Options) -> RBLHeader {
        let padding = [UInt8](repeating: 0x10, count: 16)
        return RBLHeader(timestamp: options.timestamp, name: partition.name, version: options.version,
                         payloadCRC32: CRC32.checksum(padding, continuing: CRC32.checksum(stored)),
                         payloadHash: FNV1a32.hash(stored), rawSize: UInt32(stored.count),
                         packageSize: UInt32(stored.count + padding.count))
    }

    static func roundUp(_ value: Int, to multiple: Int) -> Int { (value + multiple - 1) / multiple * multiple }
}

/// A CRC-interleaved partition as the FAL table describes it (BK7231GUIFlashTool FormMain.Decryption.cs ParsePartitions).
public struct PartitionSpec: Sendable, Equatable {
    /// The RBL trailer's name ("app", "bootloader").
    public var name: String
    /// CPU address of its first byte (the cipher's address).
    public var logicalAddress: UInt32
    /// Logical length (a multiple of 32, so the trailer fills whole CRC blocks).
    public var logicalLength: Int

    public init(name: String, logicalAddress: UInt32, logicalLength: Int) {
        self.name = name
        self.logicalAddress = logicalAddress
        self.logicalLength = logicalLength
    }
}

public enum FirmwarePackagerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The code does not start with an ARM vector (`?? ?? 00 EA 14 F0 9F E5`): not plain code, or already encrypted.
    case notARMCode
    case codeTooLarge(size: Int, capacity: Int)
    case wrongBootloaderRegionSize(Int)

    public var description: String {
        switch self {
        case .notARMCode:
            "the code does not start with an ARM vector (?? ?? 00 EA 14 F0 9F E5): give the plain, unencrypted app "
                + "binary, not an encrypted or CRC'd image"
        case let .codeTooLarge(size, capacity):
            "the code (\(hex(size)) bytes) does not fit: at most \(hex(capacity)) bytes before the RBL trailer"
        case let .wrongBootloaderRegionSize(size):
            "the bootloader region must be exactly 0x11000 bytes, not \(hex(size))"
        }
    }
}
