@testable import BekenFlasher
import Testing

/// The sectors one flipped address bit (12–15) carries a command for the range to (issue 18): sectors outside the
/// range in the 64 KiB blocks it covers only in part.
struct NeighbourSectorsTests {
    @Test func theBootloaderEdgeAndTheLastBlock() {
        // 0x11000…0x111000: 0x11000 with bit 12 flipped is 0x10000; 0x110000 reaches 0x111000, 0x112000, 0x114000, 0x118000.
        #expect(FlashGeometry.neighbourSectors(of: 0x11000 ..< 0x111000, flashSize: 0x200000)
                == [0x10000, 0x111000, 0x112000, 0x114000, 0x118000])
    }

    @Test func wholeBlocksHaveNoNeighbours() {
        #expect(FlashGeometry.neighbourSectors(of: 0x20000 ..< 0x40000, flashSize: 0x200000).isEmpty)
    }

    @Test func oneSectorInTheMiddleOfABlock() {
        #expect(FlashGeometry.neighbourSectors(of: 0x35000 ..< 0x36000, flashSize: 0x200000)
                == [0x34000, 0x37000, 0x31000, 0x3D000].sorted())
    }
}
