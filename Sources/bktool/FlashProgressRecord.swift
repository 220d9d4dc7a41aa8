import Foundation

/// What `bktool flash` has proven on one chip so far, saved next to the backup after every CRC-verified range so
/// an interrupted conversion (lost link, brown-out, Ctrl-C, killed process) resumes where it stopped. The same
/// command run again resumes only when the chip, the firmware and the config are the same ones.
struct FlashProgressRecord: Codable, Equatable {
    /// Identifies the chip: "BK7231N C8:47:8C:00:00:01" (MAC, else flash ID).
    var chip: String
    /// File name of the backup in the same directory.
    var backup: String
    /// The writes this run makes, in order (firmware, then config sector).
    var writes: [PlannedWrite]
    /// Sector-aligned ranges whose chip CRC matched the new data, merged and sorted.
    var verified: [VerifiedRange] = []
    /// Everything written and verified by CRC.
    var complete = false
    var updated: String = ""

    struct PlannedWrite: Codable, Equatable {
        var what: String
        var address: Int
        var length: Int
        /// Standard CRC-32 of the bytes (tells the same input from another).
        var crc32: String
    }

    struct VerifiedRange: Codable, Equatable {
        var start: Int
        var end: Int
        var range: Range<Int> { start ..< end }
    }

    /// `DIR/<chip>-<id>.flash-progress.json`.
    static func url(directory: URL, chipKey: String) -> URL {
        directory.appendingPathComponent(fileStem(chipKey) + ".flash-progress.json")
    }

    /// "BK7231N C8:47:8C:00:00:01" → "bk7231n-c8478c000001".
    static func fileStem(_ chipKey: String) -> String {
        chipKey.lowercased().replacingOccurrences(of: " ", with: "-").filter { $0.isLetter || $0.isNumber || $0 == "-" }
    }

    static func load(from url: URL) -> FlashProgressRecord? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return try? JSONDecoder().decode(FlashProgressRecord.self, from: data)
    }

    func save(to url: URL) throws {
        var copy = self
        copy.updated = ISO8601DateFormatter().string(from: Date())
        try JSONOutput.prettyData(copy).write(to: url, options: .atomic)
    }

    var verifiedRanges: [Range<Int>] { verified.map(\.range) }

    /// Adds a range and keeps the list merged.
    mutating func addVerified(_ range: Range<Int>) {
        var ranges = verifiedRanges + [range]
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for next in ranges {
            if let last = merged.last, last.upperBound >= next.lowerBound {
                merged[merged.count - 1] = last.lowerBound ..< max(last.upperBound, next.upperBound)
            } else {
                merged.append(next)
            }
        }
        verified = merged.map { VerifiedRange(start: $0.lowerBound, end: $0.upperBound) }
    }

    /// The parts of `range` not covered by a verified range, in order.
    func unverified(in range: Range<Int>) -> [Range<Int>] {
        var left: [Range<Int>] = []
        var cursor = range.lowerBound
        for done in verifiedRanges where done.upperBound > cursor && done.lowerBound < range.upperBound {
            if done.lowerBound > cursor { left.append(cursor ..< done.lowerBound) }
            cursor = max(cursor, done.upperBound)
        }
        if cursor < range.upperBound { left.append(cursor ..< range.upperBound) }
        return left
    }

    /// Bytes of `range` already verified.
    func verifiedCount(in range: Range<Int>) -> Int {
        range.count - unverified(in: range).reduce(0) { $0 + $1.count }
    }
}
