import ArgumentParser
import BekenChips
import BekenFlasher

/// `bktool write-flash ADDR FILE`: skip what is already there, erase, write, verify by the chip's CRC.
struct WriteFlashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "write-flash",
        abstract: "Write FILE to flash at ADDR; sectors already identical are skipped; verified by the chip's CRC.",
        discussion: """
            Example: bktool write-flash -p /dev/ttyUSB0 0x11000 app.bin
            BK7231T/U bootloaders (0x0–0x11000) cannot be rewritten over UART safely; --force allows it.
            """)

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "Flash address (0x11000 for an application image).")
    var address: FlashNumber

    @Argument(help: "The image file.")
    var file: String

    @Option(name: .long, help: ArgumentHelp(
        "A whole-flash backup of this chip (e.g. from read-flash): a sector outside ADDR..+FILE that a garbled command changes on a noisy line is put back from it.",
        valueName: "FILE"))
    var backup: String?

    @Flag(name: .long, help: "Reboot the chip into its firmware after writing.")
    var reboot = false

    @Flag(name: .long, help: "Allow writing the bootloader window of BK7231T/U/BK7252 chips.")
    var force = false

    struct Result: Encodable {
        let ok = true
        let address: String
        let length: Int
        let seconds: Double
        let writtenSectors: Int
        let skippedSectors: Int
        let blankSectors: Int
        let retries: Int
        let verified: Bool
        let chip: String
    }

    func run() throws {
        guard let start = address.value else {
            throw CLIFailure.badInput("bad-address", "ALL is not an address", hint: "give the flash address, e.g. 0x11000")
        }
        let data = try InputFile.read(file)
        let earlierBackup = try backup.map(InputFile.read)
        let connected = try ChipConnection.open(connection, output: output, force: force)
        defer { connected.close() }
        if let backup, let bytes = earlierBackup {
            guard bytes.count == connected.identity.flashSize else {
                throw CLIFailure.badInput("backup-not-whole-flash",
                                          "\(backup) holds \(bytes.count) bytes; this chip's flash holds \(connected.identity.flashSize)",
                                          hint: "give a backup of the whole flash of this chip (bktool read-flash), or leave --backup out")
            }
            connected.flasher.rememberEarlierBackup(bytes)
        }
        let (report, elapsed) = try timed { try connected.flasher.write(data, at: start) }
        if reboot { try connected.flasher.reboot() }
        if output.json {
            JSONOutput.emit(Result(address: hexAddress(start), length: data.count, seconds: (elapsed * 1000).rounded() / 1000,
                                   writtenSectors: report.writtenSectors, skippedSectors: report.skippedSectors,
                                   blankSectors: report.blankSectors, retries: report.retries, verified: true,
                                   chip: connected.identity.chip.displayName))
            return
        }
        var line = "Wrote \(data.count) bytes at \(hexAddress(start)) in \(String(format1: elapsed)) s (\(kbitPerSecond(bytes: data.count, seconds: elapsed)))"
        line += "; \(report.skippedSectors) sectors skipped (already identical)"
        if report.blankSectors > 0 { line += ", \(report.blankSectors) blank sectors erased only" }
        line += "; verified by chip CRC."
        Terminal.writeOutput(line + (reboot ? "\nRebooted the chip.\n" : "\n"))
    }
}
