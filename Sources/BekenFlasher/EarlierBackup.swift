import BekenChips
import BekenProtocol

/// A whole-flash backup of this chip taken before this connection (a file the user gave, the backup an earlier run
/// of a conversion kept). Unlike KnownFlash it is not proven to be what the flash holds now: the firmware may have
/// changed its config store since. So it serves one purpose: putting back a sector outside a write that a garbled
/// erase or write changed (issue 18: one byte inserted into a Write4K's address field sent it 1 MiB away, above the
/// write, where no block protection can reach while the bootloader below is protected), and only where the chip's
/// CRC shows that the rest of the sector's 64 KiB block still holds the backup's bytes. Restoring a sector that might
/// be older than the device's last config change beats leaving a shifted copy of the new image in it.
struct EarlierBackup {
    let bytes: [UInt8]

    /// The backup's bytes for `sector`, or nil when the backup does not cover it or cannot be vouched for there: the
    /// parts of its block outside `written` and `suspects` (sectors other garbled commands may have changed) are
    /// compared by the chip's CRC, and there must be such a part to compare.
    func contents(of sector: Range<Int>, written: Range<Int>, suspects: FlashRanges,
                  chipCRC: (Range<Int>) throws -> UInt32) throws -> ArraySlice<UInt8>? {
        guard sector.upperBound <= bytes.count else { return nil }
        let blockStart = FlashGeometry.blockFloor(sector.lowerBound)
        let block = blockStart ..< min(blockStart + FlashGeometry.block, bytes.count)
        let rest = suspects.union([written, sector]).gaps(in: block)
        guard !rest.isEmpty else { return nil }
        for part in rest where try chipCRC(part) != BekenCRC32.raw(bytes[part]) { return nil }
        return bytes[sector]
    }
}
