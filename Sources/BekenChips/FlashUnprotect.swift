/// How a chip's flash write protection is lifted before erasing or writing, and how to check that it was.
public enum FlashUnprotect: Sendable, Hashable {
    /// Flash bootloaders (T/U/7252) have no status-register commands: their erase handler lifts the protection
    /// itself, once a LinkCheck has followed the last CheckCRC (bk7231tools `BkBootloader.crc_flash_protect_lock`).
    case byBootloader
    /// ROM chips: clear the block-protection bits through ReadSR / WriteSR, reading the status back after each write.
    case statusRegister(StatusRegisterUnprotect)
}

/// The status-register recipe for one chip and flash pair: which bytes to read, which bits protect, what to write,
/// how often to try, and what is known to go wrong (Beken's BK7231GUIFlashTool `BKFlashList.cs` algorithm).
public struct StatusRegisterUnprotect: Sendable, Hashable {
    /// SPI opcodes reading status byte i (0x05 SR1, 0x35 SR2, 0x15 SR3); empty: nothing to unprotect.
    public let readOpcodes: [UInt8]
    public let writeOpcode: UInt8
    /// WriteSR value bytes (1 or 2).
    public let writeByteCount: Int
    /// Protection bits in the status word SR1 | SR2 << 8 | SR3 << 16.
    public let mask: UInt32
    /// The masked value meaning "unprotected".
    public let unprotectedBits: UInt32
    /// The masked value meaning "whole array protected" (the field set to 7, BK7231GUIFlashTool BK7231Flasher.cs setProtectState).
    public let protectedBits: UInt32
    /// WriteSR attempts, each followed by a read-back, before giving up.
    public let maxWrites: Int
    /// The flash part was not in the table: bk7231tools' generic recipe is used.
    public let isGeneric: Bool
    /// A known way this chip and flash pair misbehaves, for the error when the bits will not clear.
    public let knownQuirk: StatusRegisterQuirk?

    /// Status word to write: the protection bits cleared, every other bit kept.
    public func unprotectedValue(from status: UInt32) -> UInt32 { (status & ~mask) | unprotectedBits }

    public func isUnprotected(_ status: UInt32) -> Bool { readOpcodes.isEmpty || status & mask == unprotectedBits }

    /// Status word to write to protect the whole array: the protection field set, every other bit kept.
    public func protectedValue(from status: UInt32) -> UInt32 { (status & ~mask) | protectedBits }

    public func isProtected(_ status: UInt32) -> Bool { status & mask == protectedBits }

    /// WriteSR value bytes (SR1 first) for a status word.
    public func writeBytes(for status: UInt32) -> [UInt8] {
        (0 ..< writeByteCount).map { UInt8(truncatingIfNeeded: status >> (8 * UInt32($0))) }
    }

    /// Writes before giving up on a part that takes the write: the loop of Beken's tools allows ten.
    public static let defaultMaxWrites = 10

    /// The recipe of a part from the flash table.
    public init(_ recipe: UnprotectRecipe, quirk: StatusRegisterQuirk? = nil) {
        self.init(readOpcodes: recipe.statusReadOpcodes, writeOpcode: recipe.writeOpcode,
                  writeByteCount: recipe.writeByteCount, mask: recipe.mask,
                  unprotectedBits: recipe.field(recipe.unprotectedField),
                  protectedBits: recipe.field(recipe.protectedField), isGeneric: false, quirk: quirk)
    }

    /// bk7231tools' recipe for any part (`cmd_hl_flash.py` `flash_unprotect`): CMP + BP4…BP0 over SR1 | SR2 << 8
    /// (mask 0x407C), written with opcode 0x01; protected is BP2…BP0 = 7 (0x1C, BK7231GUIFlashTool BK7231Flasher.cs setProtectState).
    public static func generic(quirk: StatusRegisterQuirk? = nil) -> StatusRegisterUnprotect {
        StatusRegisterUnprotect(readOpcodes: [0x05, 0x35], writeOpcode: 0x01, writeByteCount: 2, mask: 0x407C,
                                unprotectedBits: 0, protectedBits: 0x1C, isGeneric: true, quirk: quirk)
    }

    init(readOpcodes: [UInt8], writeOpcode: UInt8, writeByteCount: Int, mask: UInt32, unprotectedBits: UInt32,
         protectedBits: UInt32, isGeneric: Bool, quirk: StatusRegisterQuirk?) {
        self.readOpcodes = readOpcodes
        self.writeOpcode = writeOpcode
        self.writeByteCount = writeByteCount
        self.mask = mask
        self.unprotectedBits = unprotectedBits
        self.protectedBits = protectedBits
        self.isGeneric = isGeneric
        knownQuirk = quirk
        // Another write cannot help a part that ignores it, and does harm to one that sets every bit.
        maxWrites = quirk == nil ? Self.defaultMaxWrites : 1
    }
}

/// A chip and flash pair whose status-register write misbehaves over the bootloader.
public struct StatusRegisterQuirk: Sendable, Hashable {
    public enum Behaviour: String, Sendable, Hashable {
        /// The write has no effect: the protection bits stay as they were.
        case writeIgnored
        /// The write sets every writable bit (status-register lock bits included).
        case writeSetsAllBits
    }

    public let chip: ChipKind
    public let jedecBytes: [UInt8]
    public let behaviour: Behaviour
    /// Where the report comes from.
    public let source: String

    public static let known: [StatusRegisterQuirk] = [
        StatusRegisterQuirk(chip: .bk7238, jedecBytes: [0x85, 0x42, 0x15], behaviour: .writeIgnored,
                            source: "bk7231tools issue #23: SR1 stays 0x04 after writing 0"),
        StatusRegisterQuirk(chip: .bk7238, jedecBytes: [0x85, 0x20, 0x15], behaviour: .writeSetsAllBits,
                            source: "bk7231tools PR #29: a 2-byte WriteSR of 0x0000 left SR = 0x7BFC"),
    ]

    /// The quirk of `chip` with the flash `jedecBytes`, if one is known.
    public static func lookup(chip: ChipKind, jedecBytes: [UInt8]?) -> StatusRegisterQuirk? {
        guard let jedecBytes else { return nil }
        return known.first { $0.chip == chip && $0.jedecBytes == Array(jedecBytes.prefix(3)) }
    }
}
