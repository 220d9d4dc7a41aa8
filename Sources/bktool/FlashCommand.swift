import ArgumentParser

/// `bktool flash FIRMWARE`: the one-command conversion (DESIGN.md "Command line"; Easy Flasher's "Do backup and
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
            Example: bktool flash -p /dev/ttyUSB0 OpenBK7231N_UA_1.0.0.bin --wifi Home --wifi-password … \
            --mqtt 192.168.1.10 --name kitchen-plug
            """)

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The firmware: an OpenBeken UA (app-only) or QIO image for this chip.")
    var firmware: String

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
        if template != nil && noPins { throw ValidationError("choose either --template or --no-pins") }
        if wifiPassword != nil && wifiSSID == nil { throw ValidationError("--wifi-password needs --wifi SSID") }
        if address?.value == nil && address != nil { throw ValidationError("--address needs a number, not ALL") }
    }

    func run() throws {
        try FlashConversion(command: self).run()
    }
}
