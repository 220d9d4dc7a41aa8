import ArgumentParser
import BekenConversion
import BekenFlasher
import SerialLink
import Foundation

/// `bktool flash FIRMWARE`: the one-command conversion (docs/ARCHITECTURE.md "Command line"; Easy Flasher's "Do backup and
/// flash new"): back up, check the firmware, learn the pins, write firmware and OpenBeken config, verify, reboot.
struct FlashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flash",
        abstract: "Convert a device: back up, write firmware and OpenBeken config (Wi-Fi, MQTT, pins), verify, reboot.",
        discussion: """
            Steps: link and identify the chip; check FIRMWARE for this chip (refuses eFuse/ROM dumps, other devices' full dumps, other-chip \
            builds, rotated dumps, app images at 0x0, bootloader overwrites on BK7231T); back up the whole flash \
            into --backup-dir (never overwriting a file; skipped when --backup names a verified backup of this very \
            chip); read the pins from the backup's Tuya config (or --template); write the firmware (sectors already \
            identical are skipped) and the OpenBeken config sector; verify all by the chip's CRC; reboot.
            Progress is saved next to the backup after every verified range: if the run is interrupted (lost link, \
            brown-out, Ctrl-C), run the same command again and it resumes at the first unverified sector.
            --latest instead of FIRMWARE: once the chip is identified, the latest OpenBeken release for it is \
            downloaded (or taken from the `bktool firmware` cache, also offline) and flashed.
            Example: bktool flash -p /dev/ttyUSB0 OpenBK7231N_UA_1.0.0.bin --wifi Home --wifi-password … \
            --mqtt 192.168.1.10 --name kitchen-plug
            """)

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The firmware: an OpenBeken UA (app-only) or QIO image for this chip; omit with --latest.")
    var firmware: String?

    @OptionGroup var latest: LatestFirmwareOptions

    @Option(name: .customLong("backup-dir"), help: "Where the backup, its sidecar and the progress record go (created when missing).")
    var backupDir = "bktool-backups"

    @Option(help: "An existing full backup of this very chip (checked by its sidecar: chip, flash ID, MAC, CRC-32); no new backup is read.")
    var backup: String?

    @Option(name: .customLong("wifi"), help: "Wi-Fi network (SSID) the device joins. Without it the device opens its own access point.")
    var wifiSSID: String?

    @Option(name: .customLong("wifi-password"), help: "Wi-Fi password.")
    var wifiPassword: String?

    @Option(help: "MQTT broker as HOST or HOST:PORT (port 1883 when omitted).")
    var mqtt: String?

    @Option(name: .customLong("mqtt-user"), help: "MQTT user.")
    var mqttUser: String?

    @Option(name: .customLong("mqtt-password"), help: "MQTT password.")
    var mqttPassword: String?

    @Option(help: "Device name (host name, MQTT topic when it fits 31 bytes).")
    var name: String?

    @Option(help: "OpenBeken device-template JSON to use instead of the pins found in the backup.")
    var template: String?

    @Flag(name: .customLong("no-pins"), help: "Set no pins (configure them later in the web UI).")
    var noPins = false

    @Option(help: "Flash address for FIRMWARE (default: decided from the file: 0x11000 for app images).")
    var address: FlashNumber?

    @Flag(name: .customLong("with-bootloader"), help: "Also write the bootloader part of a QIO image (refused on BK7231T/U).")
    var withBootloader = false

    @Flag(help: "Write despite a chip/key doubt or a damaged app, or a BK7231T bootloader you know is good.")
    var force = false

    @Flag(name: .customLong("no-reboot"), help: "Leave the chip in download mode instead of rebooting it.")
    var noReboot = false

    @Flag(name: .customLong("no-watch"), help: "Do not listen to the rebooted chip's log (exit codes 3–6 report what it shows; see `monitor`).")
    var noWatch = false

    func validate() throws {
        guard (firmware != nil) != latest.latest else { throw ValidationError("give the FIRMWARE file or --latest (one of them)") }
        if latest.variant != nil && !latest.latest { throw ValidationError("--variant needs --latest") }
        if template != nil && noPins { throw ValidationError("choose either --template or --no-pins") }
        if wifiPassword != nil && wifiSSID == nil { throw ValidationError("--wifi-password needs --wifi SSID") }
        if address?.value == nil && address != nil { throw ValidationError("--address needs a number, not ALL") }
    }

    func run() throws {
        // Input problems are reported before the chip is touched.
        var settings: ConversionSettings
        if let firmware {
            settings = ConversionSettings(firmware: try InputFile.read(firmware),
                                          firmwareName: URL(fileURLWithPath: firmware).lastPathComponent, tool: BKToolVersion.tool)
        } else {
            settings = ConversionSettings(latest: latest.request()!, tool: BKToolVersion.tool)
        }
        let template = try self.template.map { try OBKConfigBuildCommand.readTemplate($0) }
        let broker = try mqtt.map { try OBKConfigInputs.parseMQTT($0) }
        let directory = try DirectoryBackupStore.prepare(backupDir)
        settings.address = address?.value
        settings.withBootloader = withBootloader
        settings.force = force
        settings.givenBackup = backup
        settings.network.wifiSSID = wifiSSID
        settings.network.wifiPassword = wifiPassword
        settings.network.mqttHost = broker?.host
        settings.network.mqttPort = broker?.port ?? 1883
        settings.network.mqttUser = mqttUser
        settings.network.mqttPassword = mqttPassword
        settings.name = name
        if let template, let path = self.template {
            settings.pins = .template(template, name: path)
        } else if noPins {
            settings.pins = .none
        }
        settings.reboot = !noReboot
        // The record sits next to the backup: in --backup-dir, or beside the file --backup names.
        let recordDirectory = backup.map { URL(fileURLWithPath: $0).deletingLastPathComponent() } ?? directory
        try FlashRun.run(settings, port: connection.port, options: ChipConnection.flasherOptions(connection),
                         output: output, firmwarePath: firmware ?? "",
                         backups: DirectoryBackupStore(directory: directory),
                         progress: FileProgressStore(directory: recordDirectory), watch: !noWatch)
    }
}

/// `flash` and `demo`: the conversion library run on the port the options name, its events shown as steps, its
/// result as the summary (or the `--json` document), its failure as one error line with an exit code.
/// After a reboot it listens to the device's log (`PostFlashWatch`) unless `watch` is off; a boot loop or a
/// firmware in trouble becomes the exit code (3, 6) after the summary.
enum FlashRun {
    @discardableResult
    static func run(_ settings: ConversionSettings, port: String, options: Flasher.Options, output: OutputOptions,
                    firmwarePath: String, backups: any BackupStore, progress: any ProgressStore,
                    watch: Bool) throws -> ConversionResult {
        let view = ConversionView(output: output, port: port, firmwareName: settings.firmwareName)
        let link = try openLink(url: port, baud: 115_200)
        defer { link.close() }
        let runner = ConversionRunner(link: link, options: options, settings: settings, backups: backups,
                                      progress: progress, events: view.handle)
        let result = try runner.run()
        // The watch's line comes before the summary, so the summary stays the last (JSON) document and carries
        // the watch's verdict ("ok": false after a boot loop) for scripts that read only that document.
        let boot = watch && result.rebooted
            ? try PostFlashWatch.run(link: link, config: result.plan.config.config, output: output) : nil
        let summary = ConversionSummary(result: result, firmwarePath: result.fetched?.path ?? firmwarePath, boot: boot)
        if output.json {
            JSONOutput.emit(summary.document)
        } else {
            Terminal.writeOutput("\n" + summary.text)
        }
        if let boot, boot.exitCode != 0 { throw ExitCode(boot.exitCode) }
        return result
    }
}
