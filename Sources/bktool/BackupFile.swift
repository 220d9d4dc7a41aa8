import Foundation

/// A backup being written: bytes go to a hidden temporary file next to the target (created before the chip is
/// touched, so an unwritable path fails first and nothing is left behind); `commit` moves it to a name that does
/// not exist yet — FILE, else FILE.1.ext, FILE.2.ext … — so a backup is never overwritten (DESIGN.md principles).
final class BackupFile {
    let requested: URL
    private let temporary: URL
    private let handle: FileHandle
    private var committed = false

    init(path: String) throws {
        requested = URL(fileURLWithPath: path)
        let directory = requested.deletingLastPathComponent()
        temporary = directory.appendingPathComponent(".\(requested.lastPathComponent).part-\(getpid())")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: requested.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CLIFailure.badInput("output-is-directory", "\(path) is a directory",
                                      hint: "give a file name, e.g. \(requested.appendingPathComponent("backup.bin").path)")
        }
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: temporary) else {
            let reason = FileManager.default.fileExists(atPath: directory.path)
                ? "cannot create files in \(directory.path)" : "directory \(directory.path) does not exist"
            throw CLIFailure.badInput("output-not-writable", "cannot write \(path): \(reason)",
                                      hint: "choose a path in a directory you can write to")
        }
        self.handle = handle
        InterruptCleanup.remove(temporary.path)
    }

    func append(_ bytes: ArraySlice<UInt8>) throws {
        do {
            try handle.write(contentsOf: Data(bytes))
        } catch {
            throw CLIFailure.failed("output-write-failed", "writing \(temporary.path) failed: \(error.localizedDescription)",
                                    hint: "check free disk space")
        }
    }

    /// Moves the data to the first free name and writes the sidecar next to it; returns the final URL.
    func commit<Sidecar: Encodable>(sidecar: (URL) -> Sidecar) throws -> URL {
        try handle.close()
        let final = BackupFile.freeName(for: requested)
        try FileManager.default.moveItem(at: temporary, to: final)
        committed = true
        InterruptCleanup.remove(nil)
        let sidecarURL = BackupFile.sidecarURL(for: final)
        try JSONOutput.prettyData(sidecar(final)).write(to: sidecarURL, options: .withoutOverwriting)
        return final
    }

    /// Removes the temporary file (after a failure).
    func discard() {
        guard !committed else { return }
        try? handle.close()
        try? FileManager.default.removeItem(at: temporary)
        InterruptCleanup.remove(nil)
    }

    deinit { discard() }

    /// FILE.json next to FILE (e.g. backup.bin → backup.bin.json).
    static func sidecarURL(for file: URL) -> URL {
        file.deletingLastPathComponent().appendingPathComponent(file.lastPathComponent + ".json")
    }

    /// `url` if neither it nor its sidecar exists, else name.1.ext, name.2.ext, …
    static func freeName(for url: URL) -> URL {
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

/// The JSON written next to every backup: enough to know later what the bytes are.
struct BackupSidecar: Encodable {
    let file: String
    let chip: String
    let protocolVariant: String
    let bootloader: String
    let bootloaderCRC: String
    let chipID: String?
    let flashID: String?
    let flashChip: String?
    let flashSize: Int
    let mac: String?
    let start: String
    let length: Int
    let crc32: String
    let tool: String
    let toolVersion: String
    let date: String
}

/// Ctrl-C or SIGTERM during a backup removes the partial temporary file, so an interrupted read leaves nothing.
enum InterruptCleanup {
    /// The C string of the file to unlink, read by the signal handler (set and cleared on the main thread).
    nonisolated(unsafe) private static var path: UnsafeMutablePointer<CChar>?

    static func remove(_ file: String?) {
        if let old = path {
            path = nil
            free(old)
        }
        guard let file else { return }
        path = strdup(file)
        for number in [SIGINT, SIGTERM] {
            signal(number) { signalNumber in
                if let pending = InterruptCleanup.path { unlink(pending) }
                signal(signalNumber, SIG_DFL)
                raise(signalNumber)
            }
        }
    }
}
