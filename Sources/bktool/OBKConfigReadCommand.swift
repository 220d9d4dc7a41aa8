import ArgumentParser
import BekenChips
import Foundation
import OpenBeken

/// `bktool obk-config read FILE`: decode the OpenBeken config of a 4 KiB sector or a full flash dump.
struct OBKConfigReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Show the OpenBeken config in a 4 KiB sector file or a full flash dump.",
        discussion: """
            In a dump the sector is looked for at 0x1D1000 (BK7231N) and then 0x1E1000 (BK7231T), as Easy \
            Flasher does, unless --chip names the chip. Passwords are redacted unless --show-secrets.
            """)

    @Argument(help: "A config sector (4096 bytes) or a flash dump.")
    var file: String

    @Option(help: "Only look at this chip's config offset (e.g. bk7231n, bk7231t).")
    var chip: String?

    @Flag(name: .customLong("show-secrets"), help: "Show Wi-Fi, MQTT and web passwords.")
    var showSecrets = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CLIFailure.badInput("file-unreadable", "cannot read \(file)", hint: "check the path")
        }
        var offsets = OBKConfigLocation.searchOrder
        if let chip {
            guard let offset = OBKConfigLocation.sectorOffset(forChip: chip) else {
                throw CLIFailure.badInput("unknown-chip", "no OpenBeken config offset is known for \"\(chip)\"",
                                          hint: "use --chip bk7231n or bk7231t, or leave it out")
            }
            offsets = [offset]
        }
        let pinBlock = chip.map(OBKConfigLocation.pinBlock(forChip:)) ?? .pins32
        let found = try OBKConfigLocation.find(in: [UInt8](data), offsets: offsets, pinBlock: pinBlock)
        let isDump = data.count > OBKConfigLayout.sectorSize
        let report = OBKConfigReport(config: found.config, offset: isDump ? found.offset : nil, showSecrets: showSecrets)
        if output.json {
            JSONOutput.emit(OBKConfigReadResult(file: file, config: report))
        } else {
            let place = isDump ? " at \(hexAddress(found.offset))" : ""
            Terminal.writeOutput("OpenBeken config in \(file)\(place):\n" + report.text)
        }
    }
}

/// The `--json` document of `obk-config read`.
struct OBKConfigReadResult: Encodable {
    let ok = true
    let file: String
    let config: OBKConfigReport
}
