/// What one download-protocol variant lets a flasher do, each a separate capability (two chips may share one and
/// differ in another). Derived from the variant's command sets (bk7231tools `base/enums.py` `BkProtocolType`), plus
/// the two behaviours no command set shows: the CheckCRC end convention and the re-protection after CheckCRC
/// (bk7231tools `BkBootloader.crc_flash_protect_lock`, "currently on all known non-BootROM protocols").
public struct ProtocolCapabilities: Sendable, Hashable {
    /// How CheckCRC reads its `end` field.
    public enum CRCEnd: String, Sendable, Hashable {
        /// `[start, end]`: the ROM downloader (bk7231tools subtracts one from the end).
        case inclusive
        /// `[start, end)`: the T/U/7252 flash bootloaders.
        case exclusive
    }

    public let crcEnd: CRCEnd
    /// ReadReg / WriteReg (0x03 / 0x01): chip ID, eFuse, ROM.
    public let registerAccess: Bool
    /// ReadSR / WriteSR / GetMID (long 0x0C / 0x0D / 0x0E): flash ID and status-register unprotect.
    public let flashStatusAccess: Bool
    /// FlashRead (long 0x08, any size up to 255 bytes): the careful reader's small reads. Without it, Read4K.
    public let flashRead: Bool
    /// The bootloader re-protects the flash after every CheckCRC until a LinkCheck; erase/write after a CheckCRC
    /// silently do nothing without that LinkCheck.
    public let crcProtectLock: Bool
    /// ReadBootVersion (short 0x11): the Tuya T bootloader's version string.
    public let bootVersion: Bool

    public init(crcEnd: CRCEnd, registerAccess: Bool, flashStatusAccess: Bool, flashRead: Bool, crcProtectLock: Bool,
                bootVersion: Bool) {
        self.crcEnd = crcEnd
        self.registerAccess = registerAccess
        self.flashStatusAccess = flashStatusAccess
        self.flashRead = flashRead
        self.crcProtectLock = crcProtectLock
        self.bootVersion = bootVersion
    }

    /// The capabilities of `variant`.
    public init(_ variant: ProtocolVariant) {
        let short = variant.shortCommands, long = variant.flashOps
        let isROM = variant == .full
        self.init(crcEnd: isROM ? .inclusive : .exclusive,
                  registerAccess: short.isSuperset(of: [0x01, 0x03]),
                  flashStatusAccess: long.isSuperset(of: [0x0C, 0x0D, 0x0E]),
                  flashRead: long.contains(0x08),
                  crcProtectLock: !isROM,
                  bootVersion: short.contains(0x11))
    }
}
