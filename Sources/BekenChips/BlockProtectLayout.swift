/// How a flash part's status register picks the part of the array that program and erase leave alone.
///
/// `.secTopBottomComplement`: SR1 S2–S4 = BP0–BP2, S5 = TB (bottom instead of top), S6 = SEC (4 KiB sectors instead
/// of 64 KiB blocks), SR2 S6 (status bit 14) = CMP (the complement of that area) — Winbond W25Q16JV datasheet §7.1.3–
/// 7.1.5 and its "Status Register Memory Protection" tables (the same bits as the 0x407C mask of BK7231GUIFlashTool
/// BKFlashList.cs). With CMP = 0: BP = 0 protects nothing; SEC = 0 protects 64 KiB × 2^(BP−1) from the top or the
/// bottom (the whole array once that reaches its size, and BP2 = BP1 = 1 always the whole array); SEC = 1 protects
/// 4, 8, 16 or 32 KiB (BP = 1, 2, 3, 4–5). CMP = 1 protects everything the CMP = 0 setting leaves free.
public enum BlockProtectLayout: Sendable, Hashable {
    case secTopBottomComplement

    /// The status bits this layout reads (SR1 | SR2 << 8).
    public var mask: UInt32 { 0x407C }

    /// The protected part of a `flashSize` array under `status` (one contiguous range, possibly empty or whole).
    public func protectedRange(status: UInt32, flashSize: Int) -> Range<Int> {
        let bp = Int(status >> 2) & 7
        let bottom = status & 0x20 != 0
        let sector = status & 0x40 != 0
        let complement = status & 0x4000 != 0
        var size: Int
        if bp == 0 {
            size = 0
        } else if bp >= 6 {
            size = flashSize
        } else if sector {
            size = 0x1000 << (min(bp, 4) - 1)
        } else {
            size = min(0x1_0000 << (bp - 1), flashSize)
        }
        size = min(size, flashSize)
        let plain = bottom ? 0 ..< size : flashSize - size ..< flashSize
        guard complement else { return plain }
        if plain.isEmpty { return 0 ..< flashSize }
        if plain.count == flashSize { return 0 ..< 0 }
        return bottom ? size ..< flashSize : 0 ..< flashSize - size
    }

    /// Every range this layout can protect on a `flashSize` array, with the status bits (inside `mask`) that do it.
    public func protectableRanges(flashSize: Int) -> [(range: Range<Int>, bits: UInt32)] {
        var found: [(range: Range<Int>, bits: UInt32)] = []
        for complement: UInt32 in [0, 0x4000] {
            for sector: UInt32 in [0, 0x40] {
                for bottom: UInt32 in [0, 0x20] {
                    for bp: UInt32 in 1 ... 5 {
                        let bits = complement | sector | bottom | bp << 2
                        let range = protectedRange(status: bits, flashSize: flashSize)
                        guard !range.isEmpty, range.count < flashSize,
                              !found.contains(where: { $0.range == range }) else { continue }
                        found.append((range, bits))
                    }
                }
            }
        }
        return found
    }

    /// The region to protect while `write` is being written: the largest protectable range outside it that holds
    /// the start of the flash (the bootloader, and where a command whose address lost a byte lands), else the
    /// largest protectable range outside it; nil when none is outside it.
    public func guardRegion(around write: Range<Int>, flashSize: Int) -> (range: Range<Int>, bits: UInt32)? {
        let outside = protectableRanges(flashSize: flashSize).filter { !$0.range.overlaps(write) }
        let holdingStart = outside.filter { $0.range.lowerBound == 0 }
        return (holdingStart.isEmpty ? outside : holdingStart).max { $0.range.count < $1.range.count }
    }
}
