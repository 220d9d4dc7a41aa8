/// A set of flash addresses kept as sorted, disjoint, non-adjacent byte ranges: what the chip's CRC has proven,
/// what is left to write, which sectors a garbled command may have touched. One type for the flasher, its errors and
/// the progress record of an interrupted conversion, so the range arithmetic exists once.
public struct FlashRanges: Sendable, Hashable, Sequence {
    /// Sorted by address; neighbours neither overlap nor touch (touching ranges are merged); none is empty.
    public private(set) var ranges: [Range<Int>] = []

    public init() {}

    public init<S: Sequence>(_ ranges: S) where S.Element == Range<Int> {
        for range in ranges { insert(range) }
    }

    /// The ranges of whole `sectorSize` units that start at `starts` (any order, duplicates allowed), neighbours joined.
    public init<S: Sequence>(sectorsAt starts: S, sectorSize: Int) where S.Element == Int {
        self.init(starts.map { $0 ..< $0 + sectorSize })
    }

    public func makeIterator() -> IndexingIterator<[Range<Int>]> { ranges.makeIterator() }

    public var isEmpty: Bool { ranges.isEmpty }

    /// Bytes in the set.
    public var byteCount: Int { ranges.reduce(0) { $0 + $1.count } }

    /// Adds `range`, merging it with every range it overlaps or touches.
    public mutating func insert(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        // First range that ends at or after the new start: everything before it stays.
        let first = ranges.firstIndex { $0.upperBound >= range.lowerBound } ?? ranges.count
        var merged = range
        var last = first
        while last < ranges.count, ranges[last].lowerBound <= merged.upperBound {
            merged = Swift.min(merged.lowerBound, ranges[last].lowerBound) ..< Swift.max(merged.upperBound, ranges[last].upperBound)
            last += 1
        }
        ranges.replaceSubrange(first ..< last, with: [merged])
    }

    public mutating func formUnion(_ other: FlashRanges) {
        for range in other.ranges { insert(range) }
    }

    public func union(_ other: FlashRanges) -> FlashRanges {
        var copy = self
        copy.formUnion(other)
        return copy
    }

    /// Whether `address` lies in the set.
    public func contains(_ address: Int) -> Bool { ranges.contains { $0.contains(address) } }

    /// Whether every byte of `range` lies in the set (an empty range is covered).
    public func covers(_ range: Range<Int>) -> Bool {
        range.isEmpty || ranges.contains { $0.lowerBound <= range.lowerBound && $0.upperBound >= range.upperBound }
    }

    /// The part of the set inside `bounds`.
    public func clamped(to bounds: Range<Int>) -> FlashRanges {
        var result = FlashRanges()
        result.ranges = ranges.compactMap { range in
            let lower = Swift.max(range.lowerBound, bounds.lowerBound), upper = Swift.min(range.upperBound, bounds.upperBound)
            return lower < upper ? lower ..< upper : nil
        }
        return result
    }

    /// The parts of `bounds` outside the set, in address order.
    public func gaps(in bounds: Range<Int>) -> FlashRanges {
        var result = FlashRanges()
        var cursor = bounds.lowerBound
        for range in clamped(to: bounds).ranges {
            if range.lowerBound > cursor { result.ranges.append(cursor ..< range.lowerBound) }
            cursor = range.upperBound
        }
        if cursor < bounds.upperBound { result.ranges.append(cursor ..< bounds.upperBound) }
        return result
    }

    /// The first address of `bounds` outside the set; nil when the set covers `bounds`.
    public func firstGap(in bounds: Range<Int>) -> Int? { gaps(in: bounds).ranges.first?.lowerBound }

    /// Bytes of `bounds` inside the set.
    public func count(in bounds: Range<Int>) -> Int { clamped(to: bounds).byteCount }
}

extension FlashRanges: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Range<Int>...) { self.init(elements) }
}

extension FlashRanges: CustomStringConvertible {
    /// "0x11000–0x20000, 0x30000–0x31000" (or "none").
    public var description: String {
        guard !ranges.isEmpty else { return "none" }
        return ranges.map { "0x\(String($0.lowerBound, radix: 16, uppercase: true))–0x\(String($0.upperBound, radix: 16, uppercase: true))" }
            .joined(separator: ", ")
    }
}
