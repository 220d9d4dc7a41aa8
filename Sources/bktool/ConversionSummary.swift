import BekenChips
import BekenConversion
import BekenFlasher
import Foundation
import OpenBeken

/// The end of `flash`: what was done, where the backup is, the pins, and how to reach the device next.
struct ConversionSummary {
    let result: ConversionResult
    let firmwarePath: String
    /// What the boot watch saw after the reboot (nil: not watched).
    var boot: PostFlashWatch.Outcome? = nil

    var config: OBKConfig { result.plan.config.config }
    var pins: PinPlan { result.plan.pins }

    struct Document: Encodable {
        struct Write: Encodable {
            let what: String
            let address: String
            let length: Int
            let crc32: String
            let writtenSectors: Int
            let skippedSectors: Int
            let blankSectors: Int
            let resumedSectors: Int
        }
        struct Pin: Encodable {
            let gpio: Int
            let role: String
            let channel: Int
        }
        /// False when the boot watch saw the device fail to start (a boot loop, a firmware in trouble).
        let ok: Bool
        let chip: String
        let mac: String?
        let flashID: String?
        let backup: String
        let backupReused: Bool
        let progressRecord: String
        let firmware: String
        /// With --latest: the release tag and whether the file was "downloaded", "cached" or "cached-offline".
        let release: String?
        let firmwareSource: String?
        let writes: [Write]
        let writtenSectors: Int
        let skippedSectors: Int
        let blankSectors: Int
        let resumed: Bool
        let resumedFrom: String?
        let resumedSectors: Int
        let verified = true
        /// "0x1E3000" when the RF calibration was moved (Tuya's T1 factory layout), else nil.
        let rfCalibrationMovedFrom: String?
        /// Where the MAC was read back after the writes (nil: the chip has no MAC).
        let macProvenAt: String?
        let rebooted: Bool
        let pinsSource: String
        let pins: [Pin]
        let wifi: String?
        let mqtt: String?
        let accessPoint: String
        let hostname: String
        let nextStep: String
        let boot: PostFlashWatch.Outcome?
    }

    var nextStep: String {
        if config.wifiSSID.isEmpty {
            return "connect to the device's Wi-Fi access point \"\(config.longDeviceName)\" and open http://192.168.4.1 to set up Wi-Fi"
        }
        return "the device joins \"\(config.wifiSSID)\" as \(config.shortDeviceName): open http://\(config.shortDeviceName)/ "
            + "(or its address from your router); if it cannot join, it opens the access point \"\(config.longDeviceName)\""
    }

    var document: Document {
        let writes = result.outcomes.map { outcome in
            Document.Write(what: outcome.write.what, address: hexAddress(outcome.write.address), length: outcome.write.length,
                           crc32: outcome.write.crc32, writtenSectors: outcome.written, skippedSectors: outcome.skipped,
                           blankSectors: outcome.blank, resumedSectors: outcome.resumed)
        }
        let pinList = (pins.template?.pins ?? [:]).keys.sorted().map { gpio in
            let setting = pins.template!.pins[gpio]!
            return Document.Pin(gpio: gpio, role: setting.role.rawValue, channel: setting.channel)
        }
        let identity = result.identity
        return Document(
            ok: boot?.ok ?? true, chip: identity.chip.displayName, mac: identity.macText, flashID: identity.flashIDText,
            backup: result.backup.path, backupReused: result.backupReuse != nil, progressRecord: result.progressLocation,
            firmware: firmwarePath, release: result.fetched?.tag, firmwareSource: result.fetched?.source.rawValue,
            writes: writes, writtenSectors: result.writtenSectors,
            skippedSectors: result.skippedSectors, blankSectors: result.blankSectors,
            resumed: result.resumedSectors > 0, resumedFrom: result.resumedFrom.map(hexAddress),
            resumedSectors: result.resumedSectors,
            rfCalibrationMovedFrom: result.plan.rfCalibrationMove.map { hexAddress($0.from) },
            macProvenAt: result.plan.macProof.map { hexAddress($0.offset) }, rebooted: result.rebooted,
            pinsSource: ConversionView.sourceText(pins.source), pins: pinList,
            wifi: config.wifiSSID.isEmpty ? nil : config.wifiSSID,
            mqtt: config.mqttHost.isEmpty ? nil : "\(config.mqttHost):\(config.mqttPort)",
            accessPoint: config.longDeviceName, hostname: config.shortDeviceName, nextStep: nextStep, boot: boot)
    }

    var text: String {
        let identity = result.identity
        let firmwareName = URL(fileURLWithPath: firmwarePath).lastPathComponent
        var lines = ["Done: the \(identity.chip.displayName) (MAC \(identity.macText ?? "unknown")) now holds \(firmwareName) and its OpenBeken config, verified by chip CRC\(result.rebooted ? ", and was rebooted" : "")."]
        // One label column for every line, as wide as the longest planned write's name ("rf-calibration" on a T1).
        let width = max(9, result.outcomes.map(\.write.what.count).max() ?? 0)
        func label(_ name: String) -> String { "  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + " " }
        lines.append(label("backup") + "\(result.backup.path)\(result.backupReuse.map { " (\(ConversionView.reuseText($0)))" } ?? "") + .json sidecar")
        for outcome in result.outcomes {
            let write = outcome.write
            let end = write.address + write.length
            var line = label(write.what) + "\(hexAddress(write.address))–\(hexAddress(end)) (\(write.length) bytes): "
                + "\(sectors(outcome.written)) written, \(outcome.blank) erased only, \(outcome.skipped) skipped (identical)"
            if outcome.resumed > 0 { line += ", \(outcome.resumed) done by the previous run" }
            lines.append(line)
        }
        if let proof = result.plan.macProof {
            let moved = result.plan.rfCalibrationMove.map { " (moved from \(hexAddress($0.from)))" } ?? ""
            lines.append(label("mac") + "\(ConversionView.macText(proof.mac)) read back from \(hexAddress(proof.offset))\(moved)")
        }
        lines.append(label("pins") + "\(ConversionView.summary(pins.template)) (from \(ConversionView.sourceText(pins.source)))")
        if !config.wifiSSID.isEmpty { lines.append(label("wifi") + "\(config.wifiSSID)") }
        if !config.mqttHost.isEmpty { lines.append(label("mqtt") + "\(config.mqttHost):\(config.mqttPort), topic \(config.shortDeviceName)") }
        lines.append(label("progress") + "\(result.progressLocation)")
        lines.append("Next: \(nextStep).")
        return lines.joined(separator: "\n") + "\n"
    }
}
