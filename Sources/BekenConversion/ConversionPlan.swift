import BekenChips
import BekenFlasher
import BekenImage
import BekenProtocol
import OpenBeken

/// The whole conversion decided before the first write, purely from the chip identity, the checked firmware, the
/// user's settings, the backup and the previous run's record: the pins, the config sector, the write list and
/// whether the recorded run resumes. The runner only carries it out.
public struct ConversionPlan: Sendable {
    public let identity: ChipIdentity
    public let firmware: CheckedFirmware
    /// "BK7231N C8:47:8C:00:00:01": names the backup and the progress record.
    public let chipKey: String
    public let pins: PinPlan
    public let config: ConfigPlan
    /// The firmware image reaches the config sector: the new config replaces that part of it (written once).
    public let configInsideFirmware: Bool
    /// Tuya's T1 factory layout: the backup's RF calibration sector is copied to where OpenBeken reads it
    /// (nil when it is already there, or the chip has no other place for it).
    public let rfCalibrationMove: RFCalibrationMove?
    /// The MAC read before the conversion and where OpenBeken reads it; the runner reads that sector back.
    public let macProof: MACProof?
    /// Firmware, the moved RF calibration (if any), then the config sector; `images` holds their bytes in order.
    public let writes: [FlashProgressRecord.PlannedWrite]
    public let images: [[UInt8]]
    public let resume: Resume
    /// The record the run keeps (the previous one when resuming).
    public let record: FlashProgressRecord

    public enum Resume: Sendable, Equatable {
        /// No interrupted run of this conversion is recorded.
        case fresh
        /// The recorded run wrote the same firmware and config: verified sectors are left alone.
        case resume
        /// A recorded interrupted run wrote other firmware or settings: start over (identical sectors are still
        /// skipped by the flasher).
        case startOver
    }

    /// "BK7231N C8:47:8C:00:00:01": the chip and its MAC (else its flash ID).
    public static func chipKey(_ identity: ChipIdentity) -> String {
        identity.chip.displayName + " " + (identity.macText ?? identity.flashIDText ?? "unknown")
    }

    /// The OpenBeken platform and config sector offset for this chip, or why there is none.
    public static func configTarget(_ identity: ChipIdentity) throws(ConversionError) -> (OBKPlatform, Int) {
        guard let platform = OBKPlatform(chip: identity.chip),
              let offset = OBKConfigLocation.sectorOffset(for: identity.family) else {
            throw .noOpenBekenConfig(chip: identity.chip)
        }
        return (platform, offset)
    }

    public static func make(identity: ChipIdentity, firmware: CheckedFirmware, settings: ConversionSettings,
                            backup: [UInt8], backupName: String,
                            previous: FlashProgressRecord?) throws(ConversionError) -> ConversionPlan {
        let (platform, offset) = try configTarget(identity)
        let pins = PinPlan.derive(backup: backup, choice: settings.pins)
        let config = try ConfigPlan.build(platform: platform, offset: offset, identity: identity, pins: pins.template,
                                          settings: settings, backup: backup)
        let sector = config.sector
        var payload = firmware.payload
        let firmwareRange = firmware.plan.flashOffset ..< firmware.plan.flashOffset + payload.count
        let overlap = firmwareRange.clamped(to: offset ..< offset + sector.count)
        if !overlap.isEmpty {
            payload.replaceSubrange((overlap.lowerBound - firmwareRange.lowerBound) ..< (overlap.upperBound - firmwareRange.lowerBound),
                                    with: sector[(overlap.lowerBound - offset) ..< (overlap.upperBound - offset)])
        }
        let rfMove = RFCalibrationMove.needed(in: backup, chip: identity.chip)
        let rfSector = rfMove.flatMap { $0.sector(in: backup) }.map { Array($0) }
        var parts: [(what: String, address: Int, bytes: [UInt8])] = [("firmware", firmware.plan.flashOffset, payload)]
        if let rfMove, let rfSector { parts.append(("rf-calibration", rfMove.to, rfSector)) }
        parts.append(("config", offset, sector))
        let writes = parts.map {
            FlashProgressRecord.PlannedWrite(what: $0.what, address: $0.address, length: $0.bytes.count,
                                             crc32: hex32(BekenCRC32.standard($0.bytes)))
        }
        let chipKey = chipKey(identity)
        let resume: Resume
        var record = FlashProgressRecord(chip: chipKey, backup: "", writes: writes)
        if let previous, previous.chip == chipKey, !previous.complete, !previous.verified.isEmpty {
            if previous.writes == writes {
                resume = .resume
                record = previous
            } else {
                resume = .startOver
            }
        } else {
            resume = .fresh
        }
        record.backup = backupName
        return ConversionPlan(identity: identity, firmware: firmware, chipKey: chipKey, pins: pins, config: config,
                              configInsideFirmware: !overlap.isEmpty,
                              rfCalibrationMove: rfSector == nil ? nil : rfMove,
                              macProof: MACProof(identity), writes: writes, images: parts.map(\.bytes),
                              resume: resume, record: record)
    }
}

/// The MAC the chip had before the conversion and the RF calibration sector the new firmware reads it from
/// (`FlashLayout.rfCalibration`; OpenBeken reads its MAC from there, BK7231GUIFlashTool `RFPartitionUtil.cs`).
public struct MACProof: Sendable, Equatable {
    public let mac: [UInt8]
    public let offset: Int

    /// Nil when the chip has no MAC or no RF calibration offset.
    init?(_ identity: ChipIdentity) {
        guard let mac = identity.mac, mac.count == 6, let offset = identity.profile.layout.rfCalibration,
              Int(offset) + FlashGeometry.sector <= identity.flashSize else { return nil }
        self.mac = mac
        self.offset = Int(offset)
    }
}
