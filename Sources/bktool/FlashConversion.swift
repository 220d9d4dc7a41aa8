import ArgumentParser
import BekenFlasher
import BekenProtocol
import Foundation
import OpenBeken

/// The `flash` flow, step by step (issue 6: link → check → backup → pins → config → write → verify → reboot).
/// Progress is recorded next to the backup after every verified range so an interrupted run resumes.
struct FlashConversion {
    let command: FlashCommand
    static let steps = 8

    func run() throws {
        let printer = StepPrinter(json: command.output.json, total: Self.steps)
        // Input problems are reported before the chip is touched.
        let file = try InputFile.read(command.firmware)
        if let template = command.template { _ = try OBKConfigBuildCommand.readTemplate(template) }
        if let mqtt = command.mqtt { _ = try OBKConfigInputs.parseMQTT(mqtt) }
        let directory = try ConversionBackup.prepareDirectory(command.backupDir)
        let recorder = ProgressRecorder()
        recorder.installInterruptHandler()

        printer.step(1, "Connecting to the chip on \(command.connection.port)")
        let connection = try ChipConnection.open(
            command.connection, output: command.output, force: command.force && command.withBootloader,
            observe: recorder.observe)
        defer { connection.close() }
        _ = try connection.flasher.readMAC()
        let identity = connection.flasher.identity ?? connection.identity
        printer.detail(Self.describe(identity, baud: connection.flasher.baudRate, linkedAfter: recorder.timeToLink))

        printer.step(2, "Checking \(URL(fileURLWithPath: command.firmware).lastPathComponent) for this \(identity.chip.displayName)")
        let checked = try FirmwareCheck.check(file, chip: identity.chip, address: command.address?.value,
                                              withBootloader: command.withBootloader, force: command.force)
        guard let platform = OBKPlatform(chip: identity.chip),
              let configOffset = OBKConfigLocation.sectorOffset(for: identity.family) else {
            throw CLIFailure.badInput("no-openbeken-config", "bktool does not know where OpenBeken keeps its config on a \(identity.chip.displayName)",
                                      hint: "flash the firmware with bktool write-flash and configure it in the web UI")
        }
        printer.detail("\(checked.kindDescription): \(checked.plan.summary)")
        if let forced = checked.forced { printer.detail("forced (--force): \(forced.message)") }
        printer.detail(checked.plan.warnings.map { "warning: \($0)" })

        printer.step(3, "Backing up the whole flash (\(identity.flashSize >> 10) KiB)")
        let chipKey = ConversionBackup.chipKey(identity)
        // The record sits next to the backup: in --backup-dir, or beside the file --backup names.
        let recordDirectory = command.backup.map { URL(fileURLWithPath: $0).deletingLastPathComponent() } ?? directory
        let recordURL = FlashProgressRecord.url(directory: recordDirectory, chipKey: chipKey)
        let previous = FlashProgressRecord.load(from: recordURL)
        let backup = try makeBackup(connection, identity: identity, directory: directory, previous: previous,
                                    recorder: recorder)
        if let reason = backup.reusedBecause {
            printer.detail("using \(backup.url.path) (\(reason); same chip, flash ID and MAC; CRC-32 checked) — no new read needed")
        } else {
            printer.detail(["saved \(backup.url.path), verified by chip CRC",
                            "and \(BackupFile.sidecarURL(for: backup.url).lastPathComponent) (chip, flash ID, MAC, CRC-32); keep both: they are the only copy of the Tuya firmware"])
        }

        printer.step(4, "Finding the pins")
        let pins = try ConversionPins.derive(backup: backup.bytes, templatePath: command.template, noPins: command.noPins)
        printer.detail("from \(pins.source):")
        printer.detail(pins.lines)

        printer.step(5, "Building the OpenBeken config for \(hex(configOffset))")
        let built = try makeConfig(platform: platform, identity: identity, template: pins.template, backup: backup.bytes)
        let config = built.config
        let sector = try config.encodedSector()
        printer.detail(Self.describe(config) + built.notes.map { "note: \($0)" })

        // A firmware image that reaches the config sector carries the new config there (written once, verified once).
        var payload = checked.payload
        let firmwareRange = checked.plan.flashOffset ..< checked.plan.flashOffset + payload.count
        let overlap = firmwareRange.clamped(to: configOffset ..< configOffset + sector.count)
        if !overlap.isEmpty {
            payload.replaceSubrange((overlap.lowerBound - firmwareRange.lowerBound) ..< (overlap.upperBound - firmwareRange.lowerBound),
                                    with: sector[(overlap.lowerBound - configOffset) ..< (overlap.upperBound - configOffset)])
            printer.detail("note: the image covers the config sector at \(hex(configOffset)); the new config replaces that part of it")
        }
        let writes = [
            FlashProgressRecord.PlannedWrite(what: "firmware", address: checked.plan.flashOffset,
                                             length: payload.count,
                                             crc32: hex32(BekenCRC32.standard(payload))),
            FlashProgressRecord.PlannedWrite(what: "config", address: configOffset, length: sector.count,
                                             crc32: hex32(BekenCRC32.standard(sector))),
        ]
        let resuming = previous.map { $0.chip == chipKey && $0.writes == writes && !$0.complete && !$0.verified.isEmpty } ?? false
        if let previous, !resuming, previous.chip == chipKey, !previous.complete, !previous.verified.isEmpty {
            printer.detail("note: the interrupted run recorded in \(recordURL.lastPathComponent) wrote other firmware or settings; starting over (sectors already identical are still skipped)")
        }
        var record = resuming ? previous! : FlashProgressRecord(chip: chipKey, backup: "", writes: writes)
        record.backup = backup.url.lastPathComponent
        try recorder.attach(record, at: recordURL)

        printer.step(6, "Writing firmware and config")
        var totals = WriteTotals()
        if resuming, let sentence = recorder.progressSentence() {
            let first = writes.lazy.compactMap { record.unverified(in: alignedRange($0)).first?.lowerBound }.first
            totals.resumedFromAddress = first
            totals.resumedSectors = writes.reduce(0) { $0 + record.verifiedCount(in: alignedRange($1)) / FlashGeometry.sector }
            printer.detail("resuming the interrupted run: \(sentence.replacingOccurrences(of: "progress is saved in", with: "recorded in")); continuing at \(first.map(hex) ?? "the verify step")")
        }
        do {
            for (write, bytes) in zip(writes, [payload, sector]) {
                try self.write(bytes, as: write, record: record, connection: connection, totals: &totals)
                printer.detail(totals.lines.removeLast())
            }

            printer.step(7, "Verifying everything by the chip's CRC")
            for (write, bytes) in zip(writes, [payload, sector]) {
                var mismatched = try connection.flasher.verify(bytes, at: write.address)
                if !mismatched.isEmpty {
                    // The record said verified but the flash differs (changed between runs): write again, check again.
                    printer.detail("\(mismatched.count) \(write.what) sectors differ from the record; rewriting them")
                    _ = try connection.flasher.write(bytes, at: write.address)
                    mismatched = try connection.flasher.verify(bytes, at: write.address)
                }
                guard mismatched.isEmpty else {
                    throw CLIFailure.failed("verify-failed", "\(mismatched.count) sectors of the \(write.what) at \(hex(write.address)) do not match after writing",
                                            hint: "use a strong 3.3 V supply and run the same command again")
                }
                printer.detail("\(write.what): \(write.length) bytes at \(hex(write.address)) match (CRC-32 \(write.crc32))")
            }
        } catch {
            throw interrupted(error, recorder: recorder)
        }
        recorder.update { $0.complete = true }

        printer.step(8, command.noReboot ? "Leaving the chip in download mode (--no-reboot)" : "Rebooting into the new firmware")
        if !command.noReboot { try connection.flasher.reboot() }
        // Issue 15: listen to the rebooted chip's log (BootWatch, a library call); its exit code comes after the summary.
        let watchExit = command.noReboot || command.noWatch
            ? 0 : try PostFlashWatch.run(link: connection.link, config: config, output: command.output)

        let summary = ConversionSummary(
            identity: identity, firmwarePath: command.firmware, backup: backup, recordURL: recordURL,
            plan: checked.plan, writes: writes, totals: totals, config: config, pins: pins, rebooted: !command.noReboot)
        if command.output.json {
            JSONOutput.emit(summary.result)
        } else {
            Terminal.writeOutput("\n" + summary.text)
        }
        if watchExit != 0 { throw ExitCode(watchExit) }
    }

    // MARK: steps

    private func makeBackup(_ connection: ChipConnection, identity: ChipIdentity, directory: URL,
                            previous: FlashProgressRecord?, recorder: ProgressRecorder) throws -> ConversionBackup.Backup {
        if let given = command.backup {
            let url = URL(fileURLWithPath: given)
            let bytes = try ConversionBackup.verifyExisting(url, identity: identity)
            return .init(url: url, bytes: bytes, reusedBecause: "given with --backup")
        }
        if let previous, !previous.backup.isEmpty {
            let url = directory.appendingPathComponent(previous.backup)
            if let bytes = try? ConversionBackup.verifyExisting(url, identity: identity) {
                return .init(url: url, bytes: bytes, reusedBecause: "made by the previous run")
            }
        }
        return try ConversionBackup.read(connection, identity: identity, directory: directory, recorder: recorder)
    }

    private func makeConfig(platform: OBKPlatform, identity: ChipIdentity, template: DeviceTemplate?,
                            backup: [UInt8]) throws -> OBKConfigInputs.Built {
        var inputs = OBKConfigInputs(platform: platform)
        inputs.mac = identity.macText
        // Without a MAC the names need a suffix; take it from the backup so a rerun builds the same sector.
        let crc = BekenCRC32.standard(backup)
        inputs.randomSuffix = { (0..<4).map { UInt8(truncatingIfNeeded: crc >> (24 - 8 * $0)) } }
        inputs.template = template
        inputs.wifiSSID = command.wifiSSID
        inputs.wifiPassword = command.wifiPassword
        inputs.mqtt = command.mqtt
        inputs.mqttUser = command.mqttUser
        inputs.mqttPassword = command.mqttPassword
        inputs.name = command.name
        return try inputs.makeConfig()
    }

    /// Writes the unverified parts of one planned write (all of it unless resuming), skip-identical.
    private func write(_ bytes: [UInt8], as write: FlashProgressRecord.PlannedWrite, record: FlashProgressRecord,
                       connection: ChipConnection, totals: inout WriteTotals) throws {
        let dataRange = write.address ..< write.address + bytes.count
        var written = 0, skipped = 0, blank = 0
        let runs = record.unverified(in: alignedRange(write))
        for run in runs {
            let part = max(run.lowerBound, dataRange.lowerBound) ..< min(run.upperBound, dataRange.upperBound)
            guard !part.isEmpty else { continue }
            let report = try connection.flasher.write(
                Array(bytes[(part.lowerBound - write.address) ..< (part.upperBound - write.address)]), at: part.lowerBound)
            written += report.writtenSectors
            skipped += report.skippedSectors
            blank += report.blankSectors
        }
        let resumed = record.verifiedCount(in: alignedRange(write)) / FlashGeometry.sector
        totals.add(write.what, written: written, skipped: skipped, blank: blank, resumed: resumed)
        var line = "\(write.what): \(bytes.count) bytes at \(hex(write.address)): \(sectors(written)) written"
        if blank > 0 { line += ", \(blank) blank (erased only)" }
        line += ", \(skipped) already identical (skipped)"
        if resumed > 0 { line += ", \(resumed) verified by the previous run (not touched)" }
        totals.lines.append(line)
    }

    /// A failure in the write/verify phase, with where the progress is and how to resume.
    private func interrupted(_ error: Error, recorder: ProgressRecorder) -> Error {
        let failure: CLIFailure
        if let convertible = error as? CLIFailureConvertible {
            failure = convertible.cliFailure
        } else {
            failure = .failed("unexpected", String(describing: error), hint: "please report this")
        }
        guard failure.kind == .operationFailed, let progress = recorder.progressSentence() else { return failure }
        return CLIFailure(failure.kind, code: failure.code, "\(failure.message); \(progress)",
                          hint: "run the same command again to resume at the first unverified sector (\(failure.hint))")
    }

    // MARK: descriptions

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

/// Sector counts over both writes.
struct WriteTotals {
    var written = 0
    var skipped = 0
    var blank = 0
    var resumedSectors = 0
    var resumedFromAddress: Int?
    var perWrite: [String: (written: Int, skipped: Int, blank: Int, resumed: Int)] = [:]
    var lines: [String] = []

    mutating func add(_ what: String, written: Int, skipped: Int, blank: Int, resumed: Int) {
        self.written += written
        self.skipped += skipped
        self.blank += blank
        perWrite[what] = (written, skipped, blank, resumed)
    }
}

/// "1 sector", "18 sectors".
func sectors(_ count: Int) -> String { count == 1 ? "1 sector" : "\(count) sectors" }
