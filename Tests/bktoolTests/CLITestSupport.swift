import BekenEmulator
import Foundation
import SerialLink
import BekenTestSupport

/// Runs the real `bktool` binary (built next to the test bundle) and other programs as subprocesses.
enum Subprocess {
    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
        var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
    }

    static let bktool: URL = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
            Bundle.main.bundleURL,
        ]
        for directory in candidates {
            let url = directory.appendingPathComponent("bktool")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return candidates[0].appendingPathComponent("bktool")
    }()

    static func run(_ executable: URL, _ arguments: [String]) throws -> Outcome {
        // Output goes to temporary files: no pipe can fill up and block the child.
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("bktool-sub-\(UUID().uuidString)")
        let outURL = base.appendingPathExtension("out"), errURL = base.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus,
                       stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                       stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    static func bktool(_ arguments: [String]) throws -> Outcome { try run(bktool, arguments) }
}

/// Real dumps in `shared/dumps` next to the package folder (docs/TESTING.md "Real data"); never copied into the repo.
enum Dumps {
    static let directory = SharedDumps.directory

    static func load(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    static let bk7231n = "Mirabella_Genio_I003632_Plug.bin"
    static let bk7231t = "Brilo_8464455_Ceiling_Light.bin"
}

/// A virtual chip on a pty. It starts in download mode; when a tool starts talking at a rate the chip does not
/// hear (e.g. after another tool left it at 1.5 Mbaud), a virtual person resets it 100 ms later.
final class ServedChip {
    let chip: VirtualChip
    let server: ChipServer
    var path: String { server.path! }

    init(_ personality: ChipPersonality, flash: [UInt8], initialState: ChipRunState = .downloadMode,
         resetAfter: Duration? = .milliseconds(100)) throws {
        chip = VirtualChip(configuration: .init(personality: personality, flash: flash, timing: .instant,
                                                initialState: initialState, resetAfter: resetAfter))
        server = try ChipServer.onPseudoTerminal(chip)
    }

    deinit { server.stop() }
}

/// A fresh temporary directory, removed on deinit.
final class TemporaryDirectory {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("bktool-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    deinit { try? FileManager.default.removeItem(at: url) }
}
