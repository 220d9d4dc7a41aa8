import BekenConversion
import Foundation
import Testing

/// The resume bookkeeping of a conversion: merged verified ranges, what is left to write, the file round trip.
struct FlashProgressRecordTests {
    static let firmware = FlashProgressRecord.PlannedWrite(what: "firmware", address: 0x11000, length: 0x118F70, crc32: "0x1")
    static let config = FlashProgressRecord.PlannedWrite(what: "config", address: 0x1D1000, length: 0x1000, crc32: "0x2")

    @Test func verifiedRangesMergeAndLeaveTheRestToWrite() {
        var record = FlashProgressRecord(chip: "BK7231N 02:42:4B:72:31:4E", backup: "b.bin", writes: [Self.firmware, Self.config])
        record.addVerified(0x20000 ..< 0x30000)
        record.addVerified(0x11000 ..< 0x20000)
        record.addVerified(0x40000 ..< 0x41000)
        #expect(record.verifiedRanges == [0x11000 ..< 0x30000, 0x40000 ..< 0x41000])
        #expect(Self.firmware.alignedRange == 0x11000 ..< 0x12A000)
        #expect(record.unverified(in: Self.firmware.alignedRange) == [0x30000 ..< 0x40000, 0x41000 ..< 0x12A000])
        #expect(record.verifiedCount(in: Self.firmware.alignedRange) == 0x20000)
        #expect(record.unverified(in: Self.config.alignedRange) == [0x1D1000 ..< 0x1D2000])
    }

    @Test func onlyRangesOfThePlannedWritesCountAndTheFileStoreKeepsThem() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("record-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = FileProgressStore(directory: directory)
        let key = "BK7231N 02:42:4B:72:31:4E"
        #expect(store.url(chipKey: key).lastPathComponent == "bk7231n-02424b72314e.flash-progress.json")
        var record = FlashProgressRecord(chip: key, backup: "b.bin", writes: [Self.firmware, Self.config])
        record.addVerifiedInsideWrites(0 ..< 0x20000)          // reaches below the firmware: clamped
        record.addVerifiedInsideWrites(0x1D0000 ..< 0x1D1000)  // outside both writes: ignored
        try store.save(record)
        let saved = try #require(store.load(chipKey: key))
        #expect(saved.verifiedRanges == [0x11000 ..< 0x20000])
        #expect(saved.complete == false)
        #expect(saved.sectorCounts.verified == 15 && saved.sectorCounts.total == 282)
    }
}
