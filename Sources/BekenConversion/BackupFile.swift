import Foundation

/// A backup being written: bytes go to a hidden temporary file next to the target (created before the chip is
/// touched, so an unwritable path fails first and nothing is left behind); `commit` moves it to a name that does
/// not exist yet — FILE, else FILE.1.ext, FILE.2.ext … — so a backup is never overwritten (docs/ARCHITECTURE.md principles).
/// A backup that is not committed (an error, a cancellation) leaves nothing behind: `discard` runs on deinit.
public final class BackupFile {
    public let requested: URL
    private let temporary: URL
    private let handle: FileHandle
    private var committed = false

    public init(path: String) throws(BackupFileError) {
        requested = URL(fileURLWithPath: path)
        let directory = requested.deletingLastPathComponent()
        temporary = directory.appendingPathComponent(".\(requested.lastPathComponent).part-\(getpid())")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: requested.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw .isDirectory(path: path)
        }
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: temporary) else {
            throw .notWritable(path: path, directory: directory.path,
                               directoryExists: FileManager.default.fileExists(atPath: directory.path))
        }
        self.handle = handle
    }

    public func append(_ bytes: ArraySlice<UInt8>) throws(BackupFileError) {
        do {
            try handle.write(contentsOf: Data(bytes))
        } catch {
            throw .writeFailed(path: temporary.path, reason: error.localizedDescription)
        }
    }

    /// Moves the data to the first free name and writes the sidecar next to it; returns the final URL.
    public func commit<Sidecar: Encodable>(sidecar: (URL) -> Sidecar) throws -> URL {
        try handle.close()
        let final = BackupFile.freeName(for: requested)
        try FileManager.default.moveItem(at: temporary, to: final)
        committed = true
        let sidecarURL = BackupFile.sidecarURL(for: final)
        try StoredJSON.prettyData(sidecar(final)).write(to: sidecarURL, options: .withoutOverwriting)
        return final
    }

    /// Removes the temporary file (after a failure or a cancellation).
    public func discard() {
        guard !committed else { return }
        committed = true
        try? handle.close()
        try? FileManager.default.removeItem(at: temporary)
    }

    deinit { discard() }

    /// FILE.json next to FILE (e.g. backup.bin → backup.bin.json).
    public static func sidecarURL(for file: URL) -> URL {
        file.deletingLastPathComponent().appendingPathComponent(file.lastPathComponent + ".json")
    }

    /// `url` if neither it nor its sidecar exists, else name.1.ext, name.2.ext, …
    public static func freeName(for url: URL) -> URL {
        func free(_ candidate: URL) -> Bool {
            !FileManager.default.fileExists(atPath: candidate.path)
                && !FileManager.default.fileExists(atPath: sidecarURL(for: candidate).path)
        }
        if free(url) { return url }
        let directory = url.deletingLastPathComponent()
        let ext = url.pathExtension
        let stem = ext.isEmpty ? url.lastPathComponent : String(url.lastPathComponent.dropLast(ext.count + 1))
        var number = 1
        while true {
            let name = ext.isEmpty ? "\(stem).\(number)" : "\(stem).\(number).\(ext)"
            let candidate = directory.appendingPathComponent(name)
            if free(candidate) { return candidate }
            number += 1
        }
    }
}

/// Why a backup file could not be written.
public enum BackupFileError: Error, Sendable, Equatable {
    /// The path names a directory.
    case isDirectory(path: String)
    /// No file can be created there.
    case notWritable(path: String, directory: String, directoryExists: Bool)
    /// Writing failed part-way (disk full, I/O error).
    case writeFailed(path: String, reason: String)
}

/// JSON as the stores write it: sorted keys, pretty, a final newline.
enum StoredJSON {
    static func prettyData<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }
}
