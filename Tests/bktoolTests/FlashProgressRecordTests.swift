import Foundation
import Testing
@testable import bktool

/// The resume bookkeeping of `flash`: merged verified ranges, what is left to write, the file round trip.
struct FlashProgressRecordTests {
    static let firmware = FlashProgressRecord.PlannedWrite(what: "firmware", address: 0x11000, length: 0x118F70, crc32: "0x1")
    static let config = FlashProgressRecord.PlannedWrite(what: "config", address: 0x1D1000, length: 0x1000, crc32: "0x2")

    @Test func verifiedRangesMergeAndLeaveTheRestToWrite() {
        var record = FlashProgressRecord(chip: "BK7231N 02:42:4B:72:31:4E", backup: "b.bin", writes: [Self.firmware, Self.config])
        record.addVerified(0x20000 ..< 0x30000)
        record.addVerified(0x11000 ..< 0x20000)
        record.addVerified(0x40000 ..< 0x41000)
        #expect(record.verifiedRanges == [0x11000 ..< 0x30000, 0x40000 ..< 0x41000])
        #expect(alignedRange(Self.firmware) == 0x11000 ..< 0x12A000)
        #expect(record.unverified(in: alignedRange(Self.firmware)) == [0x30000 ..< 0x40000, 0x41000 ..< 0x12A000])
        #expect(record.verifiedCount(in: alignedRange(Self.firmware)) == 0x20000)
        #expect(record.unverified(in: alignedRange(Self.config)) == [0x1D1000 ..< 0x1D2000])
    }

    @Test func recorderKeepsOnlyRangesOfThePlannedWritesAndSavesEachOne() throws {
        let directory = try TemporaryDirectory()
        let url = FlashProgressRecord.url(directory: directory.url, chipKey: "BK7231N 02:42:4B:72:31:4E")
        #expect(url.lastPathComponent == "bk7231n-02424b72314e.flash-progress.json")
        let recorder = ProgressRecorder()
        try recorder.attach(FlashProgressRecord(chip: "BK7231N 02:42:4B:72:31:4E", backup: "b.bin",
                                                writes: [Self.firmware, Self.config]), at: url)
        recorder.observe(.verified(range: 0 ..< 0x20000))        // reaches below the firmware: clamped
        recorder.observe(.verified(range: 0x1D0000 ..< 0x1D1000)) // outside both writes: ignored
        let saved = try #require(FlashProgressRecord.load(from: url))
        #expect(saved.verifiedRanges == [0x11000 ..< 0x20000])
        #expect(saved.complete == false)
        #expect(recorder.progressSentence()?.contains("15 of 282 sectors verified") == true)
    }
}
