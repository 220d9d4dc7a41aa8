import BekenChips
import BekenImage
import Foundation
import OpenBeken
import OpenBekenLAN
import TuyaConfig

/// Saves the regions of a network backup (`NetworkBackup`, read over OpenBeken's HTTP API) like UART backups:
/// never overwriting (through `BackupFile`), each with a `NetworkBackupSidecar`, then decodes what it can
/// (OpenBeken config, Tuya config, what a whole-flash file is) as typed findings for the front end to word.
public enum NetworkBackupSaver {
    /// One saved region.
    public struct Saved: Sendable {
        /// "obk-config", "tuya-config" or "flash" (`NetworkBackupPlan.Region.name`).
        public let region: String
        public let path: String
        public let length: Int
        /// `0x0EAB98F5`, as the sidecar records it.
        public let crc32: String
        public let findings: [NetworkBackupFinding]
    }

    /// `<directory>/<shortName>_<last 3 MAC bytes>_<region>.bin` (Easy Flasher's mass backup names folders the
    /// same way); the directory is created when missing. `device` is how the device was addressed.
    public static func save(_ backup: NetworkBackup, device: DeviceAddress, directory: String,
                            tool: ToolInfo, date: Date = Date()) throws -> [Saved] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let macTail = backup.info.mac.filter(\.isHexDigit).suffix(6).lowercased()
        let name = safeName(backup.info.shortName.isEmpty ? device.host : backup.info.shortName)
        let stem = macTail.isEmpty ? name : "\(name)_\(macTail)"
        return try backup.pieces.map { piece in
            let path = URL(fileURLWithPath: directory).appendingPathComponent("\(stem)_\(piece.region.name).bin").path
            let crc = hex32(CRC32.checksum(piece.bytes))
            let file = try BackupFile(path: path)
            try file.append(piece.bytes[...])
            let url = try file.commit { url in
                NetworkBackupSidecar(file: url.lastPathComponent, device: device.description, info: backup.info,
                                     region: piece.region, length: piece.bytes.count, crc32: crc, tool: tool, date: date)
            }
            return Saved(region: piece.region.name, path: url.path, length: piece.bytes.count, crc32: crc,
                         findings: findings(piece, chip: backup.info.chip))
        }
    }

    /// What one region holds.
    public static func findings(_ piece: NetworkBackup.Piece, chip: String) -> [NetworkBackupFinding] {
        let pinBlock = OBKConfigLocation.pinBlock(forChip: chip)
        switch piece.region.name {
        case "obk-config":
            return [config(piece.bytes, pinBlock: pinBlock)]
        case "tuya-config":
            return [tuya(piece.bytes)]
        default:
            var found: [NetworkBackupFinding] = [.wholeFlash(FileClassifier.classify(piece.bytes).kind)]
            if let offset = OBKConfigLocation.sectorOffset(forChip: chip), offset + 0x1000 <= piece.bytes.count {
                found.append(config(Array(piece.bytes[offset..<(offset + 0x1000)]), pinBlock: pinBlock))
            }
            return found
        }
    }

    static func config(_ bytes: [UInt8], pinBlock: OBKPinBlock) -> NetworkBackupFinding {
        do {
            return .openBekenConfig(try OBKConfig(decoding: bytes, pinBlock: pinBlock))
        } catch {
            return .noOpenBekenConfig(error)
        }
    }

    static func tuya(_ bytes: [UInt8]) -> NetworkBackupFinding {
        if bytes.allSatisfy({ $0 == 0xFF }) { return .tuyaErased }
        guard let config = try? TuyaConfigReader.read(bytes) else { return .tuyaUnreadable }
        return .tuyaConfig(userParamKeys: config.userParamKey?.settings.count)
    }

    /// Letters, digits, `-` and `_` of `text` (others become `_`), at most 40 characters; "device" when empty.
    static func safeName(_ text: String) -> String {
        let cleaned = String(text.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
        return cleaned.isEmpty ? "device" : String(cleaned.prefix(40))
    }
}

/// What a saved network backup region turned out to hold.
public enum NetworkBackupFinding: Sendable {
    /// A whole-flash file, as the classifier sees it.
    case wholeFlash(ImageKind)
    /// A valid OpenBeken config sector (it holds secrets: front ends show names, never passwords).
    case openBekenConfig(OBKConfig)
    case noOpenBekenConfig(OBKConfigError)
    /// The Tuya region is erased (all 0xFF).
    case tuyaErased
    case tuyaUnreadable
    /// A readable Tuya config; the number of `user_param_key` settings (nil: none).
    case tuyaConfig(userParamKeys: Int?)
}

/// The JSON written next to each file of a network backup: where it came from (device, chip, build, MAC), which
/// region, its CRC-32, tool and date. The second sidecar type beside `BackupSidecar` (a UART backup's).
public struct NetworkBackupSidecar: Codable, Sendable, Equatable {
    public let file: String
    /// Always "network".
    public let source: String
    public let device: String
    public let chip: String
    public let build: String
    public let mac: String
    public let region: String
    public let start: String
    public let length: Int
    public let crc32: String
    public let tool: String
    public let toolVersion: String
    public let date: String

    public init(file: String, device: String, info: DeviceInfo, region: NetworkBackupPlan.Region, length: Int,
                crc32: String, tool: ToolInfo, date: Date = Date()) {
        self.file = file
        source = "network"
        self.device = device
        chip = info.chipset
        build = info.build
        mac = info.mac
        self.region = region.name
        start = hexAddress(region.start)
        self.length = length
        self.crc32 = crc32
        self.tool = tool.name
        toolVersion = tool.version
        self.date = ISO8601DateFormatter().string(from: date)
    }
}
