// The three download-protocol variants the peers distinguish (bk7231tools `BkProtocolType`).
public enum ProtocolVariant: String, Sendable, CaseIterable, Codable {
    /// "BK7231N BootROM protocol": mask-ROM / newer bootloaders.
    case full = "FULL"
    /// BK7231Q, BK7231U 1.0.6, BK7252 and any unknown non-ROM bootloader.
    case basicBeken = "BASIC_BEKEN"
    /// Tuya BK7231T ("bl_bk7231s_1.0.x").
    case basicTuya = "BASIC_TUYA"

    /// Short command codes the variant supports (bk7231tools base/enums.py BkProtocolType).
    public var shortCommands: Set<UInt8> {
        switch self {
        case .full: [0x00, 0x01, 0x03, 0x0E, 0x0F, 0x10, 0x70, 0xAA]
        case .basicBeken: [0x00, 0x0E, 0x0F, 0x10]
        case .basicTuya: [0x00, 0x0E, 0x0F, 0x10, 0x11]
        }
    }

    /// Long (0xF4) op codes the variant supports (bk7231tools base/enums.py BkProtocolType).
    public var flashOps: Set<UInt8> {
        switch self {
        case .full: [0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F]
        case .basicBeken, .basicTuya: [0x06, 0x07, 0x09, 0x0F]
        }
    }

    /// What the variant can do, derived from the command sets above (ProtocolCapabilities).
    public var capabilities: ProtocolCapabilities { ProtocolCapabilities(self) }

    /// CheckCRC `end` is inclusive on ROM/FULL chips, exclusive on the T/U/7252 bootloaders (bk7231tools cmd_ll_chip.py read_flash_range_crc).
    public var crcEndInclusive: Bool { capabilities.crcEnd == .inclusive }

    /// Non-ROM bootloaders re-protect the flash after each CheckCRC; a LinkCheck must follow (bk7231tools base/enums.py crc_flash_protect_lock, cmd_ll_chip.py).
    public var hasCRCFlashProtectLock: Bool { capabilities.crcProtectLock }

    /// ReadReg / WriteReg (chip ID, eFuse, ROM) are available (bk7231tools base/enums.py BkProtocolType, linking.py detect_chip).
    public var hasRegisterAccess: Bool { capabilities.registerAccess }

    /// Status-register and JEDEC commands (ReadSR, WriteSR, GetMID) are available (bk7231tools base/enums.py BkProtocolType).
    public var hasFlashRegisterAccess: Bool { capabilities.flashStatusAccess }
}
