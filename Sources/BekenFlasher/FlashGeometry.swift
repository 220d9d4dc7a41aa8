/// Sizes the download protocol works in (bk7231tools cmd_ll_flash.py; bk_idk bl_bk_hci_protocol.c).
public enum FlashGeometry {
    /// Read4K / Write4K / 4 KiB erase unit.
    public static let sector = 0x1000
    /// 64 KiB block erase unit (SPI opcode 0xD8).
    public static let block = 0x10000
    /// Sectors per 64 KiB block.
    public static let sectorsPerBlock = block / sector

    /// Rounds down to a sector boundary.
    public static func sectorFloor(_ address: Int) -> Int { address & ~(sector - 1) }
    /// Rounds up to a sector boundary.
    public static func sectorCeil(_ address: Int) -> Int { (address + sector - 1) & ~(sector - 1) }
    /// Rounds down to a block boundary.
    public static func blockFloor(_ address: Int) -> Int { address & ~(block - 1) }

    /// The sectors outside the sector-aligned `range` (and inside the flash) that an erase or write meant for a
    /// sector of the range reaches when one of the address bits 12–15 flips: sectors of the 64 KiB blocks the range
    /// covers only in part. They are the likeliest outside sectors a garbled command hits — a write's first sector
    /// is retried most while a noisy link is judged (issue 18: a flipped bit 12 turned erases of 0x11000 into
    /// erases of 0x10000). Bits above 15 pick other blocks, anywhere in the flash.
    static func neighbourSectors(of range: Range<Int>, flashSize: Int) -> [Int] {
        var found = Set<Int>()
        let edges = Set([blockFloor(range.lowerBound), blockFloor(range.upperBound - 1)])
        for edge in edges {
            for address in stride(from: max(edge, range.lowerBound), to: min(edge + block, range.upperBound), by: sector) {
                for bit in 12 ... 15 {
                    let neighbour = address ^ (1 << bit)
                    if !range.contains(neighbour), neighbour + sector <= flashSize { found.insert(neighbour) }
                }
            }
        }
        return found.sorted()
    }
}

/// One erase command: a 4 KiB sector or a 64 KiB block.
public enum EraseStep: Equatable, Sendable {
    case sector(Int)
    case block(Int)

    public var range: Range<Int> {
        switch self {
        case .sector(let address): address ..< address + FlashGeometry.sector
        case .block(let address): address ..< address + FlashGeometry.block
        }
    }

    /// The erase plan for a sector-aligned range: 64 KiB blocks where a whole aligned block lies inside the range,
    /// 4 KiB sectors elsewhere (BK7231GUIFlashTool BK7231Flasher.cs; hid_download_py uart_downloader.py: BK7231GUIFlashTool and hid_download_py erase the same way; a block erase costs about
    /// as much as 12 sector erases, docs/TESTING.md timing model).
    public static func plan(for range: Range<Int>) -> [EraseStep] {
        precondition(range.lowerBound % FlashGeometry.sector == 0 && range.upperBound % FlashGeometry.sector == 0)
        var steps: [EraseStep] = []
        var address = range.lowerBound
        while address < range.upperBound {
            if address % FlashGeometry.block == 0, address + FlashGeometry.block <= range.upperBound {
                steps.append(.block(address))
                address += FlashGeometry.block
            } else {
                steps.append(.sector(address))
                address += FlashGeometry.sector
            }
        }
        return steps
    }
}
