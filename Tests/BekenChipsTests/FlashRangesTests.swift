import Testing
import BekenChips

@Suite struct FlashRangesTests {
    @Test func insertKeepsRangesSortedAndMergesOverlappingAndTouching() {
        var set = FlashRanges()
        set.insert(0x3000 ..< 0x4000)
        set.insert(0x1000 ..< 0x2000)
        #expect(set.ranges == [0x1000 ..< 0x2000, 0x3000 ..< 0x4000])
        set.insert(0x2000 ..< 0x3000)  // touches both neighbours: one range
        #expect(set.ranges == [0x1000 ..< 0x4000])
        set.insert(0x0800 ..< 0x1800)  // overlaps the start
        set.insert(0x8000 ..< 0x9000)
        set.insert(0x7000 ..< 0x10000) // swallows a range
        set.insert(0x5000 ..< 0x5000)  // empty: ignored
        #expect(set.ranges == [0x0800 ..< 0x4000, 0x7000 ..< 0x10000])
        #expect(set.byteCount == 0x3800 + 0x9000)
    }

    @Test func insertOrderDoesNotMatter() {
        var generator = SystemRandomNumberGenerator()
        let pieces = (0 ..< 40).map { _ -> Range<Int> in
            let start = Int.random(in: 0 ..< 64, using: &generator) * 0x100
            return start ..< start + Int.random(in: 0 ... 8, using: &generator) * 0x100
        }
        let expected = FlashRanges(pieces)
        #expect(FlashRanges(pieces.shuffled()) == expected)
        // Every covered byte is in exactly one range, every other byte in none; ranges neither touch nor overlap.
        for address in stride(from: 0, to: 0x5000, by: 0x80) {
            let inPieces = pieces.contains { $0.contains(address) }
            #expect(expected.contains(address) == inPieces)
        }
        for (left, right) in zip(expected.ranges, expected.ranges.dropFirst()) { #expect(left.upperBound < right.lowerBound) }
    }

    @Test func sectorRunsJoinNeighbours() {
        let runs = FlashRanges(sectorsAt: [0x3000, 0x1000, 0x2000, 0x6000, 0x2000], sectorSize: 0x1000)
        #expect(runs.ranges == [0x1000 ..< 0x4000, 0x6000 ..< 0x7000])
    }

    @Test func gapsAreTheComplementInsideBounds() {
        let verified: FlashRanges = [0x11000 ..< 0x20000, 0x30000 ..< 0x31000, 0x200000 ..< 0x201000]
        let bounds = 0x10000 ..< 0x40000
        #expect(verified.gaps(in: bounds).ranges == [0x10000 ..< 0x11000, 0x20000 ..< 0x30000, 0x31000 ..< 0x40000])
        #expect(verified.firstGap(in: 0x11000 ..< 0x40000) == 0x20000)
        #expect(verified.firstGap(in: 0x11000 ..< 0x20000) == nil)
        #expect(verified.gaps(in: 0x12000 ..< 0x13000).isEmpty)
        #expect(FlashRanges().gaps(in: bounds).ranges == [bounds])
        // Gaps and the clamped set together cover the bounds exactly once.
        #expect(verified.gaps(in: bounds).union(verified.clamped(to: bounds)).ranges == [bounds])
        #expect(verified.gaps(in: bounds).byteCount + verified.count(in: bounds) == bounds.count)
    }

    @Test func clampingCoveringAndCounting() {
        let set: FlashRanges = [0x1000 ..< 0x3000, 0x5000 ..< 0x6000]
        #expect(set.clamped(to: 0x2000 ..< 0x5800).ranges == [0x2000 ..< 0x3000, 0x5000 ..< 0x5800])
        #expect(set.clamped(to: 0x3000 ..< 0x5000).isEmpty)
        #expect(set.covers(0x1800 ..< 0x3000) && !set.covers(0x2800 ..< 0x3800) && set.covers(0x4000 ..< 0x4000))
        #expect(set.count(in: 0 ..< 0x10000) == 0x3000 && set.count(in: 0x2800 ..< 0x5100) == 0x900)
        #expect(!set.contains(0x3000) && set.contains(0x2FFF) && set.contains(0x5000))
    }

    @Test func describesItselfAsHexRanges() {
        #expect(FlashRanges([0x11000 ..< 0x20000, 0x30000 ..< 0x31000]).description == "0x11000–0x20000, 0x30000–0x31000")
        #expect(FlashRanges().description == "none")
    }
}
