import BekenChips
import BekenProtocol

/// How addresses and CRC ranges go on the wire for one chip (bk7231tools cmd_ll_chip.py read_flash_range_crc, fix_addr; BK7231GUIFlashTool BK7231Flasher.cs).
struct FlashAddressing: Sendable, Equatable {
    /// ROM ("FULL") chips hash `[start, end]`; T/U/7252 bootloaders `[start, end)` (bk7231tools cmd_ll_chip.py read_flash_range_crc).
    let crcEndInclusive: Bool
    /// Detected flash size in bytes.
    let flashSize: Int
    /// BL chips refuse direct access below this address (0x11000, the bootloader); reads go through the mirror
    /// `addr + flashSize` (bk7231tools cmd_ll_chip.py fix_addr; BK7231GUIFlashTool BK7231Flasher.cs). Zero on ROM chips.
    let protectedBelow: Int

    init(crcEndInclusive: Bool, flashSize: Int, protectedBelow: Int) {
        self.crcEndInclusive = crcEndInclusive
        self.flashSize = flashSize
        self.protectedBelow = protectedBelow
    }

    /// The addressing of the chip `profile` describes.
    init(_ profile: ChipProfile) {
        self.init(crcEndInclusive: profile.capabilities.crcEnd == .inclusive, flashSize: profile.flashSize,
                  protectedBelow: profile.mirroredBelow)
    }

    /// The address to send for reads and CRCs of `address` (mirror for the protected window).
    func wireAddress(_ address: Int) -> UInt32 {
        UInt32(address < protectedBelow ? address + flashSize : address)
    }

    /// Where in the flash a chip address lands: the chip keeps the low 24 bits and the flash wraps them modulo its
    /// size (bk7231tools cmd_ll_chip.py fix_addr; the mirror window above).
    func physicalAddress(_ address: Int) -> Int { (address & 0xFF_FFFF) % flashSize }

    /// CheckCRC arguments for `range`: the whole span goes through the mirror when it starts in the protected
    /// window (the chip keeps the low 24 bits and wraps modulo the flash size, bk7231tools cmd_ll_chip.py fix_addr; BK7231GUIFlashTool BK7231Flasher.cs).
    func crcArguments(_ range: Range<Int>) -> (start: UInt32, end: UInt32) {
        let offset = range.lowerBound < protectedBelow ? flashSize : 0
        let start = range.lowerBound + offset
        let end = range.upperBound + offset - (crcEndInclusive ? 1 : 0)
        return (UInt32(start), UInt32(end))
    }

    /// The CheckCRC request for `range` (`crcArguments`), for requests sent in a burst.
    func crcCommand(_ range: Range<Int>) -> HostCommand {
        let arguments = crcArguments(range)
        return .checkCRC(start: arguments.start, end: arguments.end)
    }

    /// Whether erasing/writing `range` touches the bootloader that a BL chip cannot recover without SPI flashing.
    func touchesProtectedWindow(_ range: Range<Int>) -> Bool {
        range.lowerBound < protectedBelow
    }
}
