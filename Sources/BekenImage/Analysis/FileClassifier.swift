import BekenChips

/// The kind of a file and what showed it (ltchiptool soc/bk72xx/binary.py detect_file_type, "Recommended decision procedure", in that order).
public struct FileClassification: Sendable, Equatable, Codable {
    public var kind: ImageKind
    /// Facts that decided the kind, for people.
    public var evidence: [String]

    public init(kind: ImageKind, evidence: [String]) {
        self.kind = kind
        self.evidence = evidence
    }
}

/// Classifies files by content, never by name.
public enum FileClassifier {
    /// Offsets in flash (OpenBK7231N BkDriverFlash.c; BK7231GUIFlashTool OBKFlashLayout.cs): app partition start and the end of the bootloader region.
    public static let appOffset = 0x11000
    /// The CPU (logical) address of the app's first byte, used by the cipher (ltchiptool soc/bk72xx/binary.py to_offset).
    public static let appLogicalAddress: UInt32 = 0x10000
    /// Whole-flash sizes a full dump can have (2 or 4 MiB).
    public static let fullDumpSizes = [0x200000, 0x400000]
    static let efuseSize = 32         // BK7231GUIFlashTool `BEKEN_EFUSE_SIZE` (OpenBK7231N BkDriverFlash.c)
    static let romSize = 0x4000       // BK7231GUIFlashTool `RomReadCatalog.cs` (ltchiptool soc/bk72xx/flash.py)

    public static func classify(_ bytes: [UInt8]) -> FileClassification {
        let size = bytes.count
        let sizeText = "\(size) bytes (\(hex(size)))"
        if size == 0 { return FileClassification(kind: .unknown, evidence: ["the file is empty"]) }
        if UF2File.looksLikeUF2(bytes) {
            return FileClassification(kind: .uf2, evidence: ["UF2 magics `UF2\\n`, 0x9E5D5157 and 0x0AB16F30 in block 0"])
        }
        if size >= 4, bytes[0] == 0x7F, bytes[1] == 0x45, bytes[2] == 0x4C, bytes[3] == 0x46 {
            return FileClassification(kind: .elf, evidence: ["ELF magic 7F 45 4C 46 at 0x0"])
        }
        if TuyaUGHeader.looksLikeUG(bytes) {
            return FileClassification(kind: .tuyaUG, evidence: ["55 AA 55 AA at 0x0 and AA 55 AA 55 at 0x1C"])
        }
        if let header = RBLHeader(parsing: bytes) {
            return FileClassification(kind: .otaPackage, evidence: [
                "RBL header at 0x0" + (header.isHeaderCRCValid ? " with a valid header CRC-32" : " (header CRC-32 wrong)"),
            ])
        }
        if size <= TuyaStoreLocator.sectorSize, let version = OpenBekenConfigProbe.validVersion(in: bytes, at: 0) {
            return FileClassification(kind: .openBekenConfig,
                                      evidence: ["\"CFG\" ident, version \(version) and a matching CRC8 at 0x0"])
        }
        if allBytes(bytes, in: 0..<size, equal: 0xFF) {
            return FileClassification(kind: .blank, evidence: ["all \(sizeText) are 0xFF"])
        }
        if let flash = classifyFlashImage(bytes) { return flash }
        let kvSectors = TuyaStoreLocator.keySectorOffsets(in: bytes)
        if let first = kvSectors.first {
            return FileClassification(kind: .tuyaStorage, evidence: [
                "Tuya KV key sector at \(hex(first)) (its third AES block is the encrypted 0xFF padding, bk7231tools analysis/kvstorage.py KeyBlock, KVStorage.find_storage)",
                "no bootloader or app code found",
            ])
        }
        if size == efuseSize {
            return FileClassification(kind: .efuseDump, evidence: [
                "exactly 32 bytes: the size of a BK7231N/M eFuse read (bytes 0–15 = the code key)",
            ])
        }
        if size == romSize, isPlainARMCode(bytes) {
            return FileClassification(kind: .romDump,
                                      evidence: ["16 KiB starting with plain (unencrypted) ARM code: a BootROM read"])
        }
        var evidence = ["no known signature in \(sizeText)"]
        if allBytes(bytes, in: 0..<size, equal: 0x00) { evidence = ["all \(sizeText) are 0x00 (unreadable flash?)"] }
        return FileClassification(kind: .unknown, evidence: evidence)
    }

    /// Bootloader at 0, app at 0 (UA or rotated dump), or app at 0x11000 behind a damaged bootloader.
    static func classifyFlashImage(_ bytes: [UInt8]) -> FileClassification? {
        let size = bytes.count
        let isFullSize = fullDumpSizes.contains(size)
        let fullKind: ImageKind = isFullSize ? .fullDump : .qioImage
        let sizeNote = isFullSize ? "size \(size / 0x100000) MiB (a whole flash)" : "size \(hex(size)) (not a whole flash)"
        if let info = CodeProbe.knownBootloader(in: bytes, at: 0) {
            return FileClassification(kind: fullKind, evidence: [
                "bootloader \(info.name) at 0x0 (CRC-32 of the first \(info.hashedLength) bytes is \(hex(info.crc, digits: 8)))",
                sizeNote,
            ])
        }
        if let key = CodeProbe.key(in: bytes, at: 0, logicalAddress: 0), !isUnencryptedApp(bytes, key: key) {
            return FileClassification(kind: fullKind, evidence: [
                "unknown bootloader at 0x0: CRC16-valid blocks that decrypt (\(key.name) key) to an ARM vector",
                sizeNote,
            ])
        }
        if let key = CodeProbe.key(in: bytes, at: 0, logicalAddress: appLogicalAddress) {
            let appEvidence = "app code at 0x0: CRC16-valid blocks that decrypt at 0x10000 (\(key.name) key) to an ARM vector"
            if isFullSize, let rotated = RotatedDump.bootloaderEvidence(in: bytes) {
                return FileClassification(kind: .rotatedDump, evidence: [appEvidence, rotated, sizeNote])
            }
            return FileClassification(kind: .appImage, evidence: [appEvidence])
        }
        if isFullSize, let rotated = RotatedDump.bootloaderEvidence(in: bytes) {
            // A rotated dump whose first app blocks are damaged: the bootloader at the end still shows it.
            return FileClassification(kind: .rotatedDump, evidence: ["no valid app code at 0x0", rotated, sizeNote])
        }
        if let key = CodeProbe.key(in: bytes, at: appOffset, logicalAddress: appLogicalAddress) {
            return FileClassification(kind: fullKind, evidence: [
                "no valid bootloader at 0x0",
                "app code at 0x11000 (CRC16-valid, decrypts with the \(key.name) key to an ARM vector)",
                sizeNote,
            ])
        }
        if isFullSize, let landmark = flashLandmark(in: bytes) {
            return FileClassification(kind: .fullDump, evidence: [
                "no valid bootloader at 0x0 and no app at 0x11000", landmark, sizeNote,
            ])
        }
        return nil
    }

    /// Code without encryption (the zero key of BK7231M/U and BK7238 builds) decrypts to an ARM vector at any address,
    /// so a plain app image looks like a bootloader at 0x0. It is an app when no code follows at 0x11000, where a
    /// QIO image or dump has its app.
    static func isUnencryptedApp(_ bytes: [UInt8], key: NamedCodeKey) -> Bool {
        key.key.isBypass && bytes.count > appOffset
            && CodeProbe.key(in: bytes, at: appOffset, logicalAddress: appLogicalAddress) == nil
    }

    /// An RF calibration sector or Tuya store at a standard offset: the file is a flash image even without code.
    static func flashLandmark(in bytes: [UInt8]) -> String? {
        // T/N RF places, then the T1 factory place (BK7231GUIFlashTool `RFPartitionUtil.cs`, `TuyaConfig.cs`); Tuya KV of T/N, then of the T1.
        for offset in [0x1E0000, 0x1D0000, 0x1E3000] where RFCalibration(in: bytes, at: offset) != nil {
            return "RF calibration TLV at \(hex(offset))"
        }
        let stores = TuyaStoreLocator.keySectorOffsets(in: bytes)
        for offset in [0x1EE000, 0x1F5000] where stores.contains(offset) { return "Tuya KV store at \(hex(offset))" }
        return nil
    }

    /// Unencrypted ARM code: a branch (`EA` in byte 3) or `LDR PC, [PC, #…]` (`E59FF…`) as the first word.
    static func isPlainARMCode(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 8 else { return false }
        let isBranch = bytes[3] == 0xEA
        let isLoadPC = bytes[3] == 0xE5 && bytes[2] == 0x9F && bytes[1] & 0xF0 == 0xF0
        return isBranch || isLoadPC
    }
}
