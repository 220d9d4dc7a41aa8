import ArgumentParser
import BekenConversion
import BekenWebUI
import Foundation

/// `bktool ui`: the conversion in a local browser page (BekenWebUI's server on 127.0.0.1, a random token in the
/// URL, the Host header checked). Prints the URL and opens the browser unless --no-open; serves until Ctrl-C.
struct UICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Back up and flash from a page in your browser (served on 127.0.0.1 only).")

    @Option(name: .long, help: "Port on 127.0.0.1 (default: a free high port).")
    var port = 0

    @Flag(name: .customLong("no-open"), help: "Only print the URL; do not open a browser.")
    var noOpen = false

    @Option(name: .customLong("backup-dir"), help: "Where backups, sidecars and progress records go (the same files `bktool flash --backup-dir` resumes from).")
    var backupDir = "bktool-backups"

    @Flag(name: .customLong("no-pacing"), help: "Run the page's virtual chips at memory speed (tests).")
    var noPacing = false

    /// "Fetch the latest OpenBeken": the same releases URL and cache as `bktool firmware`.
    @OptionGroup var releases: ReleaseOptions

    func run() async throws {
        let directory = try DirectoryBackupStore.prepare(backupDir)
        var configuration = UIServer.Configuration(backupDirectory: directory, tool: BKToolVersion.tool)
        configuration.pacedVirtualChips = !noPacing
        configuration.flasherOptions.baudRate = 1_500_000
        let finder = releases.finder()
        configuration.releasesBaseURL = finder.baseURL
        configuration.firmwareCache = finder.cache.directory
        let server: UIServer
        do {
            server = try UIServer(port: port, configuration: configuration)
        } catch {
            throw CLIFailure.failed("ui-listen", "could not listen on 127.0.0.1:\(port): \(error)",
                                    hint: "pick another --port, or leave it out for a free one")
        }
        server.start()
        Terminal.writeOutput("bktool ui: open \(server.url)\n(backups in \(directory.path); Ctrl-C stops the server)\n")
        if !noOpen { Self.openBrowser(server.url) }
        await Interrupt.wait()
        server.stop()
    }

    /// xdg-open on Linux, open on macOS; a failure only means the user opens the printed URL.
    static func openBrowser(_ url: String) {
        let process = Process()
        #if os(macOS)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/open")
        process.arguments = [url]
        #else
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", url]
        #endif
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }
}
