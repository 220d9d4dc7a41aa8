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
            .appendingPathComponent("firmware-download-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let seconds = String(max(1, Int(timeout.rounded(.up))))
        // curl(1) short options: -s -S silent but errors shown, -f HTTP errors fail (exit 22), -L follow redirects,
        // -m the whole transfer's limit in seconds, -o the output file, -w the status code (reported even on failure),
        // -H a request header.
        var arguments = ["-s", "-S", "-f", "-L", "-m", seconds, "-o", output.path, "-w", "%{http_code}"]
        for header in headers { arguments += ["-H", header] }
        arguments.append(url)
        let result = await Self.run(curl, arguments)
        guard let result else { throw FirmwareError(.curlMissing, ["url": url]) }
        let status = Int(result.reply.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        guard result.exitCode == 0, status == 200 else {
            if status == 404 { throw FirmwareError(.assetNotFound, ["url": url, "reason": "HTTP 404"]) }
            let reason = status >= 300 ? "HTTP \(status)"
                : result.diagnostics.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "curl exit \(result.exitCode)"
                : result.diagnostics.trimmingCharacters(in: .whitespacesAndNewlines)
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
        let reply: String
        let diagnostics: String
    }

    /// Runs `executable` to the end; nil when it cannot be started.
    private static func run(_ executable: URL, _ arguments: [String]) async -> Outcome? {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        process.standardInput = FileHandle.nullDevice
        return await withCheckedContinuation { (continuation: CheckedContinuation<Outcome?, Never>) in
            process.terminationHandler = { finished in
                let out = outputPipe.fileHandleForReading.readDataToEndOfFile()
                let err = errorPipe.fileHandleForReading.readDataToEndOfFile()
                continuation.resume(returning: Outcome(exitCode: finished.terminationStatus,
                                                       reply: String(decoding: out, as: UTF8.self),
                                                       diagnostics: String(decoding: err, as: UTF8.self)))
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
