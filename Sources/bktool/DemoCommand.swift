import ArgumentParser
import BekenChips
import BekenConversion
import BekenDemo
import BekenEmulator
import BekenFlasher
import Foundation
import OpenBeken

/// `bktool demo`: the whole conversion with nothing attached. A virtual BK7231N holding a synthetic Tuya plug
/// (BekenDemo; with `--chip bk7238` a BK7238 T1 plug in Tuya's factory layout, with `--chip bk7252n` a T4-U plug) is served on a pseudo-terminal,
/// paced like a real 1.5 Mbaud UART with flash timing, running its firmware until a virtual person resets it; then
/// the conversion library runs against it with a synthetic OpenBeken image, shown as `flash` shows it, and the
/// result is checked on the virtual chip's flash.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Convert a virtual Tuya plug to OpenBeken with `bktool flash`, showing every step (no device needed).",
        discussion: """
            Everything is synthetic: the plug's bootloader, encrypted Tuya app, RF calibration (MAC) and Tuya KV \
            store with a BL0937 plug's pins, and the OpenBeken image (made by bktool's packager; it does not run). \
            --chip bk7238 converts a T1-2S plug instead: the whole QIO image from 0x0 and the RF calibration \
            moved from 0x1E3000 to 0x1E0000; --chip bk7252n a T4-U plug (whole QIO from 0x0, a 48-pin config). The backup goes to a temporary directory unless --backup-dir is \
            given. Exit code 0 only when the firmware, the config sector, the MAC and the untouched Tuya store all \
            check out on the virtual chip.
            """)

    @Option(name: .long, help: "The virtual device's chip: bk7231n (a CB2S plug), bk7238 (a Tuya T1-2S plug) or bk7252n (a T4-U plug).")
    var chip: DemoDevice = .bk7231n

    @Option(name: .customLong("backup-dir"), help: "Where the backup goes (default: a new temporary directory).")
    var backupDir: String?

    @Flag(name: .customLong("no-pacing"), help: "Answer at memory speed instead of a paced 1.5 Mbaud UART with flash timing.")
    var noPacing = false

    @Option(name: .customLong("reset-after-ms"), help: "Milliseconds after bktool starts talking until the virtual person resets the chip.")
    var resetAfterMs = 400

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("Give the virtual chip a fault, e.g. boot-loop=2 (a weak supply: it restarts every 2 s).", valueName: "KEY[=VALUE]"))
    var fault: [String] = []

    @OptionGroup var output: OutputOptions

    static let wifi = "DemoHomeWiFi"
    static let mqtt = "192.168.1.10:1883"
    static let name = "demo-plug"
    static let wifiPassword = "demo-password-123"
    static let mqttUser = "demo"
    static let mqttPassword = "demo-mqtt-secret"

    func run() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("bktool-demo-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let backups = backupDir ?? work.appendingPathComponent("backups").path
        let device = chip
        let chipKind = device.chip
        guard let (firmware, firmwareName, firmwareOffset, firmwareKind) = device.firmware() else {
            throw CLIFailure.failed("demo-firmware", "could not package the synthetic OpenBeken image", hint: "please report this")
        }
        let firmwarePath = work.appendingPathComponent(firmwareName).path
        try Data(firmware).write(to: URL(fileURLWithPath: firmwarePath))

        let original = device.flashImage()
        var timing = noPacing ? TimingModel.instant : TimingModel.realistic
        timing.turnaround = .milliseconds(1)
        var configuration = VirtualChip.Configuration(
            personality: device.personality, flash: original, timing: timing, initialState: .applicationRunning,
            resetAfter: .milliseconds(resetAfterMs))
        // Issue 15: the chip prints OpenBeken's boot log once its flash holds an OpenBeken config; --fault boot-loop.
        configuration.firmware = FirmwareChoice.auto.program(chip: chipKind)
        configuration.faults = try DemoFaults.plan(fault)
        let virtualChip = VirtualChip(configuration: configuration)
        let server: ChipServer
        do {
            server = try ChipServer.onPseudoTerminal(virtualChip)
        } catch {
            throw CLIFailure.failed("pty-failed", "could not create a pseudo-terminal: \(error)",
                                    hint: "check that /dev/ptmx is available (containers may need it mounted)")
        }
        defer { server.stop() }
        let port = server.path ?? ""

        // What a person would type for the same conversion (shown, not parsed: the library is called directly).
        let arguments = ["-p", port, "-b", "1500000", firmwarePath, "--backup-dir", backups,
                         "--wifi", Self.wifi, "--wifi-password", Self.wifiPassword,
                         "--mqtt", Self.mqtt, "--mqtt-user", Self.mqttUser, "--mqtt-password", Self.mqttPassword,
                         "--name", Self.name] + (output.json ? ["--json"] : []) + (output.quiet ? ["--quiet"] : [])
        if !output.json {
            Terminal.writeOutput("""
                bktool demo — converting a virtual \(device.description) to OpenBeken, as you would a real one.
                  device:   virtual \(chipKind.displayName), 2 MiB flash, synthetic Tuya plug firmware (MAC \(device.macString.uppercased())), \
                \(noPacing ? "unpaced" : "paced like a 1.5 Mbaud UART with real flash timing")
                  port:     \(port) (a pseudo-terminal standing in for your USB-UART adapter)
                  firmware: \(firmwarePath) (synthetic OpenBeken \(firmwareKind) image made by bktool's packager)
                  The plug is running its Tuya firmware; \(resetAfterMs) ms after bktool starts calling, a virtual person
                  resets it (CEN to GND), as you would by hand.\(device.note.map { "\n  " + $0 } ?? "")

                $ bktool flash \(Self.shown(arguments))

                """)
        }
        var settings = ConversionSettings(firmware: firmware, firmwareName: firmwareName,
                                          tool: BKToolVersion.tool)
        settings.network.wifiSSID = Self.wifi
        settings.network.wifiPassword = Self.wifiPassword
        settings.network.mqttHost = "192.168.1.10"
        settings.network.mqttPort = 1883
        settings.network.mqttUser = Self.mqttUser
        settings.network.mqttPassword = Self.mqttPassword
        settings.name = Self.name
        var options = Flasher.Options()
        options.baudRate = 1_500_000
        options.cancellation = Interrupt.handle
        Interrupt.arm()
        let backupDirectory = try DirectoryBackupStore.prepare(backups)
        var watchExit: ExitCode?  // what the boot watch saw (a boot loop is exit 3), reported after the checks
        do {
            try FlashRun.run(settings, port: port, options: options, output: output, firmwarePath: firmwarePath,
                             backups: DirectoryBackupStore(directory: backupDirectory),
                             progress: FileProgressStore(directory: backupDirectory), watch: true)
        } catch let code as ExitCode { watchExit = code }

        let problems = Self.check(device, flash: virtualChip.flash, original: original, firmware: firmware,
                                  at: firmwareOffset, backups: backups)
        guard problems.isEmpty else {
            throw CLIFailure.failed("demo-check-failed", "the virtual chip does not hold what was written: "
                                    + problems.joined(separator: "; "), hint: "please report this")
        }
        if !output.json {
            Terminal.writeOutput("""

                Checked on the virtual chip itself: the firmware bytes at \(hexAddress(firmwareOffset)), the config sector decodes to \
                Wi-Fi "\(Self.wifi)", MQTT \(Self.mqtt) and the plug's pins, the MAC is at \(hexAddress(device.rfCalibration)), and the \
                Tuya store is untouched.
                Work files: \(work.path)

                """)
            if let watched = PostFlashWatch.last.value { Terminal.writeOutput("After the reboot, the virtual chip's own log said:\n\(watched)\n") }
        }
        if let watchExit { throw watchExit }
    }

    /// The command line as shown: passwords masked.
    static func shown(_ arguments: [String]) -> String {
        var shown: [String] = []
        var maskNext = false
        for argument in arguments {
            shown.append(maskNext ? "••••" : (argument.contains(" ") ? "'\(argument)'" : argument))
            maskNext = argument.hasSuffix("-password")
        }
        return shown.joined(separator: " ")
    }

    /// What must hold after the demo, as sentences (empty when all is well).
    static func check(_ device: DemoDevice, flash: [UInt8], original: [UInt8], firmware: [UInt8], at offset: Int,
                      backups: String) -> [String] {
        var problems: [String] = []
        if Array(flash[offset ..< offset + firmware.count]) != firmware {
            problems.append("the firmware at \(hexAddress(offset)) differs")
        }
        let rf = device.rfCalibration
        if RFCalibrationSector.mac(in: flash[rf ..< rf + 0x1000]) != device.mac {
            problems.append("the RF calibration at \(hexAddress(rf)) does not hold the plug's MAC")
        }
        let configOffset = OBKConfigLocation.sectorOffset(for: device.chip.family) ?? 0
        let pinBlock = OBKPlatform(chip: device.chip)?.pinBlock ?? .pins32
        if let config = try? OBKConfig(decoding: flash[configOffset ..< configOffset + OBKConfigLayout.sectorSize],
                                       pinBlock: pinBlock) {
            if config.wifiSSID != wifi || config.mqttHost != "192.168.1.10" || config.shortDeviceName != name {
                problems.append("the config sector holds other settings")
            }
            if config.configuredPins.isEmpty { problems.append("the config sector has no pins") }
        } else {
            problems.append("no valid OpenBeken config at \(configOffset)")
        }
        let store = device.tuyaStore
        if flash[store] != original[store] { problems.append("the Tuya store changed") }
        let backupFiles = (try? FileManager.default.contentsOfDirectory(atPath: backups)) ?? []
        let backupMatches = backupFiles.filter { $0.hasSuffix("-backup.bin") }.contains { name in
            FileManager.default.contents(atPath: URL(fileURLWithPath: backups).appendingPathComponent(name).path)
                == Data(original)
        }
        if !backupMatches { problems.append("no backup identical to the plug's original flash") }
        return problems
    }
}
