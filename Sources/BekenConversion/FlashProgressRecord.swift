import Foundation

/// What a conversion has proven on one chip so far, saved after every CRC-verified range so an interrupted
/// conversion (lost link, brown-out, cancellation, killed process) resumes where it stopped. A later run resumes
/// only when the chip, the firmware and the config are the same ones (`ConversionPlan.resume`).
public struct FlashProgressRecord: Codable, Equatable, Sendable {
    /// Identifies the chip: "BK7231N C8:47:8C:00:00:01" (MAC, else flash ID).
    public var chip: String
    /// Name of the backup (a file name in the same directory for the file stores).
    public var backup: String
    /// The writes this run makes, in order (firmware, then config sector).
    public var writes: [PlannedWrite]
    /// Sector-aligned ranges whose chip CRC matched the new data, merged and sorted.
    public var verified: [VerifiedRange] = []
    /// Everything written and verified by CRC.
    public var complete = false
    public var updated: String = ""

    public init(chip: String, backup: String, writes: [PlannedWrite]) {
        self.chip = chip
        self.backup = backup
        self.writes = writes
    }

    public struct PlannedWrite: Codable, Equatable, Sendable {
        public var what: String
        public var address: Int
        public var length: Int
        /// Standard CRC-32 of the bytes (tells the same input from another).
        public var crc32: String

        public init(what: String, address: Int, length: Int, crc32: String) {
            self.what = what
            self.address = address
            self.length = length
            self.crc32 = crc32
        }

        /// The sector-aligned range this write covers.
        public var alignedRange: Range<Int> {
            let sector = 0x1000
            return address / sector * sector ..< (address + length + sector - 1) / sector * sector
        }
    }

    public struct VerifiedRange: Codable, Equatable, Sendable {
        public var start: Int
        public var end: Int
        public var range: Range<Int> { start ..< end }
    }

    /// "BK7231N C8:47:8C:00:00:01" → "bk7231n-c8478c000001" (names backups and records).
    public static func fileStem(_ chipKey: String) -> String {
        chipKey.lowercased().replacingOccurrences(of: " ", with: "-").filter { $0.isLetter || $0.isNumber || $0 == "-" }
    }

    public var verifiedRanges: [Range<Int>] { verified.map(\.range) }

    /// Adds a range and keeps the list merged.
    public mutating func addVerified(_ range: Range<Int>) {
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

    /// Adds the parts of a proven range that fall inside the planned writes (a range proven for anything else says
    /// nothing about the new data).
    public mutating func addVerifiedInsideWrites(_ range: Range<Int>) {
        for write in writes {
            let part = range.clamped(to: write.alignedRange)
            if !part.isEmpty { addVerified(part) }
        }
    }

    /// The parts of `range` not covered by a verified range, in order.
    public func unverified(in range: Range<Int>) -> [Range<Int>] {
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
    public func verifiedCount(in range: Range<Int>) -> Int {
        range.count - unverified(in: range).reduce(0) { $0 + $1.count }
    }

    /// Sectors verified and planned over all writes.
    public var sectorCounts: (verified: Int, total: Int) {
        let sector = 0x1000
        return (writes.reduce(0) { $0 + verifiedCount(in: $1.alignedRange) / sector },
                writes.reduce(0) { $0 + $1.alignedRange.count / sector })
    }

    /// The parts of the planned writes not yet verified.
    public var unverifiedRanges: [Range<Int>] { writes.flatMap { unverified(in: $0.alignedRange) } }
}
