import ArgumentParser
import BekenChips
import BekenFlasher

/// `bktool verify-flash ADDR FILE`: does the flash hold FILE at ADDR? Compared by the chip's CRC.
struct VerifyFlashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-flash",
        abstract: "Check that flash at ADDR holds FILE (chip CRC; differing 4 KiB sectors are listed).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "Flash address.")
    var address: FlashNumber

    @Argument(help: "The image file to compare with.")
    var file: String

    struct Result: Encodable {
        let ok: Bool
        let address: String
        let length: Int
        let differingSectors: [String]
        let chip: String
    }

    func run() throws {
        guard let start = address.value else {
            throw CLIFailure.badInput("bad-address", "ALL is not an address", hint: "give the flash address, e.g. 0x11000")
        }
        let data = try InputFile.read(file)
        let connected = try ChipConnection.open(connection, output: output)
        defer { connected.close() }
        let (differing, elapsed) = try timed { try connected.flasher.verify(data, at: start) }
        if output.json {
            JSONOutput.emit(Result(ok: differing.isEmpty, address: hexAddress(start), length: data.count,
                                   differingSectors: differing.map(hexAddress), chip: connected.identity.chip.displayName))
        }
        guard differing.isEmpty else {
            let list = differing.prefix(8).map(hexAddress).joined(separator: ", ") + (differing.count > 8 ? ", …" : "")
            let failure = CLIFailure.failed("verify-mismatch",
                                            "\(differing.count) sector(s) differ from \(file): \(list)",
                                            hint: "write it with `bktool write-flash \(hexAddress(start)) \(file)`")
            Terminal.writeError(failure.line + "\n")
            throw ExitCode(failure.kind.exitCode)
        }
        if !output.json {
            Terminal.writeOutput("Verified \(data.count) bytes at \(hexAddress(start)) in \(String(format1: elapsed)) s: identical (chip CRC).\n")
        }
    }
}
