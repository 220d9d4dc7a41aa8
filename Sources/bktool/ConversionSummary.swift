import BekenFlasher
import BekenImage
import Foundation
import OpenBeken

/// The end of `flash`: what was done, where the backup is, the pins, and how to reach the device next.
struct ConversionSummary {
    let identity: ChipIdentity
    let firmwarePath: String
    let backup: ConversionBackup.Backup
    let recordURL: URL
    let plan: WritePlan
    let writes: [FlashProgressRecord.PlannedWrite]
    let totals: WriteTotals
    let config: OBKConfig
    let pins: ConversionPins.Pins
    let rebooted: Bool

    struct Result: Encodable {
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
        let ok = true
        let chip: String
        let mac: String?
        let flashID: String?
        let backup: String
        let backupReused: Bool
        let progressRecord: String
        let firmware: String
        let writes: [Write]
        let writtenSectors: Int
        let skippedSectors: Int
        let blankSectors: Int
        let resumed: Bool
        let resumedFrom: String?
        let resumedSectors: Int
        let verified = true
        let rebooted: Bool
        let pinsSource: String
        let pins: [Pin]
        let wifi: String?
        let mqtt: String?
        let accessPoint: String
        let hostname: String
        let nextStep: String
    }

    var nextStep: String {
        if config.wifiSSID.isEmpty {
            return "connect to the device's Wi-Fi access point \"\(config.longDeviceName)\" and open http://192.168.4.1 to set up Wi-Fi"
        }
        return "the device joins \"\(config.wifiSSID)\" as \(config.shortDeviceName): open http://\(config.shortDeviceName)/ "
            + "(or its address from your router); if it cannot join, it opens the access point \"\(config.longDeviceName)\""
    }

    var result: Result {
        let writeResults = writes.map { write in
            let counts = totals.perWrite[write.what] ?? (0, 0, 0, 0)
            return Result.Write(what: write.what, address: hex(write.address), length: write.length, crc32: write.crc32,
                                writtenSectors: counts.written, skippedSectors: counts.skipped,
                                blankSectors: counts.blank, resumedSectors: counts.resumed)
        }
        let pinList = (pins.template?.pins ?? [:]).keys.sorted().map { gpio in
            let setting = pins.template!.pins[gpio]!
            return Result.Pin(gpio: gpio, role: setting.role.rawValue, channel: setting.channel)
        }
        return Result(
            chip: identity.chip.displayName, mac: identity.macText, flashID: identity.flashIDText,
            backup: backup.url.path, backupReused: backup.reusedBecause != nil, progressRecord: recordURL.path,
            firmware: firmwarePath, writes: writeResults, writtenSectors: totals.written,
            skippedSectors: totals.skipped, blankSectors: totals.blank, resumed: totals.resumedSectors > 0,
            resumedFrom: totals.resumedFromAddress.map(hex), resumedSectors: totals.resumedSectors, rebooted: rebooted,
            pinsSource: pins.source, pins: pinList,
            wifi: config.wifiSSID.isEmpty ? nil : config.wifiSSID,
            mqtt: config.mqttHost.isEmpty ? nil : "\(config.mqttHost):\(config.mqttPort)",
            accessPoint: config.longDeviceName, hostname: config.shortDeviceName, nextStep: nextStep)
    }

    var text: String {
        let firmwareName = URL(fileURLWithPath: firmwarePath).lastPathComponent
        var lines = ["Done: the \(identity.chip.displayName) (MAC \(identity.macText ?? "unknown")) now holds \(firmwareName) and its OpenBeken config, verified by chip CRC\(rebooted ? ", and was rebooted" : "")."]
        lines.append("  backup    \(backup.url.path)\(backup.reusedBecause.map { " (\($0))" } ?? "") + .json sidecar")
        for write in writes {
            let counts = totals.perWrite[write.what] ?? (0, 0, 0, 0)
            let end = write.address + write.length
            var line = "  \(write.what.padding(toLength: 9, withPad: " ", startingAt: 0)) \(hex(write.address))–\(hex(end)) (\(write.length) bytes): "
                + "\(sectors(counts.written)) written, \(counts.blank) erased only, \(counts.skipped) skipped (identical)"
            if counts.resumed > 0 { line += ", \(counts.resumed) done by the previous run" }
            lines.append(line)
        }
        lines.append("  pins      \(ConversionPins.summary(pins.template)) (from \(pins.source))")
        if !config.wifiSSID.isEmpty { lines.append("  wifi      \(config.wifiSSID)") }
        if !config.mqttHost.isEmpty { lines.append("  mqtt      \(config.mqttHost):\(config.mqttPort), topic \(config.shortDeviceName)") }
        lines.append("  progress  \(recordURL.path)")
        lines.append("Next: \(nextStep).")
        return lines.joined(separator: "\n") + "\n"
    }
}
