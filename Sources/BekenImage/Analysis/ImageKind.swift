/// What a file is, decided from its bytes only (ltchiptool soc/bk72xx/binary.py detect_file_type).
public enum ImageKind: String, Sendable, Codable, CaseIterable {
    /// A whole 2 or 4 MiB flash read from 0x0, bootloader first (ltchiptool soc/bk72xx/binary.py detect_file_type).
    case fullDump = "full-dump"
    /// A 2 MiB dump saved by Easy Flasher before 2023-04-20: file 0 = flash 0x11000 (ltchiptool soc/bk72xx/binary.py detect_file_type; BK7231GUIFlashTool FormMain.cs (before d5786df)).
    case rotatedDump = "rotated-dump"
    /// Bootloader + app from 0x0, shorter than a whole flash (`*_QIO_*.bin`, "BL+APP dump") (ltchiptool soc/bk72xx/binary.py detect_file_type).
    case qioImage = "qio-image"
    /// Encrypted, CRC-interleaved app partition only (`*_UA_*.bin`), written at 0x11000 (ltchiptool soc/bk72xx/binary.py detect_file_type; bk7231tools analysis/rbl.py).
    case appImage = "app-image"
    /// RBL OTA package (`OpenBK7231x_<ver>.rbl`) for the download partition (ltchiptool soc/bk72xx/util/binary.py ota_package; OpenBK7231N build.sh).
    case otaPackage = "ota-rbl"
    /// Tuya UG: 32-byte header + RBL OTA package (ltchiptool soc/bk72xx/binary.py elf2bin).
    case tuyaUG = "tuya-ug"
    /// LibreTiny UF2 (ltchiptool uf2tool/models/block.py).
    case uf2
    /// 32-byte eFuse backup (BK7231GUIFlashTool RomReadCatalog.cs; ltchiptool soc/bk72xx/flash.py).
    case efuseDump = "efuse-dump"
    /// 16 KiB BootROM read (BK7231GUIFlashTool RomReadCatalog.cs; ltchiptool soc/bk72xx/flash.py).
    case romDump = "rom-dump"
    /// A Tuya KV store region only (typically 0x12000 bytes from 0x1EE000; BK7231GUIFlashTool TuyaConfig.cs).
    case tuyaStorage = "tuya-storage"
    /// An OpenBeken `mainConfig_t` blob or its 4 KiB sector (OpenBeken new_pins.h).
    case openBekenConfig = "obk-config"
    /// All 0xFF: erased flash (ltchiptool soc/bk72xx/binary.py detect_file_type).
    case blank
    /// An ELF executable (not flashable; ltchiptool soc/bk72xx/binary.py detect_file_type).
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
