import ArgumentParser
import BekenChips
import BekenConversion
import BekenFlasher
import BekenProtocol
import Foundation

/// `bktool read-flash [START [LENGTH]] FILE`: a verified backup that never overwrites an existing file.
struct ReadFlashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read-flash",
        abstract: "Back up flash to FILE (default: the whole flash), verified by the chip's CRC.",
        discussion: """
            An existing FILE is never overwritten: a new name (FILE.1.bin, …) is picked and printed. A JSON sidecar \
            (FILE.json) records chip, bootloader, flash ID, MAC, size, CRC-32, tool version and date.
            Examples: bktool read-flash -p /dev/ttyUSB0 backup.bin; bktool read-flash -p /dev/ttyUSB0 0x11000 1M app.bin
            """)

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "START [LENGTH] FILE: start address (default 0), length (default: to the end of flash; ALL), file.")
    var arguments: [String]

    struct Result: Encodable {
        let ok = true
        let file: String
        let sidecar: String
        let renamed: Bool
        let start: String
        let length: Int
        let crc32: String
        let seconds: Double
        let chip: String
    }

    func validate() throws {
        guard (1...3).contains(arguments.count) else {
            throw ValidationError("expected [START [LENGTH]] FILE, got \(arguments.count) arguments")
        }
        for text in arguments.dropLast() where FlashNumber.parse(text) == nil {
            throw ValidationError("'\(text)' is not an address or length (use 0x11000, 69632, 4M or ALL)")
        }
    }

    func run() throws {
        let start = arguments.count >= 2 ? FlashNumber.parse(arguments[0])!.resolved(whole: 0) : 0
        let lengthArgument = arguments.count == 3 ? FlashNumber.parse(arguments[1])! : FlashNumber(nil)
        let backup = try BackupFile(path: arguments.last!)
        defer { backup.discard() }
        let connected = try ChipConnection.open(connection, output: output)
        defer { connected.close() }
        let identity = connected.identity
        let length = lengthArgument.value ?? max(0, identity.flashSize - start)
        if length == 0 {
            throw CLIFailure.badInput("empty-range", "nothing to read: length is 0", hint: "give a positive LENGTH")
        }
        let range = start ..< start + length
        var crc = BekenCRC32.initial
        var mac: [UInt8]?
        let rfSector = identity.family.layout.rfCalibration.map { Int($0) }
        let (_, elapsed) = try timed {
            try connected.flasher.read(range) { address, bytes in
                crc = BekenCRC32.update(crc, with: bytes)
                if let rf = rfSector, address <= rf, address + bytes.count >= rf + 0x30 {
                    mac = RFCalibrationSector.mac(in: bytes[(bytes.startIndex + rf - address)...])
                }
                try backup.append(bytes)
            }
        }
        if mac == nil { mac = try? connected.flasher.readMAC() }
        let macText = mac?.map { String($0, radix: 16, uppercase: true).leftPadded(2) }.joined(separator: ":")
        let crcText = hex32(crc ^ 0xFFFF_FFFF)
        let sidecar = BackupSidecar(identity: identity, start: start, length: length, crc: crc ^ 0xFFFF_FFFF,
                                    macText: macText, tool: BKToolVersion.tool)
        let final = try backup.commit { sidecar.with(file: $0.lastPathComponent) }
        let renamed = final.path != backup.requested.path
        if output.json {
            JSONOutput.emit(Result(file: final.path, sidecar: BackupFile.sidecarURL(for: final).path, renamed: renamed,
                                   start: hexAddress(start), length: length, crc32: crcText,
                                   seconds: (elapsed * 1000).rounded() / 1000, chip: identity.chip.displayName))
            return
        }
        var lines: [String] = []
        if renamed { lines.append("\(backup.requested.path) exists; saved to \(final.path) instead (backups are never overwritten)") }
        lines.append("Read \(length) bytes at \(hexAddress(start)) in \(String(format1: elapsed)) s (\(kbitPerSecond(bytes: length, seconds: elapsed))); verified by chip CRC.")
        lines.append("Saved \(final.path) (CRC-32 \(crcText)) and \(BackupFile.sidecarURL(for: final).lastPathComponent).")
        Terminal.writeOutput(lines.joined(separator: "\n") + "\n")
    }
}
