import Foundation
import Testing
import BekenTestSupport

/// The real peer tools (ltchiptool, bk7231tools) installed by scripts/test.sh into a virtualenv whose bin directory
/// is in BKTOOL_PEERS_BIN (docs/TESTING.md "Rules for tests": locally they may skip, with CI=true missing peers fail).
struct PeerTools: Sendable {
    let bin: URL

    static let packageRoot = SharedDumps.packageRoot
    static let dumps = SharedDumps.directory
    static let wrapper = packageRoot.appendingPathComponent("Tests/peers/run_peer.py")
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// The peers, from BKTOOL_PEERS_BIN or the package's .venv-peers; nil when not installed.
    static let installed: PeerTools? = {
        let environment = ProcessInfo.processInfo.environment["BKTOOL_PEERS_BIN"]
        let candidates = [environment, packageRoot.appendingPathComponent(".venv-peers/bin").path].compactMap { $0 }
        for path in candidates {
            let bin = URL(fileURLWithPath: path)
            let needed = ["python", "ltchiptool", "bk7231tools"]
            if needed.allSatisfy({ FileManager.default.isExecutableFile(atPath: bin.appendingPathComponent($0).path) }) {
                return PeerTools(bin: bin)
            }
        }
        return nil
    }()

    /// Peer tests run when the peers are installed, and always in CI (where a missing peer must fail).
    static var shouldRun: Bool { installed != nil || isCI }

    /// The peers, or a recorded failure explaining how to install them.
    static func require() throws -> PeerTools {
        try #require(installed, "ltchiptool/bk7231tools not found: run `bash scripts/test.sh` (sets BKTOOL_PEERS_BIN)")
    }

    /// Runs `tool arguments…` through the ENOTTY-tolerant wrapper; returns exit status and combined output.
    func run(_ tool: String, _ arguments: [String], timeout: Duration = .seconds(120)) throws -> PeerRun {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("peer-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = bin.appendingPathComponent("python")
        process.arguments = [Self.wrapper.path, bin.appendingPathComponent(tool).path] + arguments
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline { usleep(10_000) }
        let timedOut = process.isRunning
        if timedOut {
            process.terminate()
            process.waitUntilExit()
        }
        try handle.close()
        let output = String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self)
        return PeerRun(command: ([tool] + arguments).joined(separator: " "), status: process.terminationStatus,
                       timedOut: timedOut, output: output)
    }
}

/// What one peer invocation did.
struct PeerRun: Sendable, CustomStringConvertible {
    let command: String
    let status: Int32
    let timedOut: Bool
    let output: String

    var succeeded: Bool { status == 0 && !timedOut }

    /// The last lines of output for a failure message, without lines that could carry device secrets
    /// (keys, MAC addresses) read from a dump.
    var description: String {
        let lines = output.split(separator: "\n").filter { line in
            !["Key", "MAC", "key", "mac"].contains { line.contains($0) }
        }
        let tail = lines.suffix(12).joined(separator: "\n")
        return "\(command) → status \(status)\(timedOut ? " (timed out)" : "")\n\(tail)"
    }
}

/// Temporary directory for one test's files.
func makeScratchDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("bktool-peer-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// 256 KiB of deterministic non-0xFF bytes (an LCG), so every sector really gets erased and written.
func testPayload(count: Int = 0x40000, seed: UInt32 = 0xB7231) -> [UInt8] {
    var state = seed
    return (0..<count).map { _ in
        state = state &* 1_664_525 &+ 1_013_904_223
        return UInt8(truncatingIfNeeded: state >> 24)
    }
}

/// The dump with `payload` written at `offset`.
func replacing(_ image: [UInt8], at offset: Int, with payload: [UInt8]) -> [UInt8] {
    var result = image
    result.replaceSubrange(offset..<(offset + payload.count), with: payload)
    return result
}

func readBytes(_ url: URL) -> [UInt8]? {
    (try? Data(contentsOf: url)).map { [UInt8]($0) }
}

/// Expects equal bytes (a missing file counts as different) without printing megabytes when it fails.
func expectSame(_ actual: [UInt8]?, _ expected: [UInt8], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let equal = actual.map { $0.elementsEqual(expected) } ?? false
    #expect(equal, Comment(rawValue: what), sourceLocation: sourceLocation)
}
