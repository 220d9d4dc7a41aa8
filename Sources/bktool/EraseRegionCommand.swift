import ArgumentParser
import BekenChips
import BekenFlasher

/// `bktool erase-region ADDR LENGTH`: erase 4 KiB-aligned flash (64 KiB blocks where aligned), checked blank.
struct EraseRegionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase-region",
        abstract: "Erase LENGTH bytes at ADDR (both multiples of 0x1000); checked blank by the chip's CRC.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "Start address (multiple of 0x1000).")
    var address: FlashNumber

    @Argument(help: "Length (multiple of 0x1000; 64k, 1M, …).")
    var length: FlashNumber

    @Flag(name: .long, help: "Allow erasing the bootloader window of BK7231T/U/BK7252 chips.")
    var force = false

    struct Result: Encodable {
        let ok = true
        let address: String
        let length: Int
        let eraseCommands: Int
        let seconds: Double
    }

    func validate() throws {
        guard let start = address.value else { throw ValidationError("ALL is not an address") }
        if let count = length.value {
            guard start % 0x1000 == 0, count % 0x1000 == 0, count > 0 else {
                throw ValidationError("ADDR and LENGTH must be positive multiples of 0x1000 (4 KiB sectors)")
            }
        }
    }

    func run() throws {
        let start = address.value ?? 0
        let connected = try ChipConnection.open(connection, output: output, force: force)
        defer { connected.close() }
        let count = length.resolved(whole: connected.identity.flashSize - start)
        let (commands, elapsed) = try timed { try connected.flasher.erase(start ..< start + count) }
        if output.json {
            JSONOutput.emit(Result(address: hexAddress(start), length: count, eraseCommands: commands,
                                   seconds: (elapsed * 1000).rounded() / 1000))
        } else {
            Terminal.writeOutput("Erased \(count) bytes at \(hexAddress(start)) in \(String(format1: elapsed)) s (\(commands) erase commands); checked blank by chip CRC.\n")
        }
    }
}
