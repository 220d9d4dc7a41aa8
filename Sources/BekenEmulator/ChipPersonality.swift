import BekenChips

/// Which kind of chip the virtual chip pretends to be (protocol.md §11 "Personality").
public enum ChipPersonality: String, Sendable, CaseIterable {
    /// BK7231N: mask-ROM downloader, FULL protocol (protocol.md §4.2, §5.3).
    case bk7231n
    /// BK7231M: same ROM downloader as N; eFuse key all zeros (protocol.md §5.4).
    case bk7231m
    /// BK7231T: Tuya flash bootloader "BK7231S_1.0.5", BASIC_TUYA protocol (protocol.md §4.2, §4.9, §8.1).
    case bk7231t

    /// The chip family row in BekenChips that this personality plays.
    public var family: ChipFamily {
        switch self {
        case .bk7231n: ChipKind.bk7231n.family
        case .bk7231m: ChipKind.bk7231m.family
        case .bk7231t: ChipKind.bk7231t.family
        }
    }

    /// The traits that make the personality behave as it does, derived from the family row.
    public var traits: PersonalityTraits { PersonalityTraits(family: family) }
}

/// The behaviour of one personality. Built from BekenChips' family table; fields can be changed to model variants.
public struct PersonalityTraits: Sendable {
    /// A ROM downloader (FULL protocol) rather than a flash bootloader (BASIC protocols).
    public var isROM: Bool
    /// Value of SCTRL_CHIP_ID (0x00800000) when ReadReg is supported (protocol.md §5.3).
    public var chipID: UInt32
    /// Answer to ReadBootVersion (0x11); nil = unknown command (protocol.md §4.9).
    public var bootVersion: String?
    /// CheckCRC end inclusive and byte-granular (ROM) or exclusive in whole 256-byte blocks (BL) (protocol.md §4.8).
    public var crcEndInclusive: Bool
    /// Unmasked addresses below this are refused with status 6 for read/write/erase (protocol.md §8.1, §11.13).
    public var protectedBelow: UInt32
    /// CheckCRC re-protects the flash; erase unprotects only when LinkCheck marked it (protocol.md §5.6).
    public var crcProtectLock: Bool
    /// Short commands answered; anything else gets status 7 (protocol.md §4.2, §11.8).
    public var shortCommands: Set<UInt8>
    /// Long ops answered; anything else gets status 7 (protocol.md §4.2, §11.8).
    public var longOps: Set<UInt8>
    /// 32 eFuse bytes; bytes 0..15 are the flash code key as 4 × u32 LE (protocol.md §10.1, §5.4).
    public var efuse: [UInt8]
    /// SR1 and SR2 after power-on.
    public var initialSR1: UInt8
    public var initialSR2: UInt8

    /// The version string the Tuya T bootloader greets with (protocol.md §4.9, LTD README "BK7231S_1.0.5").
    public static let tuyaBootloaderVersion = "BK7231S_1.0.5"

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
        efuse = key.efuseBytes + [UInt8](repeating: 0, count: 16)
        // ROM: SR1=0x04 SR2=0x40 (BP0 + CMP: protected) as seen on real N devices after the app ran (§11.17).
        // BL: the bootloader protects the flash itself (§5.6), so its SR starts clear and the lock model takes over.
        initialSR1 = isROM ? 0x04 : 0x00
        initialSR2 = isROM ? 0x40 : 0x00
    }
}
