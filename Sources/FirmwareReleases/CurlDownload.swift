import Foundation

/// Downloads one URL by running the system `curl` executable, so the release binary needs no libcurl
/// (Foundation's URLSession would link it through FoundationNetworking). Handles http:// and https:// alike.
struct CurlDownload: Sendable {
    let timeout: TimeInterval
    let headers: [String]

    /// The body of `url`; HTTP 404 is `.assetNotFound`, any other failure `.downloadFailed`, no curl `.curlMissing`.
    func data(from url: String) async throws(FirmwareError) -> Data {
        guard let curl = Self.executable() else { throw FirmwareError(.curlMissing, ["url": url]) }
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("bktool-download-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let seconds = String(max(1, Int(timeout.rounded(.up))))
        // curl(1): --fail turns HTTP errors into exit 22; --write-out reports the status code even then.
        var arguments = ["--silent", "--show-error", "--fail", "--location", "--max-time", seconds,
                         "--connect-timeout", seconds, "--output", output.path, "--write-out", "%{http_code}"]
        for header in headers { arguments += ["--header", header] }
        arguments.append(url)
        let result = await Self.run(curl, arguments)
        guard let result else { throw FirmwareError(.curlMissing, ["url": url]) }
        let status = Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        guard result.exitCode == 0, status == 200 else {
            if status == 404 { throw FirmwareError(.assetNotFound, ["url": url, "reason": "HTTP 404"]) }
            let reason = status >= 300 ? "HTTP \(status)"
                : result.stderr.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "curl exit \(result.exitCode)"
                : result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            throw FirmwareError(.downloadFailed, ["url": url, "reason": reason])
        }
        guard let bytes = try? Data(contentsOf: output) else {
            throw FirmwareError(.downloadFailed, ["url": url, "reason": "curl wrote no file"])
        }
        return bytes
    }

    /// `curl` on PATH (or the usual places when PATH is empty).
    static func executable() -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/bin", "/bin", "/usr/local/bin"]
        for directory in directories where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: directory).appendingPathComponent("curl")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    private struct Outcome: Sendable {
        let exitCode: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs `executable` to the end; nil when it cannot be started.
    private static func run(_ executable: URL, _ arguments: [String]) async -> Outcome? {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        return await withCheckedContinuation { (continuation: CheckedContinuation<Outcome?, Never>) in
            process.terminationHandler = { finished in
                let out = stdout.fileHandleForReading.readDataToEndOfFile()
                let err = stderr.fileHandleForReading.readDataToEndOfFile()
                continuation.resume(returning: Outcome(exitCode: finished.terminationStatus,
                                                       stdout: String(decoding: out, as: UTF8.self),
                                                       stderr: String(decoding: err, as: UTF8.self)))
            }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(returning: nil)
            }
        }
    }
}
