import BekenFlasher
import BekenProtocol
import Foundation

/// The backup step of `flash`: a fresh full-flash backup (never overwriting anything, with its JSON sidecar), or an
/// existing one that is proven to come from this very chip (sidecar's chip, flash ID and MAC, and the file's CRC).
enum ConversionBackup {
    struct Backup {
        let url: URL
        let bytes: [UInt8]
        /// Why no new backup was read: "given with --backup", "from the previous run"; nil when read now.
        let reusedBecause: String?
    }

    /// The fields of a read-flash sidecar that identify the chip and the bytes.
    struct StoredSidecar: Decodable {
        let chip: String
        let flashID: String?
        let mac: String?
        let flashSize: Int
        let start: String
        let length: Int
        let crc32: String
    }

    /// "BK7231N C8:47:8C:00:00:01": the chip and its MAC (else its flash ID); names the backup and progress files.
    static func chipKey(_ identity: ChipIdentity) -> String {
        identity.chip.displayName + " " + (identity.macText ?? identity.flashIDText ?? "unknown")
    }

    /// Checks that `url` is a whole-flash backup of the connected chip; returns its bytes or throws why not.
    static func verifyExisting(_ url: URL, identity: ChipIdentity) throws -> [UInt8] {
        let path = url.path
        let bytes = try InputFile.read(path)
        func refuse(_ why: String) -> CLIFailure {
            .badInput("backup-not-this-chip", "\(path) is not a verified backup of this chip: \(why)",
                      hint: "drop --backup to make a fresh backup now")
        }
        let sidecarURL = BackupFile.sidecarURL(for: url)
        guard let data = FileManager.default.contents(atPath: sidecarURL.path) else {
            throw refuse("it has no sidecar \(sidecarURL.lastPathComponent) saying which chip it came from")
        }
        guard let sidecar = try? JSONDecoder().decode(StoredSidecar.self, from: data) else {
            throw refuse("its sidecar \(sidecarURL.lastPathComponent) is not a bktool backup sidecar")
        }
        guard sidecar.chip == identity.chip.displayName else {
            throw refuse("it was read from a \(sidecar.chip), this chip is a \(identity.chip.displayName)")
        }
        guard FlashNumber.parse(sidecar.start)?.value == 0, sidecar.length == identity.flashSize,
              bytes.count == identity.flashSize else {
            throw refuse("it does not cover the whole \(identity.flashSize >> 10) KiB flash")
        }
        if let flashID = identity.flashIDText, sidecar.flashID != flashID {
            throw refuse("its flash ID is \(sidecar.flashID ?? "unknown"), this chip's is \(flashID)")
        }
        guard let mac = identity.macText else {
            throw refuse("this chip has no MAC in its RF calibration sector, so the backup cannot be matched to it")
        }
        guard sidecar.mac == mac else {
            throw refuse("it was read from the chip with MAC \(sidecar.mac ?? "unknown"), this one is \(mac)")
        }
        let crc = hex32(BekenCRC32.standard(bytes))
        guard crc == sidecar.crc32 else {
            throw refuse("its CRC-32 is \(crc), the sidecar recorded \(sidecar.crc32) (the file changed)")
        }
        return bytes
    }

    /// Reads the whole flash into `DIR/<chip>-<mac>-backup.bin` (or the next free name), verified by chip CRC.
    static func read(_ connection: ChipConnection, identity: ChipIdentity, directory: URL,
                     recorder: ProgressRecorder) throws -> Backup {
        let name = FlashProgressRecord.fileStem(chipKey(identity)) + "-backup.bin"
        let file = try BackupFile(path: directory.appendingPathComponent(name).path)
        // Ctrl-C while reading leaves no half backup behind.
        recorder.onInterrupt { [file] in file.discard() }
        defer {
            recorder.onInterrupt(nil)
            file.discard()
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(identity.flashSize)
        try connection.flasher.read(0 ..< identity.flashSize) { _, piece in
            bytes += piece
            try file.append(piece)
        }
        let sidecar = BackupSidecar(
            file: "", chip: identity.chip.displayName, protocolVariant: identity.protocolVariant.rawValue,
            bootloader: identity.bootloaderLabel, bootloaderCRC: hex32(identity.bootloaderRawCRC ^ 0xFFFF_FFFF),
            chipID: identity.chipIDRegister.map { hex(Int($0)) }, flashID: identity.flashIDText,
            flashChip: identity.flashChip.map { "\($0.manufacturer) \($0.name)" }, flashSize: identity.flashSize,
            mac: identity.macText, start: hex(0), length: identity.flashSize,
            crc32: hex32(BekenCRC32.standard(bytes)), tool: "bktool", toolVersion: BKToolVersion.string,
            date: ISO8601DateFormatter().string(from: Date()))
        let url = try file.commit { sidecar.with(file: $0.lastPathComponent) }
        return Backup(url: url, bytes: bytes, reusedBecause: nil)
    }

    /// Creates the backup directory when missing (a usage error when impossible).
    static func prepareDirectory(_ path: String) throws -> URL {
        let url = URL(fileURLWithPath: path, isDirectory: true)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw CLIFailure.badInput("backup-dir-not-directory", "--backup-dir \(path) is a file",
                                          hint: "name a directory (it is created when missing)")
            }
            return url
        }
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw CLIFailure.badInput("backup-dir-not-writable", "cannot create --backup-dir \(path)",
                                      hint: "choose a directory you can write to")
        }
        return url
    }
}
