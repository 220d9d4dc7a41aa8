import ArgumentParser
import BekenChips
import BekenFlasher

/// `bktool chip-info`: what is connected — chip, bootloader, protocol, flash part and size, MAC, eFuse key.
struct ChipInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chip-info",
        abstract: "Identify the chip: bootloader, protocol, chip ID, flash ID and size, MAC, eFuse key.",
        discussion: "Start it, then reset the chip (CEN to GND briefly, or power-cycle) if it does not answer.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    struct Result: Encodable {
        let ok = true
        let chip: String
        let protocolVariant: String
        let bootloader: String
        let bootloaderCRC: String
        let chipID: String?
        let bootVersion: String?
        let flashID: String?
        let flashChip: String?
        let flashSize: Int
        let mac: String?
        let efuseKey: String?
        /// Tuya module names of the chip's family ("T1-2S", "CB2S", …) and its module series ("T1", "CB").
        let modules: [String]
        let moduleSeries: [String]
        let baudRate: Int
    }

    func run() throws {
        let connected = try ChipConnection.open(connection, output: output)
        defer { connected.close() }
        let mac = try connected.flasher.readMAC()
        let identity = connected.identity
        // Connecting already read the key where it decides the family (0x7231C: BK7231N or BK7231M).
        let key = try identity.efuseKey ?? connected.flasher.readEFuseKey()
        let family = identity.family
        let result = Result(
            chip: family.displayName, protocolVariant: identity.protocolVariant.rawValue,
            bootloader: identity.bootloaderLabel, bootloaderCRC: hex32(identity.bootloaderRawCRC ^ 0xFFFF_FFFF),
            chipID: identity.chipIDRegister.map { hexAddress(Int($0)) }, bootVersion: identity.bootVersion,
            flashID: identity.flashIDText, flashChip: identity.flashChip.map { "\($0.manufacturer) \($0.name)" },
            flashSize: identity.flashSize,
            mac: mac.map { $0.map { String($0, radix: 16, uppercase: true).leftPadded(2) }.joined(separator: ":") },
            efuseKey: key?.description, modules: family.modules, moduleSeries: family.tuyaModuleSeries,
            baudRate: connected.flasher.baudRate)
        if output.json {
            JSONOutput.emit(result)
            return
        }
        var lines = [
            "Chip:        \(result.chip)\(result.chipID.map { " (chip ID \($0))" } ?? "")\(moduleText(result))",
            "Bootloader:  \(result.bootloader), protocol \(result.protocolVariant)",
        ]
        if let version = result.bootVersion { lines.append("Boot version: \(version)") }
        lines.append("Flash:       \(result.flashSize >> 20) MiB" + (result.flashID.map { ", ID \($0)" } ?? "")
                     + (result.flashChip.map { " (\($0))" } ?? ""))
        lines.append("MAC:         \(result.mac ?? "not found in the RF calibration sector")")
        if let key = result.efuseKey { lines.append("eFuse key:   \(key)") }
        lines.append("Baud rate:   \(result.baudRate)")
        Terminal.writeOutput(lines.joined(separator: "\n") + "\n")
    }
}

/// ", Tuya T1 module family (T1-2S, T1-M, …)" — the words users know from the module's shield.
private func moduleText(_ result: ChipInfoCommand.Result) -> String {
    guard !result.moduleSeries.isEmpty else { return "" }
    let series = result.moduleSeries.joined(separator: "/")
    let names = result.modules.isEmpty ? "" : " (\(result.modules.joined(separator: ", ")))"
    return ", Tuya \(series) module family\(names)"
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
