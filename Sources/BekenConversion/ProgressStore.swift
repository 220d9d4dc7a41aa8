import Foundation

/// Where a conversion keeps its progress record (one per chip), saved after every CRC-verified range.
/// File-backed for the CLI (`FileProgressStore`: `DIR/<chip>.flash-progress.json`), in memory for tests and
/// other front ends (`MemoryProgressStore`).
public protocol ProgressStore: AnyObject {
    func load(chipKey: String) -> FlashProgressRecord?
    func save(_ record: FlashProgressRecord) throws
    /// Where the record of `chipKey` is, for people ("…/bk7231n-c8478c000001.flash-progress.json").
    func location(chipKey: String) -> String
}

/// Records as JSON files in a directory.
public final class FileProgressStore: ProgressStore, Sendable {
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    public func url(chipKey: String) -> URL {
        directory.appendingPathComponent(FlashProgressRecord.fileStem(chipKey) + ".flash-progress.json")
    }

    public func load(chipKey: String) -> FlashProgressRecord? {
        guard let data = FileManager.default.contents(atPath: url(chipKey: chipKey).path) else { return nil }
        return try? JSONDecoder().decode(FlashProgressRecord.self, from: data)
    }

    public func save(_ record: FlashProgressRecord) throws {
        var copy = record
        copy.updated = ISO8601DateFormatter().string(from: Date())
        try StoredJSON.prettyData(copy).write(to: url(chipKey: record.chip), options: .atomic)
    }

    public func location(chipKey: String) -> String { url(chipKey: chipKey).path }
}

/// Records in memory. Thread-safe.
public final class MemoryProgressStore: ProgressStore, @unchecked Sendable {
    private let lock = NSLock()
    private var records: [String: FlashProgressRecord] = [:]
    private var saveCount = 0

    public init() {}

    public func load(chipKey: String) -> FlashProgressRecord? { lock.withLock { records[chipKey] } }

    public func save(_ record: FlashProgressRecord) throws {
        lock.withLock {
            records[record.chip] = record
            saveCount += 1
        }
    }

    public func location(chipKey: String) -> String { "memory:" + FlashProgressRecord.fileStem(chipKey) }

    /// How many times a record was saved (progress is kept as it happens).
    public var saves: Int { lock.withLock { saveCount } }
}
