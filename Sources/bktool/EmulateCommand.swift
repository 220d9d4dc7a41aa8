import ArgumentParser
import BekenChips
import BekenEmulator
import Foundation

extension ChipPersonality: ExpressibleByArgument {}

/// `bktool emulate`: serves a virtual chip on a pseudo-terminal until interrupted (docs/TESTING.md "The virtual chip").
struct EmulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulate",
        abstract: "Serve a virtual BK72xx chip on a pseudo-terminal (or raw TCP) and print its port.",
        discussion: "The first line on stdout is `port: /dev/pts/N` (with --json a JSON line with \"port\"); point "
            + "any flasher at it. The chip starts silent, like a device running its firmware; --reset-after-ms after "
            + "a flasher starts sending, a virtual person resets it, and it answers LinkCheck in its boot window. "
            + "Runs until Ctrl-C or SIGTERM, then writes the final flash to --save.")

    @Option(name: .long, help: ArgumentHelp(
        "Chip personality: bk7231n, bk7231m, bk7238 (flash 85 42 15), bk7238-t1u (flash 85 20 15), bk7252n "
            + "(ROM, FULL protocol); bk7231t (Tuya bootloader), bk7231u (Beken bootloader)."))
    var chip: ChipPersonality

    @Option(name: .long, help: ArgumentHelp("Flash contents to load (a full dump). Default: erased flash of --flash-size.",
                                            valueName: "file"))
    var flash: String?

    @Option(name: .long, help: "Size of the erased flash without --flash (e.g. 2M, 0x400000).")
    var flashSize: FlashNumber = FlashNumber(VirtualChip.Configuration.defaultFlashSize)

    @Option(name: .long, help: ArgumentHelp("Also make a symlink at PATH pointing to the port.", valueName: "path"))
    var link: String?

    @Option(name: .long, help: ArgumentHelp("Write the final flash contents to FILE on exit.", valueName: "file"))
    var save: String?

    @Flag(name: .long, help: "Answer as fast as possible instead of pacing at the UART rate with flash timing.")
    var noPacing = false

    @Option(name: .long, help: "Turnaround before each reply in milliseconds (paced mode).")
    var turnaroundMs: Int = 1

    @Option(name: .long, help: "Milliseconds after a flasher starts sending until the virtual person resets the chip.")
    var resetAfterMs: Int = 100

    @Option(name: .long, parsing: .singleValue,
            help: ArgumentHelp("Inject a fault (repeatable): \(FaultPlan.specHelp.joined(separator: ", ")).",
                               valueName: "KEY[=VALUE]"))
    var fault: [String] = []

    @Flag(name: .long, help: "Print the chip's timing model (wire, turnaround, erase, program, CRC rate) as JSON and exit.")
    var printTiming = false
    @Option(name: .long, help: ArgumentHelp("Serve over raw TCP on 127.0.0.1:PORT instead of a pty (0: any free port).",
                                            valueName: "port"))
    var tcp: Int?
    @Option(name: .long, help: "What the chip prints after each boot: auto (OpenBeken's boot when the flash holds an OpenBeken config), openbeken, silent.")
    var firmware: FirmwareChoice = .auto

    @Option(name: .customLong("boot-log"), help: ArgumentHelp("Print this captured log after each boot instead (replayed at --log-baud).", valueName: "file"))
    var bootLog: String?

    @Option(name: .customLong("log-baud"), help: "The rate the firmware logs at.")
    var logBaud: Int = 115_200

    @Option(name: .customLong("power-on-after-ms"), help: "Power the chip up this long after the port appears (start your monitor first).")
    var powerOnAfterMs: Int = 0

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if powerOnAfterMs < 0 { throw ValidationError("--power-on-after-ms must be 0 or more") }
        if logBaud < 300 || logBaud > 4_000_000 { throw ValidationError("--log-baud must be between 300 and 4000000") }
        if turnaroundMs < 0 { throw ValidationError("--turnaround-ms must be 0 or more") }
        if resetAfterMs < 0 { throw ValidationError("--reset-after-ms must be 0 or more") }
        try validateTCP()
        if flash != nil, flashSize != FlashNumber(VirtualChip.Configuration.defaultFlashSize) {
            throw ValidationError("--flash-size applies only to an erased flash; drop it or --flash")
        }
    }

    func run() async throws {
        let configuration = try makeConfiguration()
        if printTiming { return JSONOutput.emit(EmulatorTimingReport(configuration.timing)) }
        let virtualChip = VirtualChip(configuration: configuration)
        let server = try serve(virtualChip)
        let port = server.port
        if let link { try makeSymlink(at: link, to: port) }
        announce(port: port, configuration: configuration)

        await Interrupt.wait()

        server.stop()
        if let link { try? FileManager.default.removeItem(atPath: link) }
        let contents = virtualChip.flash
        if let save {
            do {
                try Data(contents).write(to: URL(fileURLWithPath: save))
            } catch {
                throw CLIFailure.failed("save-failed", "could not write the flash to \(save): \(error.localizedDescription)",
                                        hint: "check the directory exists and is writable")
            }
        }
        finish(contents: contents, commands: virtualChip.commandLog.count)
    }

    func makeConfiguration() throws -> VirtualChip.Configuration {
        let contents: [UInt8]
        do {
            contents = try VirtualChip.Configuration.flashContents(
                file: flash, blankSize: flashSize.resolved(whole: VirtualChip.Configuration.defaultFlashSize))
        } catch {
            throw CLIFailure.badInput("flash-unreadable", "could not read \(flash ?? ""): \(error.localizedDescription)",
                                      hint: "pass a full flash dump (.bin) that exists")
        }
        var timing = noPacing ? TimingModel.instant : TimingModel.realistic
        timing.turnaround = .milliseconds(turnaroundMs)
        var configuration = VirtualChip.Configuration(
            personality: chip, flash: contents, timing: timing, initialState: .applicationRunning,
            resetAfter: .milliseconds(resetAfterMs))
        do {
            configuration.faults = try FaultPlan(specs: fault)
        } catch {
            throw CLIFailure.badInput("bad-fault", error.description,
                                      hint: "e.g. --fault drop=0.1% --fault reset-at=500 --fault ceiling=921600 --fault seed=7")
        }
        if let problem = configuration.problems.first {
            throw CLIFailure.badInput("bad-flash", problem, hint: "flash images must be 1 byte to 16 MiB")
        }
        configuration.firmware = try firmwareProgram()
        configuration.powerOnDelay = .milliseconds(powerOnAfterMs)
        return configuration
    }

    /// The firmware the chip runs after each boot (--boot-log, else --firmware; --log-baud applies to both).
    func firmwareProgram() throws -> FirmwareProgram? {
        if let bootLog {
            guard let data = FileManager.default.contents(atPath: bootLog), !data.isEmpty else {
                throw CLIFailure.badInput("boot-log-unreadable", "cannot read \(bootLog) (or it is empty)",
                                          hint: "pass a captured UART log, e.g. one saved by `bktool monitor --save`")
            }
            return FirmwareChoice.replay([UInt8](data), baud: logBaud)
        }
        guard let program = firmware.program(chip: chip.family.kind) else { return nil }
        guard logBaud != 115_200 else { return program }
        let rate = logBaud
        return { boot in
            var run = program(boot)
            run.baudRate = rate
            return run
        }
    }

    func makeSymlink(at path: String, to target: String) throws {
        let manager = FileManager.default
        if let attributes = try? manager.attributesOfItem(atPath: path) {
            guard attributes[.type] as? FileAttributeType == .typeSymbolicLink else {
                throw CLIFailure.badInput("link-exists", "\(path) exists and is not a symlink",
                                          hint: "choose another --link path")
            }
            try? manager.removeItem(atPath: path)
        }
        do {
            try manager.createSymbolicLink(atPath: path, withDestinationPath: target)
        } catch {
            throw CLIFailure.failed("link-failed", "could not create symlink \(path): \(error.localizedDescription)",
                                    hint: "check the directory exists and is writable")
        }
    }

    struct Announcement: Encodable {
        let port: String
        let chip: String
        let flashSize: Int
        let pacing: Bool
        let turnaroundMs: Int
        let resetAfterMs: Int
        let faults: [String]
    }

    func announce(port: String, configuration: VirtualChip.Configuration) {
        let flashSize = configuration.flash.count
        if output.json {
            JSONOutput.emit(Announcement(
                port: port, chip: chip.rawValue, flashSize: flashSize, pacing: !noPacing,
                turnaroundMs: turnaroundMs, resetAfterMs: resetAfterMs, faults: fault))
            return
        }
        Terminal.writeOutput("port: \(port)\n")
        let pacing = noPacing ? "off" : "on (turnaround \(turnaroundMs) ms, flash timing per docs/TESTING.md)"
        if !configuration.traits.isROM, configuration.flash.prefix(256).allSatisfy({ $0 == 0xFF }) {
            // No bootloader image: the peers' CRC(0, 256) finds no known bootloader (bk7231tools linking.py detect_chip).
            Terminal.writeError("note: erased flash has no bootloader; flashers will see an unknown bootloader "
                + "(BASIC_BEKEN), not BK7231T — load a real T dump with --flash to look like one\n")
        }
        Terminal.writeError(
            "virtual \(chip.rawValue), flash \(hexAddress(flashSize)) bytes\(flash.map { " from \($0)" } ?? " erased"), "
                + "pacing \(pacing); reset \(resetAfterMs) ms after a flasher starts. Ctrl-C to stop.\n")
        if !fault.isEmpty { Terminal.writeError("faults injected: \(fault.joined(separator: " "))\n") }
        let firmwareText = bootLog.map { "replays \($0)" } ?? "firmware \(firmware.rawValue)"
        Terminal.writeError("after each boot it \(firmwareText) at \(logBaud) baud\n")
    }

    struct Summary: Encodable {
        let ok = true
        let commands: Int
        let saved: String?
        let flashSize: Int
    }

    func finish(contents: [UInt8], commands: Int) {
        if output.json {
            JSONOutput.emit(Summary(commands: commands, saved: save, flashSize: contents.count))
        } else if let save {
            Terminal.writeOutput("saved \(hexAddress(contents.count)) bytes of flash to \(save) (\(commands) commands served)\n")
        } else {
            Terminal.writeOutput("stopped (\(commands) commands served)\n")
        }
    }
}
