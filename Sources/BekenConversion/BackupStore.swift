import Foundation

/// Where a conversion keeps the whole-flash backup it reads and finds backups it may reuse. Backups are never
/// overwritten: a new one gets a name not yet taken. File-backed for the CLI (`DirectoryBackupStore`), in memory
/// for tests and other front ends (`MemoryBackupStore`).
public protocol BackupStore: AnyObject {
    /// Starts a new backup that will be named `name` (or the next free name).
    func makeWriter(name: String) throws -> any BackupWriter
    /// A backup the user named (a path for the file store); throws `ConversionError.backupUnreadable`.
    func load(given: String) throws -> StoredBackup
    /// A backup this store made earlier under `name`; nil when it is gone.
    func load(named: String) -> StoredBackup?
}

/// A backup being written; `discard` (or dropping it uncommitted) leaves nothing behind.
public protocol BackupWriter: AnyObject {
    func append(_ bytes: ArraySlice<UInt8>) throws
    /// Stores the bytes with their sidecar under a name not taken yet.
    func commit(sidecar: BackupSidecar) throws -> BackupLocation
    func discard()
}

/// Where a backup is: `name` for records (unique within its store), `path` for people.
public struct BackupLocation: Sendable, Equatable {
    public let name: String
    public let path: String
    /// Where its sidecar is (people keep both).
    public let sidecarPath: String

    public init(name: String, path: String, sidecarPath: String) {
        self.name = name
        self.path = path
        self.sidecarPath = sidecarPath
    }
}

/// A backup and its sidecar as stored (the sidecar's raw JSON; nil when it has none).
public struct StoredBackup: Sendable {
    public let location: BackupLocation
    public let bytes: [UInt8]
    public let sidecar: Data?

    public init(location: BackupLocation, bytes: [UInt8], sidecar: Data?) {
        self.location = location
        self.bytes = bytes
        self.sidecar = sidecar
    }
}

/// Why a named backup could not be read.
public enum BackupReadProblem: Sendable, Equatable {
    case missing, unreadable, empty
}

// MARK: files

/// Backups as files in a directory, each with a JSON sidecar `FILE.json`.
public final class DirectoryBackupStore: BackupStore, Sendable {
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    public func makeWriter(name: String) throws -> any BackupWriter {
        FileBackupWriter(try BackupFile(path: directory.appendingPathComponent(name).path))
    }

    public func load(given: String) throws -> StoredBackup {
        let url = URL(fileURLWithPath: given)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: given, isDirectory: &isDirectory) else {
            throw ConversionError.backupUnreadable(path: given, .missing)
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: given) else {
            throw ConversionError.backupUnreadable(path: given, .unreadable)
        }
        guard !data.isEmpty else { throw ConversionError.backupUnreadable(path: given, .empty) }
        return StoredBackup(location: Self.location(url), bytes: [UInt8](data),
                            sidecar: FileManager.default.contents(atPath: BackupFile.sidecarURL(for: url).path))
    }

    public func load(named name: String) -> StoredBackup? {
        try? load(given: directory.appendingPathComponent(name).path)
    }

    static func location(_ url: URL) -> BackupLocation {
        BackupLocation(name: url.lastPathComponent, path: url.path, sidecarPath: BackupFile.sidecarURL(for: url).path)
    }

    /// Creates the directory when missing; throws `ConversionError.backupDirectory…` when impossible.
    public static func prepare(_ path: String) throws -> URL {
        let url = URL(fileURLWithPath: path, isDirectory: true)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw ConversionError.backupDirectoryIsFile(path: path) }
            return url
        }
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw ConversionError.backupDirectoryNotWritable(path: path)
        }
        return url
    }
}

final class FileBackupWriter: BackupWriter {
    let file: BackupFile
    init(_ file: BackupFile) { self.file = file }
    func append(_ bytes: ArraySlice<UInt8>) throws { try file.append(bytes) }
    func commit(sidecar: BackupSidecar) throws -> BackupLocation {
        DirectoryBackupStore.location(try file.commit { sidecar.with(file: $0.lastPathComponent) })
    }
    func discard() { file.discard() }
}

// MARK: memory

/// Backups held in memory (tests, front ends that keep files elsewhere). Thread-safe.
public final class MemoryBackupStore: BackupStore, @unchecked Sendable {
    private let lock = NSLock()
    private var backups: [String: StoredBackup] = [:]

    public init() {}

    /// The backups stored so far, by name.
    public var all: [String: StoredBackup] { lock.withLock { backups } }

    public func makeWriter(name: String) throws -> any BackupWriter { MemoryBackupWriter(store: self, name: name) }

    public func load(given: String) throws -> StoredBackup {
        guard let backup = load(named: given) else { throw ConversionError.backupUnreadable(path: given, .missing) }
        return backup
    }

    public func load(named name: String) -> StoredBackup? { lock.withLock { backups[name] } }

    /// Keeps `bytes` under the first free name like `name` (name, name.1, …).
    func store(_ bytes: [UInt8], sidecar: BackupSidecar, name: String) throws -> BackupLocation {
        try lock.withLock {
            var final = name
            var number = 1
            while backups[final] != nil {
                final = "\(name).\(number)"
                number += 1
            }
            let location = BackupLocation(name: final, path: final, sidecarPath: final + ".json")
            backups[final] = StoredBackup(location: location, bytes: bytes,
                                          sidecar: try StoredJSON.prettyData(sidecar.with(file: final)))
            return location
        }
    }
}

final class MemoryBackupWriter: BackupWriter {
    let store: MemoryBackupStore
    let name: String
    var bytes: [UInt8] = []
    init(store: MemoryBackupStore, name: String) {
        self.store = store
        self.name = name
    }
    func append(_ bytes: ArraySlice<UInt8>) throws { self.bytes += bytes }
    func commit(sidecar: BackupSidecar) throws -> BackupLocation { try store.store(bytes, sidecar: sidecar, name: name) }
    func discard() { bytes = [] }
}
