/// Everything that differs by chip, derived once from what identification found (the bootloader row, the family
/// row, the protocol variant, the flash part): the seam the flasher and the conversion consult instead of asking
/// the protocol variant or the family themselves. A new chip is a new `ChipFamily` row (and bootloader and flash
/// rows); only a protocol that behaves differently, not just with other values, needs code here.
public struct ChipProfile: Sendable, Hashable {
    public let family: ChipFamily
    public let protocolVariant: ProtocolVariant
    /// What the protocol lets the flasher do: CRC end, registers, status register, FlashRead, protect lock.
    public let capabilities: ProtocolCapabilities
    /// The bootloader from its CRC, nil when unknown.
    public let bootloader: BootloaderInfo?
    /// The flash part from its JEDEC ID, nil when unknown or not readable.
    public let flashChip: SPIFlashChip?
    public let flashSize: Int
    /// Below this address the chip refuses direct access: reads and CRCs go through the mirror `address +
    /// flashSize` (BK7231GUIFlashTool `translateReadAddressForChip`; bk7231tools `fix_addr`). Zero: no mirror.
    public let mirroredBelow: Int
    /// Whether erasing and writing the bootloader region is safe without the user insisting: a ROM downloader
    /// survives a broken bootloader.
    public let bootloaderWritable: Bool
    /// How to lift the flash write protection, and how to check it.
    public let unprotect: FlashUnprotect
    /// Where things are: app, OTA, RF calibration, OpenBeken config, Tuya KV.
    public let layout: FlashLayout

    public var kind: ChipKind { family.kind }

    public init(family: ChipFamily, protocolVariant: ProtocolVariant, bootloader: BootloaderInfo?,
                flashID: [UInt8]?, flashChip: SPIFlashChip?, flashSize: Int) {
        self.family = family
        self.protocolVariant = protocolVariant
        capabilities = protocolVariant.capabilities
        self.bootloader = bootloader
        self.flashChip = flashChip
        self.flashSize = flashSize
        let bootloaderEnd = Int(FlashLayout.bootloaderRegion.end)
        mirroredBelow = family.bootloaderAccess == .mirrorOnly ? bootloaderEnd : 0
        bootloaderWritable = family.bootloaderAccess == .writable
        if capabilities.flashStatusAccess {
            let quirk = StatusRegisterQuirk.lookup(chip: family.kind, jedecBytes: flashID)
            unprotect = .statusRegister(flashChip.map { StatusRegisterUnprotect($0.unprotect, quirk: quirk) }
                                        ?? .generic(quirk: quirk))
        } else {
            unprotect = .byBootloader
        }
        layout = family.layout
    }

}
