import BekenChips
import BekenEmulator
import BekenFlasher
import Testing

/// Issue 18: a write changes nothing outside its range. A byte lost in (or inserted into) the address field of a
/// Write4K or FlashErase sends it to another sector. When the reply echoes where it went, that sector is checked;
/// when the trouble leaves the place unknown (no reply, a reset), every sector outside the range whose bytes the
/// flasher knows is checked by chip CRC — and either is put back from those bytes.
struct WriteStaysInRangeTests {
    static let range = 0x20000 ..< 0x40000
    /// Sectors outside the range that the test changes while the write runs, as a garbled command would: the
    /// bootloader's first sector, a sector in the middle, the last one.
    static let hit = [0x0, 0x10_0000, 0x1F_F000]

    /// Writes `range` with the chip browning out in the middle of a Write4K frame (the flasher cannot know where the
    /// command acted) and, meanwhile, changes the `hit` sectors behind the flasher's back; returns the flasher's
    /// events, the flash before and after.
    static func writeWithChangesOutside(vouch: Bool) throws -> (events: [FlasherEvent], before: [UInt8], after: [UInt8]) {
        // 60 000 host bytes: well inside the write's Write4K frames (each 4108 bytes; the connect and the first
        // checks take a few hundred).
        let bench = try FaultRecoveryTests.Bench(["reset-at-byte=60000"], flash: FaultRecoveryTests.image)
        var options = Flasher.Options()
        options.baudRate = 921_600
        options.linkTimeout = .seconds(5)
        var events: [FlasherEvent] = []
        var changed = false
        let flasher = Flasher(link: bench.host, options: options) { event in
            events.append(event)
            guard case .verified = event, !changed else { return }
            changed = true
            var flash = bench.chip.flash
            for sector in hit { for index in sector ..< sector + 0x1000 { flash[index] &= 0x0F } }
            bench.chip.loadFlash(flash)
        }
        let before = bench.chip.flash
        try flasher.connect()
        if vouch { flasher.rememberContents(before, at: 0) }
        let data = [UInt8](repeating: 0x3C, count: range.count)
        _ = try flasher.write(data, at: range.lowerBound)
        #expect(Array(bench.chip.flash[range]) == data, "the write did not end verified")
        #expect(bench.chip.resetCount > 0 && changed, "no brown-out or no change: the test proves nothing")
        return (events, before, bench.chip.flash)
    }

    @Test func sectorsChangedOutsideAreRestoredFromKnownBytes() throws {
        let (events, before, after) = try Self.writeWithChangesOutside(vouch: true)
        for sector in Self.hit {
            #expect(after[sector ..< sector + 0x1000] == before[sector ..< sector + 0x1000],
                    "sector 0x\(String(sector, radix: 16)) outside the write was not restored")
        }
        #expect(after[..<Self.range.lowerBound] == before[..<Self.range.lowerBound]
                && after[Self.range.upperBound...] == before[Self.range.upperBound...])
        let restored = events.compactMap { if case .notice(.restoredOutsideWrite(let sectors)) = $0 { sectors } else { nil } }
        #expect(restored == [FlashRanges(Self.hit.map { $0 ..< $0 + 0x1000 })])
    }

    /// Without known bytes nothing outside can be judged: the change stays (this is why the conversion's backup, or a
    /// read before the write, matters) — and no restore is claimed.
    @Test func withoutKnownBytesNothingIsClaimed() throws {
        let (events, before, after) = try Self.writeWithChangesOutside(vouch: false)
        #expect(after[0 ..< 0x1000] != before[0 ..< 0x1000])
        #expect(!events.contains { if case .notice(.restoredOutsideWrite) = $0 { true } else { false } })
    }
}
