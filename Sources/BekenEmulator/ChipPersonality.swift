import BekenChips

/// Which kind of chip the virtual chip pretends to be (ROM downloader or flash bootloader, told apart like bk7231tools base/enums.py BkProtocolType).
public enum ChipPersonality: String, Sendable, CaseIterable {
    /// BK7231N: mask-ROM downloader, FULL protocol (bk7231tools base/enums.py BkProtocolType, BkChipType; BK7231GUIFlashTool BKChipIdentity.cs).
    case bk7231n
    /// BK7231M: same ROM downloader and chip ID as N; eFuse key all zeros (BK7231GUIFlashTool `EMPTY_ENCRYPTION_KEY`).
    case bk7231m
    /// BK7231T: Tuya flash bootloader "BK7231S_1.0.5", BASIC_TUYA protocol (bk7231tools base/enums.py BkProtocolType; hid_download_py boot_protocol.py CheckRespond_BootVersion; bk_idk bl_extflash.c; ltchiptool issue #34).
    case bk7231t
    /// BK7231U: a flash bootloader like the T's (BASIC_BEKEN, no boot version, bootloader only through the mirror),
    /// zero key (bk7231tools `BkBootloaderType.BK7231U_1_0_6`).
    case bk7231u
    /// BK7238 (Tuya T1) with a Puya P25Q16HB (`85 42 15`): SR1 0x04 after the app ran, and a 2-byte WriteSR
    /// leaves the status register unchanged (bk7231tools #23 trace). Its table entry says 1 status byte.
    case bk7238
    /// BK7238 on a T1-U module with a Puya P25Q16HBK (`85 20 15`) behind the T1 2.0.0 bootloader: SR 0x0000 at
    /// power-up, and any 2-byte WriteSR sets every writable bit (SR 0x7BFC, SRP1/SRP0 lock) until the chip is reset
    /// (bk7231tools PR #29 trace).
    case bk7238T1U = "bk7238-t1u"
    /// BK7252N: FULL protocol, chip ID 0x7252A (BK7231GUIFlashTool `BKChipIdentity.cs` "7252a"), 4-byte eFuse.
    case bk7252n

    /// The chip family row in BekenChips that this personality plays.
    public var family: ChipFamily { kind.family }

    /// The chip kind of the family row.
    public var kind: ChipKind {
        switch self {
        case .bk7231n: .bk7231n
        case .bk7231m: .bk7231m
        case .bk7231t: .bk7231t
        case .bk7231u: .bk7231u
        case .bk7238, .bk7238T1U: .bk7238
        case .bk7252n: .bk7252n
        }
    }

    /// The traits that make the personality behave as it does: the family row's, plus the flash part it carries.
    public var traits: PersonalityTraits {
        var traits = PersonalityTraits(family: family)
        switch self {
        case .bk7238:
            traits.jedecID = [0x85, 0x42, 0x15]
            traits.initialSR1 = 0x04   // bk7231tools #23: ReadSR(05) = 04, ReadSR(35) = 00
            traits.initialSR2 = 0x00
            traits.statusRegisterQuirk = .twoByteWriteIgnored
        case .bk7238T1U:
            traits.jedecID = [0x85, 0x20, 0x15]
            traits.initialSR1 = 0x00   // bk7231tools PR #29: 0x0000 right after power-up
            traits.initialSR2 = 0x00
            traits.statusRegisterQuirk = .twoByteWriteSetsEveryBit
        default:
            break
        }
        return traits
    }
}

/// How a flash part's status register misbehaves behind a chip's WriteSR (bk7231tools #23, PR #29).
public enum StatusRegisterQuirk: String, Sendable {
    /// WriteSR writes what it is given.
    case none
    /// A 2-byte WriteSR changes nothing (BK7238 + `85 42 15`, bk7231tools #23); 1-byte writes work.
    case twoByteWriteIgnored
    /// A 2-byte WriteSR of any value sets every writable bit: SR1 0xFC, SR2 0x7B (SRP0, SRP1, CMP, BP4…BP0 …), and
    /// the register then ignores writes until reset (BK7238 T1 + `85 20 15`, bk7231tools PR #29).
    case twoByteWriteSetsEveryBit
}

/// The behaviour of one personality. Built from BekenChips' family table; fields can be changed to model variants.
public struct PersonalityTraits: Sendable {
    /// A ROM downloader (FULL protocol) rather than a flash bootloader (BASIC protocols).
    public var isROM: Bool
    /// Value of SCTRL_CHIP_ID (0x00800000) when ReadReg is supported (bk7231tools base/enums.py BkChipType; BK7231GUIFlashTool BKChipIdentity.cs).
    public var chipID: UInt32
    /// Answer to ReadBootVersion (0x11); nil = unknown command (hid_download_py boot_protocol.py CheckRespond_BootVersion).
    public var bootVersion: String?
    /// CheckCRC end inclusive and byte-granular (ROM) or exclusive in whole 256-byte blocks (BL) (bk_idk bl_bk_hci_protocol.c FLASH_IMAGE_CEC_CHECK).
    public var crcEndInclusive: Bool
    /// Unmasked addresses below this are refused with status 6 for read/write/erase (bk_idk bl_extflash.c; ltchiptool issue #34).
    public var protectedBelow: UInt32
    /// CheckCRC re-protects the flash; erase unprotects only when LinkCheck marked it (bk7231tools base/enums.py crc_flash_protect_lock, cmd_ll_chip.py).
    public var crcProtectLock: Bool
    /// Short commands answered; anything else gets status 7 (bk7231tools base/enums.py BkProtocolType).
    public var shortCommands: Set<UInt8>
    /// Long ops answered; anything else gets status 7 (bk7231tools base/enums.py BkProtocolType).
    public var longOps: Set<UInt8>
    /// 32 eFuse bytes; bytes 0..15 are the flash code key as 4 × u32 LE (ltchiptool `soc/bk72xx/flash.py` eFuse read). A chip with a
    /// 4-byte eFuse (BK7238, BK7252N) answers every index with byte `index % 4`, so its 32 bytes repeat one word.
    public var efuse: [UInt8]
    /// SR1 and SR2 after power-on.
    public var initialSR1: UInt8
    public var initialSR2: UInt8
    /// The JEDEC ID of the flash this personality carries; nil = a table part of the flash size.
    public var jedecID: [UInt8]?
    /// How WriteSR misbehaves on this chip's flash.
    public var statusRegisterQuirk: StatusRegisterQuirk

    /// The version string the Tuya T bootloader greets with (hid_download_py boot_protocol.py CheckRespond_BootVersion, LibreTiny docs README "BK7231S_1.0.5").
    public static let tuyaBootloaderVersion = "BK7231S_1.0.5"

    /// Families whose eFuse holds 4 bytes, read back as one word repeated (BK7231GUIFlashTool `BK7231Flasher.cs`
    /// `doGenericSetup`: "BK7238/BK7252N 4 bytes efuse, so all 4 values will be identical").
    static let fourByteEFuseFamilies: Set<ChipKind> = [.bk7238, .bk7252n]

    public init(family: ChipFamily) {
        let variant = family.protocolVariant
        isROM = variant == .full
        chipID = family.chipID ?? 0
        bootVersion = variant == .basicTuya ? Self.tuyaBootloaderVersion : nil
        crcEndInclusive = variant.crcEndInclusive
        protectedBelow = family.bootloaderAccess == .mirrorOnly ? family.bootloader.end : 0
        crcProtectLock = variant.hasCRCFlashProtectLock
        shortCommands = variant.shortCommands
        longOps = variant.flashOps
        let key = family.efuse == nil ? CodeKey.zero : (family.codeKey ?? .zero)
        if Self.fourByteEFuseFamilies.contains(family.kind) {
            // No code key on these (bk7231tools `enums.py`: the BK7238 bootloaders carry zero keys); the one word is modelled as zero.
            efuse = [UInt8](repeating: 0, count: 32)
        } else {
            efuse = key.efuseBytes + [UInt8](repeating: 0, count: 16)
        }
        // ROM: SR1=0x04 SR2=0x40 (BP0 + CMP: protected) as seen on real N devices after the app ran (bk_idk bl_extflash.c; OpenBK7231T_App issue #1112).
        // BL: the bootloader protects the flash itself (bk7231tools base/enums.py crc_flash_protect_lock, cmd_ll_chip.py), so its SR starts clear and the lock model takes over.
        initialSR1 = isROM ? 0x04 : 0x00
        initialSR2 = isROM ? 0x40 : 0x00
        jedecID = nil
        statusRegisterQuirk = .none
    }
}
