import ArgumentParser
import FirmwareReleases
import Foundation

/// Where releases come from and where downloads are kept.
struct ReleaseOptions: ParsableArguments {
    @Option(name: .customLong("releases-url"),
            help: "Base URL of the GitHub releases API (default: $BKTOOL_RELEASES_URL or https://api.github.com).")
    var releasesURL: String?

    @Option(name: .customLong("cache-dir"), help: "Firmware cache (default: ~/.cache/bktool/firmware).")
    var cacheDir: String?

    func finder() -> ReleaseFinder {
        let environment = ProcessInfo.processInfo.environment
        let base = releasesURL ?? environment["BKTOOL_RELEASES_URL"] ?? ReleaseFinder.defaultBaseURL
        let directory = cacheDir.map { URL(fileURLWithPath: $0) } ?? FirmwareCache.defaultDirectory(app: "bktool")
        return ReleaseFinder(baseURL: base, cache: FirmwareCache(directory: directory))
    }
}

/// `bktool firmware list|fetch`: OpenBeken releases for a chip.
struct FirmwareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "firmware",
        abstract: "Find and download OpenBeken releases for a chip (cached with size and SHA-256; reused offline).",
        subcommands: [FirmwareListCommand.self, FirmwareFetchCommand.self])
}

struct FirmwareListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List a release's firmware files (latest unless --version), or the cache when offline.")

    @Option(help: "Only files for this chip, e.g. bk7231n.") var chip: String?
    @Option(help: "A release tag such as 1.18.292 (default: the latest).") var version: String?
    @OptionGroup var releases: ReleaseOptions
    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        let ok = true
        let tag: String
        let files: [ListedFirmware]
    }

    struct CachedReport: Encodable {
        let ok = true
        let offline = true
        let reason: String
        let cached: [FirmwareCache.Entry]
    }

    func run() async throws {
        let finder = releases.finder()
        let result: Result<ReleaseDocument, FirmwareError>
        do {
            result = .success(try await finder.release(version: version))
        } catch {
            result = .failure(error)
        }
        switch result {
        case .success(let document):
            show(document)
        case .failure(let error) where error.code == .downloadFailed:
            showCache(finder: finder, error: error)
        case .failure(let error):
            throw error
        }
    }

    private func showCache(finder: ReleaseFinder, error: FirmwareError) {
        let cached = finder.cache.entries().filter { chip == nil || $0.request.chip == chip!.lowercased() }
        if output.json {
            JSONOutput.emit(CachedReport(reason: error.facts["reason"] ?? "", cached: cached))
        } else {
            var text = "releases server unreachable (\(error.facts["reason"] ?? "")); cached files:\n"
            for entry in cached { text += "  \(entry.name)  \(entry.size) bytes  sha256 \(entry.sha256)\n" }
            if cached.isEmpty { text += "  (none)\n" }
            Terminal.writeOutput(text)
        }
    }

    private func show(_ document: ReleaseDocument) {
        let files = document.firmware(forChip: chip)
        if output.json {
            JSONOutput.emit(Report(tag: document.tagName, files: files))
            return
        }
        var text = "OpenBeken \(document.tagName):\n"
        for file in files {
            text += "  \(file.name)  \(file.chip) \(file.kind.rawValue)\(file.variant.map { " (\($0))" } ?? "")"
                + (file.size.map { "  \($0) bytes" } ?? "") + "\n"
        }
        if files.isEmpty { text += "  (no firmware files\(chip.map { " for \($0)" } ?? ""))\n" }
        Terminal.writeOutput(text)
    }
}

struct FirmwareFetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download the firmware file for a chip into the cache (or reuse it) and print its path.",
        discussion: """
            --kind qio (default): the whole-flash image for UART flashing, OpenBK7231N_QIO_<ver>.bin; ua: the \
            app-only UART image; ota: the .rbl for `bktool obk ota`. Without --variant the plain build is chosen.
            """)

    @Option(help: "The chip, e.g. bk7231n or bk7231t.") var chip: String
    @Option(help: "qio, ua or ota.") var kind: FirmwareKind = .qio
    @Option(help: "A build variant suffix (default: the plain build).") var variant: String?
    @Option(help: "A release tag such as 1.18.292 (default: the latest).") var version: String?
    @OptionGroup var releases: ReleaseOptions
    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        let ok = true
        let name: String
        let tag: String
        let path: String
        let size: Int
        let sha256: String
        let source: String
    }

    func validate() throws {
        guard chip.lowercased().hasPrefix("bk") || chip.lowercased().hasPrefix("bl") || chip.lowercased().hasPrefix("w"),
              chip.allSatisfy({ $0.isLetter || $0.isNumber }) else {
            throw ValidationError("--chip must be a chip name such as bk7231n")
        }
    }

    func run() async throws {
        let fetched = try await releases.finder().fetch(FirmwareRequest(chip: chip, kind: kind, variant: variant,
                                                                        version: version))
        let entry = fetched.entry
        if output.json {
            JSONOutput.emit(Report(name: entry.name, tag: entry.tag, path: fetched.path.path, size: entry.size,
                                   sha256: entry.sha256, source: fetched.source.rawValue))
            return
        }
        if let reason = fetched.offlineReason {
            Terminal.writeError("releases server unreachable (\(reason)); using the cached \(entry.tag)\n")
        }
        Terminal.writeOutput("\(fetched.path.path)\n  \(entry.name), \(entry.size) bytes, sha256 \(entry.sha256) (\(fetched.source.rawValue))\n")
    }
}

extension FirmwareKind: ExpressibleByArgument {}
