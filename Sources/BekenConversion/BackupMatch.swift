import BekenChips
import BekenFlasher
import BekenProtocol
import Foundation

/// Whether a stored backup is a whole-flash backup of the connected chip: its sidecar's chip, flash ID and MAC,
/// and the bytes' CRC-32 against the sidecar. Only then may a conversion skip reading a new backup.
public enum BackupMismatch: Sendable, Equatable {
    case noSidecar(sidecar: String)
    case sidecarUnreadable(sidecar: String)
    case otherChip(backup: String, chip: String)
    case notWholeFlash(flashSize: Int)
    case otherFlashID(backup: String?, chip: String)
    case chipHasNoMAC
    case otherMAC(backup: String?, chip: String)
    case changed(crc: String, recorded: String)
}

enum BackupMatch {
    /// Throws `ConversionError.backupNotThisChip` saying why `backup` cannot stand for this chip's flash.
    static func check(_ backup: StoredBackup, identity: ChipIdentity) throws(ConversionError) {
        func refuse(_ why: BackupMismatch) -> ConversionError { .backupNotThisChip(path: backup.location.path, why) }
        let sidecarName = URL(fileURLWithPath: backup.location.sidecarPath).lastPathComponent
        guard let data = backup.sidecar else { throw refuse(.noSidecar(sidecar: sidecarName)) }
        guard let sidecar = try? JSONDecoder().decode(SidecarFacts.self, from: data) else {
            throw refuse(.sidecarUnreadable(sidecar: sidecarName))
        }
        guard sidecar.chip == identity.chip.displayName else {
            throw refuse(.otherChip(backup: sidecar.chip, chip: identity.chip.displayName))
        }
        guard parseAddress(sidecar.start) == 0, sidecar.length == identity.flashSize,
              backup.bytes.count == identity.flashSize else {
            throw refuse(.notWholeFlash(flashSize: identity.flashSize))
        }
        if let flashID = identity.flashIDText, sidecar.flashID != flashID {
            throw refuse(.otherFlashID(backup: sidecar.flashID, chip: flashID))
        }
        guard let mac = identity.macText else { throw refuse(.chipHasNoMAC) }
        guard sidecar.mac == mac else { throw refuse(.otherMAC(backup: sidecar.mac, chip: mac)) }
        let crc = hex32(BekenCRC32.standard(backup.bytes))
        guard crc == sidecar.crc32 else { throw refuse(.changed(crc: crc, recorded: sidecar.crc32)) }
    }
}
