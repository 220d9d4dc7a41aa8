// One Beken chip family: how it speaks the download protocol, how it identifies itself and where things are in its flash.
public struct ChipFamily: Sendable, Hashable {
    public let kind: ChipKind
    /// Names a user may type (lower-case), e.g. "bk7231n", "7231n", "n".
    public let names: [String]
    /// Tuya `em_sys_env` platform strings that mean this family (BK7231GUIFlashTool TuyaModules.cs; UPK2ESPHome config.py; LibreTiny boards/*.json).
    public let platformNames: [String]
    public let protocolVariant: ProtocolVariant
    /// Register read with ReadReg to get the chip ID (bk7231tools base/enums.py BkChipType; BK7231GUIFlashTool BKChipIdentity.cs).
    public let chipIDRegister: UInt32
    /// Raw value of that register, where a source gives one (bk7231tools base/enums.py BkChipType; BK7231GUIFlashTool BKChipIdentity.cs; BK7231U's 0x0001 is a placeholder in bk7231tools).
    public let chipID: UInt32?
    /// BK7231GUIFlashTool's normalised ID string ("7231c", "7236", …) (bk7231tools base/enums.py BkChipType; BK7231GUIFlashTool BKChipIdentity.cs `KnownChipIds`).
    public let normalizedChipID: String?
    public let bootloaderAccess: BootloaderAccess
    public let layout: FlashLayout
    /// Key the application code of this family is normally encrypted with (eFuse key on N/M); nil = not known.
    public let codeKey: CodeKey?
    /// Usual flash size in bytes (nil = detect).
    public let typicalFlashSize: Int?
    /// Tuya module names of this family (BK7231GUIFlashTool TuyaModules.cs; LibreTiny boards/*.json).
    public let modules: [String]
    /// Mask-ROM window readable with ReadReg (BK7231GUIFlashTool RomReadCatalog.cs).
    public let rom: FlashRegion?
    /// eFuse controller reachable with ReadReg/WriteReg (ltchiptool soc/bk72xx/flash.py flash_read_raw; BK7231GUIFlashTool BK7231Flasher.cs).
    public let efuse: EFuseRegisters?
    /// Citation for the row.
    public let source: String

    public var displayName: String { kind.displayName }

    /// CheckCRC end convention of this family (bk7231tools cmd_ll_chip.py read_flash_range_crc).
    public var crcEndInclusive: Bool { protocolVariant.crcEndInclusive }

    /// Bootloader region, physical 0x0–0x10FFF.
    public var bootloader: FlashRegion { layout.bootloader }
}

/// What happens to the bootloader region over UART (bk7231tools cmd_ll_chip.py fix_addr; BK7231GUIFlashTool BK7231Flasher.cs).
public enum BootloaderAccess: String, Sendable, Hashable, Codable {
    /// A ROM downloader survives; the bootloader region may be erased/written directly (BK7231N/M and the BK7231GUIFlashTool "QIO at 0" chips).
    case writable
    /// The flash bootloader refuses direct access below 0x11000; reads go through `addr + flash_size` (T/U/7252).
    case mirrorOnly
    /// IDK-style partition guard: erase/write over the bootloader partitions gets no reply at all (BK7236 family).
    case partitionGuarded
}

/// eFuse controller registers (ltchiptool soc/bk72xx/flash.py flash_read_raw; BK7231GUIFlashTool BK7231Flasher.cs).
public struct EFuseRegisters: Sendable, Hashable {
    public let control: UInt32
    public let result: UInt32
    /// Readable eFuse bytes.
    public let size: Int

    /// SCTRL_EFUSE_CTRL / SCTRL_EFUSE_OPTR, 32 bytes (BK7231N/M, BK7238, BK7252N; ltchiptool soc/bk72xx/flash.py flash_read_raw).
    public static let sctrl = EFuseRegisters(control: 0x0080_0074, result: 0x0080_0078, size: 32)
    /// BK7258 (BK7231GUIFlashTool BK7231Flasher.cs).
    public static let bk7258 = EFuseRegisters(control: 0x5488_0010, result: 0x5488_0014, size: 4)
}
