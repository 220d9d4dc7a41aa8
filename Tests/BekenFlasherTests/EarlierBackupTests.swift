import BekenChips
import BekenEmulator
import Testing
@testable import BekenFlasher

/// Issue 18: a Write4K whose address bit 20 flips on the way lands 1 MiB away, above a write at 0x11000, where no
/// protection reaches while the bottom (bootloader) side is protected. The echo names the sector; a backup given
/// for the write (`write-flash --backup`, EarlierBackup) puts it back where the rest of its block proves the backup
/// current — and is not trusted where it does not.
@Suite struct EarlierBackupTests {
    static let range = 0x11000 ..< 0x21000
    /// 0x12000 with address bit 20 flipped.
    static let landing = 0x112000
    static let old: [UInt8] = (0 ..< 0x200000).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ $0 >> 12) }

    /// Writes `range` with the Write4K for 0x12000 sent to 0x112000; `backup` is given as the earlier backup.
    private func write(backup: [UInt8]?) throws -> (events: [FlasherEvent], after: [UInt8]) {
        var configuration = VirtualChip.Configuration(personality: .bk7231n, flash: Self.old, initialState: .downloadMode)
        configuration.statusRegister1 = 0
        configuration.statusRegister2 = 0
        let chip = VirtualChip(configuration: configuration)
        let (server, host) = ChipServer.inMemoryServer(chip)
        defer {
            host.close()
            server.stop()
        }
        // The first Write4K for 0x12000 gets address bit 20 flipped on the way:
        // 01 E0 FC FF F4 | length (2) | 07 | address (4, little-endian) | 4096 data bytes.
        var flipped = false
        let link = RewritingLink(host) { bytes, _ in
            guard !flipped, bytes.count > 12, bytes[0 ..< 5] == [0x01, 0xE0, 0xFC, 0xFF, 0xF4], bytes[7] == 0x07,
                  (0 ..< 4).reduce(0, { $0 | Int(bytes[8 + $1]) << (8 * $1) }) == 0x12000 else { return bytes }
            flipped = true
            var changed = bytes
            changed[10] ^= 0x10
            return changed
        }
        var events: [FlasherEvent] = []
        let flasher = Flasher(link: link) { events.append($0) }
        try flasher.connect()
        if let backup { flasher.rememberEarlierBackup(backup) }
        let image = [UInt8](repeating: 0x5A, count: Self.range.count)
        _ = try flasher.write(image, at: Self.range.lowerBound)
        #expect(flipped, "no Write4K was garbled: the test proves nothing")
        #expect(Array(chip.flash[Self.range]) == image, "the write did not end verified")
        return (events, chip.flash)
    }

    private static func notices(_ events: [FlasherEvent]) -> (restored: [FlashRanges], unknown: [FlashRanges]) {
        (events.compactMap { if case .notice(.restoredOutsideWrite(let r)) = $0 { r } else { nil } },
         events.compactMap { if case .notice(.garbledCommandOutsideWrite(let r)) = $0 { r } else { nil } })
    }

    private static let landingSector: FlashRanges = [landing ..< landing + FlashGeometry.sector]

    @Test func withoutABackupTheChangeIsNamed() throws {
        let (events, after) = try write(backup: nil)
        #expect(after[Self.landing ..< Self.landing + 0x1000] != Self.old[Self.landing ..< Self.landing + 0x1000],
                "the garbled Write4K did not land: the test proves nothing")
        let notices = Self.notices(events)
        #expect(notices.unknown == [Self.landingSector] && notices.restored.isEmpty)
    }

    @Test func theBackupPutsTheSectorBack() throws {
        let (events, after) = try write(backup: Self.old)
        #expect(after[..<Self.range.lowerBound] == Self.old[..<Self.range.lowerBound]
                && after[Self.range.upperBound...] == Self.old[Self.range.upperBound...], "flash outside the write changed")
        let notices = Self.notices(events)
        #expect(notices.restored == [Self.landingSector] && notices.unknown.isEmpty)
    }

    /// The backup differs from the chip elsewhere in the landing sector's block (the firmware changed its config
    /// since): it cannot vouch for the landing sector, which is named instead of being overwritten with old bytes.
    @Test func aBackupTheBlockDisprovesIsNotUsed() throws {
        var stale = Self.old
        stale[0x118000] ^= 0xFF
        let (events, _) = try write(backup: stale)
        let notices = Self.notices(events)
        #expect(notices.unknown == [Self.landingSector] && notices.restored.isEmpty)
    }
}
