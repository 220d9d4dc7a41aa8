/// Where FlashRead (0x08) requests start, so that one damaged byte cannot make them modify the flash.
///
/// A FlashRead frame is `… F4 07 00 08 a0 a1 a2 a3 n 00` (bk7231tools protocol.py encode; bk_idk bl_bk_hci_protocol.c).
/// When its op byte is lost the chip's receiver takes `a0`, the address's low byte, as the op (bk_idk bl_tra_hcit.c
/// TRAhcit_Rx_Char counts bytes, it does not check them), so a part starting at a low byte equal to a modifying op
/// — FlashWrite 0x06, Write4K 0x07, EraseAll 0x0A, Erase4K 0x0B, WriteSR 0x0D, SPI operate 0x0E, FlashErase 0x0F
/// (BekenProtocol `FlashOp`) — could become a write or an erase. Parts and pieces therefore never start at a low
/// byte in 0x06…0x0F: a cut that would land there is moved down to …05 (at most ten bytes shorter).
enum ReadRequestShape {
    /// Low address bytes no FlashRead starts at: the modifying long ops and the reads between them.
    static let unsafeLowBytes: ClosedRange<Int> = 0x06 ... 0x0F

    static func isSafeStart(_ address: Int) -> Bool { !unsafeLowBytes.contains(address & 0xFF) }

    /// `range` cut into pieces of at most `maxSize` bytes, every cut at a safe start. The first piece starts at
    /// `range.lowerBound` whatever its low byte (spans start sector aligned, low byte 0x00).
    static func cut(_ range: Range<Int>, maxSize: Int) -> [Range<Int>] {
        precondition(maxSize > unsafeLowBytes.count, "pieces must be longer than the unsafe window")
        var result: [Range<Int>] = []
        var start = range.lowerBound
        while start < range.upperBound {
            var end = min(range.upperBound, start + maxSize)
            if end < range.upperBound, !isSafeStart(end) {
                end -= (end & 0xFF) - (unsafeLowBytes.lowerBound - 1)
            }
            result.append(start ..< end)
            start = end
        }
        return result
    }
}
