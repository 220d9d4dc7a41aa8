import ArgumentParser
import FirmwareReleases
import Foundation
import OpenBekenLAN

/// `bktool obk ota HOST FILE|--latest` (or `--from LIST`): check, upload, reboot, wait, confirm the build.
struct OBKOTACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ota",
        abstract: "Update an OpenBeken device over the network with an OTA .rbl, checked for its chip first.",
        discussion: """
            The file must be an OpenBeken OTA package (.rbl) whose app, once decrypted and unzipped, is built for \
            the device's chip (/api/info "chipset"); UA, QIO and Tuya UG files and other chips' builds are refused \
            with the reason. After the upload the device is rebooted; bktool waits for it and confirms the new \
            build. --latest fetches the newest release for the device's chip (see `bktool firmware`).
            """)

    @Argument(help: "HOST[:PORT] of the device (or use --from).")
    var host: String?

    @Argument(help: "The OpenBeken OTA file (OpenBK7231N_<version>.rbl …); omit with --latest.")
    var file: String?

    @OptionGroup var targets: DeviceTargets

    @Flag(help: "Use the latest OpenBeken release for the device's chip.")
    var latest = false

    @Option(help: "Build variant for --latest (default: the plain build).")
    var variant: String?

    @Option(name: .customLong("wait"), help: "Seconds to wait for the device after the reboot.")
    var wait: Double = 60

    @OptionGroup var releases: ReleaseOptions
    @OptionGroup var lan: LANOptions
    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        let ok = true
        let device: String
        let before: String
        let after: String
        let version: String
    }

    func validate() throws {
        // With --from, the single positional is the FILE.
        if targets.from != nil, file != nil { throw ValidationError("with --from give only the FILE, no HOST") }
        let fileGiven = targets.from != nil ? host != nil : file != nil
        guard fileGiven != latest else { throw ValidationError("give the OTA FILE or --latest (one of them)") }
        guard wait > 0, wait <= 3600 else { throw ValidationError("--wait must be between 0 and 3600 seconds") }
    }

    func run() async throws {
        // `bktool obk ota --from LIST FILE`: the single positional is the file.
        let (hostArgument, fileArgument) = targets.from != nil && file == nil && !latest ? (nil, host) : (host, file)
        let devices = try targets.addresses(host: hostArgument)
        var packages: [String: [UInt8]] = [:]  // chipset → file bytes
        if let fileArgument {
            let bytes = try InputFile.read(fileArgument)
            // Refuse a file that is no OpenBeken OTA package before touching any device.
            _ = try OTAPackage(opening: bytes)
            packages["*"] = bytes
        } else {
            for chipset in try chipsets(of: devices) {
                let fetched = try await releases.finder().fetch(
                    FirmwareRequest(chip: chipset.lowercased(), kind: .ota, variant: variant))
                packages[chipset] = try InputFile.read(fetched.path.path)
                if !output.json {
                    Terminal.writeError("using \(fetched.entry.name) (\(fetched.source.rawValue)) for \(chipset)\n")
                }
            }
        }
        let limit = Duration.milliseconds(Int(wait * 1000))
        if targets.from == nil {
            try runOne(devices[0], packages: packages, limit: limit)
            return
        }
        let lan = self.lan, chosen = packages
        let results = MassOperation.run(devices, width: 4) { device in
            let client = lan.client(device)
            var bytes = chosen["*"] ?? []
            if bytes.isEmpty { bytes = chosen[try client.info().chipset] ?? [] }
            return try OTAUpdate(client: client, returnLimit: limit).run(package: bytes)
        }
        try MassReport(rows: results.map { MassReport.row($0) { "now \($0.after.version ?? $0.after.build)" } })
            .finish(json: output.json, verb: "OTA")
    }

    private func chipsets(of devices: [DeviceAddress]) throws -> [String] {
        var found: Set<String> = []
        for device in devices {
            if let info = try? lan.client(device).info() { found.insert(info.chipset) }
        }
        if found.isEmpty, devices.count == 1 { _ = try lan.client(devices[0]).info() }  // its error, clearly
        return found.sorted()
    }

    private func runOne(_ device: DeviceAddress, packages: [String: [UInt8]], limit: Duration) throws {
        let client = lan.client(device)
        var bytes = packages["*"] ?? []
        if bytes.isEmpty { bytes = packages[try client.info().chipset] ?? [] }
        let progress = ProgressRenderer(options: output)
        var waiting = false
        let outcome = try OTAUpdate(client: client, returnLimit: limit).run(package: bytes) { event in
            switch event {
            case let .checked(chip, version): progress.note("file checked: OpenBeken \(version) for \(chip)")
            case let .uploading(sent, total):
                if sent == 0 { progress.begin("uploading to \(device)", total: total) } else { progress.update(done: sent) }
                if sent == total { progress.finish() }
            case .rebooting: progress.note("rebooting the device")
            case .waiting:
                if !waiting { progress.note("waiting up to \(Int(wait)) s for the device to come back") }
                waiting = true
            }
        }
        if output.json {
            JSONOutput.emit(Report(device: device.description, before: outcome.before.build, after: outcome.after.build,
                                   version: outcome.packageVersion))
        } else {
            Terminal.writeOutput("\(device) updated: was \"\(outcome.before.build)\", now \"\(outcome.after.build)\"\n")
        }
    }
}
