/// Which kind of chip the virtual chip pretends to be (protocol.md §11 "Personality").
public enum ChipPersonality: String, Sendable, CaseIterable {
    /// BK7231N: mask-ROM downloader, FULL protocol (protocol.md §4.2, §5.3).
    case bk7231n
    /// BK7231M: same ROM downloader as N; eFuse key all zeros (protocol.md §5.4).
    case bk7231m
    /// BK7231T: Tuya flash bootloader "BK7231S_1.0.5", BASIC_TUYA protocol (protocol.md §4.2, §4.9, §8.1).
    case bk7231t

    /// The traits that make the personality behave as it does.
    public var traits: PersonalityTraits {
        switch self {
        case .bk7231n: .romBK7231N
        case .bk7231m: .romBK7231M
        case .bk7231t: .bootloaderBK7231T
        }
    }
}

/// The behaviour of one personality, as data (each fact cites its source).
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
    /// SR1 and SR2 after power-on (protocol.md §11.17: SR1=0x04 SR2=0x40 seen on real N devices).
    public var initialSR1: UInt8
    public var initialSR2: UInt8

    /// Tuya's default code key 510fb093 a3cbeadc 5993a17e c7adeb03 as eFuse bytes (protocol.md §5.4, LTD keys.md).
    public static let tuyaKeyEfuse: [UInt8] = [
        0x93, 0xB0, 0x0F, 0x51, 0xDC, 0xEA, 0xCB, 0xA3, 0x7E, 0xA1, 0x93, 0x59, 0x03, 0xEB, 0xAD, 0xC7,
    ] + [UInt8](repeating: 0, count: 16)

    // FULL protocol command sets (protocol.md §4.2, BKT BkProtocolType.FULL).
    static let fullShort: Set<UInt8> = [0x00, 0x01, 0x03, 0x0E, 0x0F, 0x10, 0x70, 0xAA]
    static let fullLong: Set<UInt8> = [0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F]

    public static let romBK7231N = PersonalityTraits(
        isROM: true, chipID: 0x7231C, bootVersion: nil, crcEndInclusive: true, protectedBelow: 0,
        crcProtectLock: false, shortCommands: fullShort, longOps: fullLong,
        efuse: tuyaKeyEfuse, initialSR1: 0x04, initialSR2: 0x40)

    public static let romBK7231M = PersonalityTraits(
        isROM: true, chipID: 0x7231C, bootVersion: nil, crcEndInclusive: true, protectedBelow: 0,
        crcProtectLock: false, shortCommands: fullShort, longOps: fullLong,
        efuse: [UInt8](repeating: 0, count: 32), initialSR1: 0x04, initialSR2: 0x40)

    /// BASIC_TUYA: short 00 0E 0F 10 11, long 06 07 09 0F (protocol.md §4.2); bootloader window 0x0–0x10FFF (§8.1).
    /// The bootloader protects the flash itself (§5.6), so its SR starts unprotected and the lock model takes over.
    public static let bootloaderBK7231T = PersonalityTraits(
        isROM: false, chipID: 0x7231A, bootVersion: "BK7231S_1.0.5", crcEndInclusive: false,
        protectedBelow: 0x11000, crcProtectLock: true,
        shortCommands: [0x00, 0x0E, 0x0F, 0x10, 0x11], longOps: [0x06, 0x07, 0x09, 0x0F],
        efuse: [UInt8](repeating: 0, count: 32), initialSR1: 0x00, initialSR2: 0x00)
}
