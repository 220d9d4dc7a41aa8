import BekenChips
import BekenConversion
import BekenText
import BekenFlasher
import BekenImage
import FirmwareReleases
import Foundation
import OpenBeken

/// Shows a conversion's events as `flash` prints them: numbered steps with indented details on stdout (a JSON
/// line per step with `--json`), flasher progress through the progress renderer.
final class ConversionView {
    let printer: StepPrinter
    let flasherEvents: FlasherEventRenderer
    let port: String
    let firmwareName: String
    /// Why no new backup was read, in the CLI's words.
    static func reuseText(_ reuse: BackupReuse) -> String {
        switch reuse {
        case .given: "given with --backup"
        case .previousRun: "made by the previous run"
        }
    }

    init(output: OutputOptions, port: String, firmwareName: String) {
        printer = StepPrinter(json: output.json, total: ConversionStep.count)
        flasherEvents = FlasherEventRenderer(renderer: ProgressRenderer(options: output))
        self.port = port
        self.firmwareName = firmwareName
    }

    func handle(_ event: ConversionEvent) {
        switch event {
        case .stepStarted(let step):
            printer.step(step.number, title(step))
        case .stepFinished:
            break
        case .flasher(let event):
            flasherEvents.handle(event)
        case .identified(let identity, let baud, let linkedAfter):
            printer.detail(Self.describe(identity, baud: baud, linkedAfter: linkedAfter))
        case .firmwareChecked(let checked):
            if let fetched = checked.fetched { printer.detail(Self.fetchedText(fetched)) }
            printer.detail("\(checked.kind.summary): \(checked.plan.summary)")
            if let forced = checked.forced { printer.detail("forced (--force): \(forced.message)") }
        case .backupReady(let location, let reuse):
            if let reuse {
                printer.detail("using \(location.path) (\(Self.reuseText(reuse)); same chip, flash ID and MAC; CRC-32 checked) — no new read needed")
            } else {
                printer.detail(["saved \(location.path), verified by chip CRC",
                                "and \(URL(fileURLWithPath: location.sidecarPath).lastPathComponent) (chip, flash ID, MAC, CRC-32); keep both: they are the only copy of the Tuya firmware"])
            }
        case .pinsFound(let pins):
            printer.detail("from \(Self.sourceText(pins.source)):")
            printer.detail(Self.lines(pins))
        case .configBuilt(let config):
            printer.detail(Self.describe(config.config) + config.notes.map { "note: \(Self.noteText($0))" })
        case .warning(let warning):
            printer.detail(Self.warningText(warning))
        case .resuming(let progress, let from):
            printer.detail("resuming the interrupted run: recorded in \(progress.location) (\(progress.verifiedSectors) of \(progress.totalSectors) sectors verified); continuing at \(from.map(hexAddress) ?? "the verify step")")
        case .written(let outcome):
            let write = outcome.write
            var line = "\(write.what): \(write.length) bytes at \(hexAddress(write.address)): \(sectors(outcome.written)) written"
            if outcome.blank > 0 { line += ", \(outcome.blank) blank (erased only)" }
            line += ", \(outcome.skipped) already identical (skipped)"
            if outcome.resumed > 0 { line += ", \(outcome.resumed) verified by the previous run (not touched)" }
            printer.detail(line)
        case .verified(let write):
            printer.detail("\(write.what): \(write.length) bytes at \(hexAddress(write.address)) match (CRC-32 \(write.crc32))")
        case .rfCalibrationMove(let move):
            printer.detail("RF calibration (MAC \(move.mac?.uppercased() ?? "unknown")) is at \(hexAddress(move.from)), where Tuya's T1 firmware keeps it; copying it to \(hexAddress(move.to)), where OpenBeken reads it")
        case .macProven(let proof):
            printer.detail("MAC \(Self.macText(proof.mac)) reads back from the RF calibration at \(hexAddress(proof.offset)): the device keeps its MAC")
        }
    }

    /// "OpenBK7231N_QIO_1.18.292.bin (release 1.18.292, downloaded to PATH, sha256 …)".
    static func fetchedText(_ fetched: FetchedFirmware) -> String {
        let how = switch fetched.source {
        case .downloaded: "downloaded to \(fetched.path)"
        case .cached: "already cached in \(fetched.path)"
        case .cachedOffline: "the releases server is unreachable (\(fetched.offlineReason ?? "no answer")); using the cached \(fetched.path)"
        }
        return "\(fetched.name): release \(fetched.tag), \(fetched.size) bytes, \(how), sha256 \(fetched.sha256)"
    }

    func title(_ step: ConversionStep) -> String {
        switch step {
        case .connect: "Connecting to the chip on \(port)"
        case .checkFirmware(let chip): "Checking \(firmwareName) for this \(chip.displayName)"
        case .backup(let size): "Backing up the whole flash (\(size >> 10) KiB)"
        case .pins: "Finding the pins"
        case .config(let offset): "Building the OpenBeken config for \(hexAddress(offset))"
        case .write: "Writing firmware and config"
        case .verify: "Verifying everything by the chip's CRC"
        case .finish(let reboot): reboot ? "Rebooting into the new firmware" : "Leaving the chip in download mode (--no-reboot)"
        }
    }

    /// "C8:47:8C:00:00:01" (BekenText `macText`, shared with the web page).
    static func macText(_ mac: [UInt8]) -> String { BekenText.macText(mac) }

    static func warningText(_ warning: ConversionWarning) -> String { warning.text }

    static func noteText(_ note: ConfigPlan.ConfigNote) -> String {
        switch note {
        case .namesUseSuffix(let short): "device names use a random suffix (\(short)); pass --mac to get the firmware's own names"
        case .templateForOtherChip(let template, let chip): "the template is for \(template), the config for \(chip)"
        }
    }

    static func sourceText(_ source: PinPlan.Source) -> String {
        switch source {
        case .noneRequested: "none (--no-pins)"
        case .template(let name): "template \(name)"
        case .tuyaConfig: "the backup's Tuya config"
        case .noTuyaConfig: "none (no Tuya config in the backup)"
        case .tuyaConfigNamesNoPins: "none (the Tuya config names no pins)"
        }
    }

    /// What to show about the pins (one line each).
    static func lines(_ pins: PinPlan) -> [String] {
        switch pins.source {
        case .noneRequested: ["No pins set (--no-pins); configure them in the web UI."]
        case .template: pins.template.map(describe) ?? ["The template sets no pins."]
        case .noTuyaConfig(let reason):
            ["No Tuya configuration found in the backup (\(reason)); no pins are set.",
             "Pass --template FILE with the device's OpenBeken template, or set the pins in the web UI."]
        case .tuyaConfig, .tuyaConfigNamesNoPins: pins.tuyaDescription
        }
    }

    /// "P8 → Rel;1" lines for a template.
    static func describe(_ template: DeviceTemplate) -> [String] {
        var lines = template.pins.keys.sorted().map { "- P\($0) → \(template.pins[$0]!)" }
        if !template.command.isEmpty { lines.append("Startup command: \(template.command)") }
        return lines.isEmpty ? ["The template sets no pins."] : lines
    }

    /// "P8 Rel;1, P10 Btn;1" for the summary.
    static func summary(_ template: DeviceTemplate?) -> String {
        guard let template, !template.pins.isEmpty else { return "none" }
        return template.pins.keys.sorted().map { "P\($0) \(template.pins[$0]!)" }.joined(separator: ", ")
    }

    static func describe(_ identity: ChipIdentity, baud: Int, linkedAfter: Duration?) -> [String] {
        var flash = "\(identity.flashSize >> 10) KiB flash"
        if let id = identity.flashIDText { flash += " (ID \(id)\(identity.flashChip.map { ", \($0.manufacturer) \($0.name)" } ?? ""))" }
        return ["\(identity.chip.displayName), bootloader \(identity.bootloaderLabel), \(flash)",
                "MAC \(identity.macText ?? "unknown (no RF calibration data)"), linked at \(baud) baud"
                    + (linkedAfter.map { " (the chip answered after \(String(format1: seconds($0))) s)" } ?? "")]
    }

    static func describe(_ config: OBKConfig) -> [String] {
        var lines = ["names: \(config.longDeviceName) / \(config.shortDeviceName)"]
        lines.append(config.wifiSSID.isEmpty ? "Wi-Fi: none (the device opens its own access point)"
                     : "Wi-Fi: \"\(config.wifiSSID)\" (password \(config.wifiPassword.isEmpty ? "empty" : "set, not shown"))")
        lines.append(config.mqttHost.isEmpty ? "MQTT: not configured"
                     : "MQTT: \(config.mqttHost):\(config.mqttPort) as \(config.mqttUserName) (password \(config.mqttPassword.isEmpty ? "empty" : "set, not shown")), topic \(config.shortDeviceName)")
        let pins = config.configuredPins
        lines.append("pins: \(pins.isEmpty ? "none" : "\(pins.count) set")"
                     + (config.startupCommand.isEmpty ? "" : "; startup command: \(config.startupCommand)"))
        return lines
    }
}

/// "1 sector", "18 sectors".
func sectors(_ count: Int) -> String { count == 1 ? "1 sector" : "\(count) sectors" }
