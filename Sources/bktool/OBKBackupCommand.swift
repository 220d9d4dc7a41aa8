import ArgumentParser
import BekenConversion
import Foundation
import OpenBekenLAN

/// `bktool obk backup HOST|--from FILE`: the config sector and the Tuya region (or the whole flash) over HTTP.
struct OBKBackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Back up an OpenBeken device's config sector and Tuya region (or --full flash) over the network.",
        discussion: """
            Reads through /api/flash in 4 KiB chunks, each length-checked and retried. Files go into --backup-dir \
            as NAME_MAC_REGION.bin (never overwriting; a JSON sidecar next to each), then the config and pins are \
            decoded and shown. With --from FILE every OpenBeken device of a scan is backed up; one device's \
            failure never stops the others.
            """)

    @Argument(help: "HOST[:PORT] of the device (or use --from).")
    var host: String?

    @OptionGroup var targets: DeviceTargets

    @Option(name: .customLong("backup-dir"), help: "Where the backups and sidecars go (created when missing).")
    var backupDir = "bktool-backups"

    @Flag(help: "Read the whole 2 MiB flash instead of the config sector and the Tuya region.")
    var full = false

    @OptionGroup var lan: LANOptions
    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        let ok = true
        let device: String
        let chip: String
        let build: String
        let files: [NetworkBackupText]
    }

    func run() async throws {
        let devices = try targets.addresses(host: host)
        if targets.from == nil {
            try runOne(devices[0])
            return
        }
        let lan = self.lan, full = self.full, directory = backupDir
        let results = MassOperation.run(devices, width: 4) { device in
            let backup = try NetworkBackup.read(from: lan.client(device), full: full)
            return try NetworkBackupSaver.save(backup, device: device, directory: directory, tool: BKToolVersion.tool)
                .map(NetworkBackupText.init)
        }
        try MassReport(rows: results.map { MassReport.row($0) { files in
            files.map { URL(fileURLWithPath: $0.file).lastPathComponent }.joined(separator: ", ")
        } }).finish(json: output.json, verb: "backup")
    }

    private func runOne(_ device: DeviceAddress) throws {
        let progress = ProgressRenderer(options: output)
        var begun = false
        let backup = try NetworkBackup.read(from: lan.client(device), full: full) { done, total in
            if !begun {
                progress.begin("reading \(device)", total: total)
                begun = true
            }
            progress.update(done: done)
        }
        progress.finish()
        let saved = try NetworkBackupSaver.save(backup, device: device, directory: backupDir, tool: BKToolVersion.tool)
            .map(NetworkBackupText.init)
        if output.json {
            JSONOutput.emit(Report(device: device.description, chip: backup.info.chipset, build: backup.info.build,
                                   files: saved))
            return
        }
        var text = "backed up \(backup.info.shortName) (\(backup.info.chipset), \(device)):\n"
        for file in saved {
            text += "  \(file.region): \(file.file) (\(file.length) bytes, CRC-32 \(file.crc32))\n"
            for line in file.decoded { text += "    \(line)\n" }
        }
        Terminal.writeOutput(text)
    }
}
