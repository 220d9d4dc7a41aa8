import BekenChips

/// What the flash is known to hold: bytes this Flasher read and proved by the chip's CRC, bytes it wrote and proved,
/// and bytes its caller vouches for (a backup just taken of this chip). A write restores from it any sector outside
/// its own range that a garbled erase or write changed (issue 18: one byte inserted in a command's address field sends
/// it to another sector; the reply's echo names that sector, but its old bytes are gone unless someone kept them).
final class KnownFlash {
    private var bytes: [UInt8] = []
    /// The ranges whose bytes `bytes` holds.
    private(set) var ranges = FlashRanges()

    /// Forgets everything (another chip, or a new connection).
    func reset() {
        bytes = []
        ranges = FlashRanges()
    }

    /// The flash holds `data` at `address`.
    func record(_ data: some Collection<UInt8>, at address: Int) {
        guard !data.isEmpty else { return }
        let end = address + data.count
        if bytes.count < end { bytes += [UInt8](repeating: 0xFF, count: end - bytes.count) }
        bytes.replaceSubrange(address ..< end, with: data)
        ranges.insert(address ..< end)
    }

    /// What the flash holds in `range` is no longer known (a write that may have left anything there).
    func forget(_ range: Range<Int>) {
        ranges = ranges.clamped(to: 0 ..< range.lowerBound).union(ranges.clamped(to: range.upperBound ..< Int.max))
    }

    /// The bytes of `range`, when every one of them is known.
    func contents(of range: Range<Int>) -> ArraySlice<UInt8>? {
        guard ranges.covers(range) else { return nil }
        return bytes[range]
    }
}
