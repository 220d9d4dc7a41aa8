/// What a file is, decided from its bytes only (images.md §2).
public enum ImageKind: String, Sendable, Codable, CaseIterable {
    /// A whole 2 or 4 MiB flash read from 0x0, bootloader first (images.md §2.4).
    case fullDump = "full-dump"
    /// A 2 MiB dump saved by Easy Flasher before 2023-04-20: file 0 = flash 0x11000 (images.md §2.4, §0.9).
    case rotatedDump = "rotated-dump"
    /// Bootloader + app from 0x0, shorter than a whole flash (`*_QIO_*.bin`, "BL+APP dump") (images.md §2.4).
    case qioImage = "qio-image"
    /// Encrypted, CRC-interleaved app partition only (`*_UA_*.bin`), written at 0x11000 (images.md §2.5).
    case appImage = "app-image"
    /// RBL OTA package (`OpenBK7231x_<ver>.rbl`) for the download partition (images.md §2.7).
    case otaPackage = "ota-rbl"
    /// Tuya UG: 32-byte header + RBL OTA package (images.md §2.8).
    case tuyaUG = "tuya-ug"
    /// LibreTiny UF2 (images.md §2.9).
    case uf2
    /// 32-byte eFuse backup (images.md §2.10).
    case efuseDump = "efuse-dump"
    /// 16 KiB BootROM read (images.md §2.10).
    case romDump = "rom-dump"
    /// A Tuya KV store region only (typically 0x12000 bytes from 0x1EE000; tuya.md §1).
    case tuyaStorage = "tuya-storage"
    /// An OpenBeken `mainConfig_t` blob or its 4 KiB sector (images.md §4).
    case openBekenConfig = "obk-config"
    /// All 0xFF: erased flash (images.md §2.1 step 6).
    case blank
    /// An ELF executable (not flashable; images.md §2.1 step 2).
    case elf
    case unknown

    /// One line for people.
    public var summary: String {
        switch self {
        case .fullDump: "full flash dump (bootloader at 0x0)"
        case .rotatedDump: "rotated full flash dump (old Easy Flasher backup: file 0x0 = flash 0x11000)"
        case .qioImage: "QIO image (bootloader + app from 0x0)"
        case .appImage: "app-only (UA) image for 0x11000"
        case .otaPackage: "OTA package (RBL) for the download partition"
        case .tuyaUG: "Tuya UG OTA package"
        case .uf2: "UF2 container (LibreTiny)"
        case .efuseDump: "eFuse dump"
        case .romDump: "BootROM dump"
        case .tuyaStorage: "Tuya KV storage region only"
        case .openBekenConfig: "OpenBeken config sector"
        case .blank: "blank (erased, all 0xFF)"
        case .elf: "ELF executable"
        case .unknown: "unknown content"
        }
    }

    /// Files whose bytes are (part of) a flash image that holds code: bootloader and/or app.
    public var holdsCode: Bool { [.fullDump, .rotatedDump, .qioImage, .appImage].contains(self) }
}
