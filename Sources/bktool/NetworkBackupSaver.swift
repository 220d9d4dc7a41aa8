import BekenConversion
import BekenImage
import Foundation
import OpenBeken
import OpenBekenLAN
import TuyaConfig

/// Saves the regions of a network backup like UART backups: never overwriting (through `BackupFile`, the one
/// place that knows how), each with a JSON sidecar, then decodes what it can (OpenBeken config, Tuya config).
enum NetworkBackupSaver {
    struct Sidecar: Encodable {
        let file: String
        let source = "network"
        let device: String
        let chip: String
        let build: String
        let mac: String
        let region: String
        let start: String
        let length: Int
        let crc32: String
        let tool = "bktool"
        let toolVersion = BKToolVersion.string
        let date: String
    }

    struct Saved: Encodable {
        let region: String
        let file: String
        let length: Int
        let crc32: String
        /// What the bytes turned out to hold, for people (no secrets).
        let decoded: [String]
    }

    /// `<dir>/<shortName>_<last 3 MAC bytes>_<region>.bin` (Easy Flasher's mass backup names folders the same way).
    static func save(_ backup: NetworkBackup, device: DeviceAddress, directory: String) throws -> [Saved] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let macTail = backup.info.mac.filter(\.isHexDigit).suffix(6).lowercased()
        let name = safeName(backup.info.shortName.isEmpty ? device.host : backup.info.shortName)
        let stem = macTail.isEmpty ? name : "\(name)_\(macTail)"
        return try backup.pieces.map { piece in
            let path = URL(fileURLWithPath: directory).appendingPathComponent("\(stem)_\(piece.region.name).bin").path
            let crc = String(format: "0x%08X", CRC32.checksum(piece.bytes))
            let file = try BackupFile(path: path)
            try file.append(piece.bytes[...])
            let url = try file.commit { url in
                Sidecar(file: url.lastPathComponent, device: device.description, chip: backup.info.chipset,
                        build: backup.info.build, mac: backup.info.mac, region: piece.region.name,
                        start: String(format: "0x%X", piece.region.start), length: piece.bytes.count, crc32: crc,
                        date: ISO8601DateFormatter().string(from: Date()))
            }
            return Saved(region: piece.region.name, file: url.path, length: piece.bytes.count, crc32: crc,
                         decoded: decode(piece, chip: backup.info.chip))
        }
    }

    static func decode(_ piece: NetworkBackup.Piece, chip: String) -> [String] {
        switch piece.region.name {
        case "obk-config":
            return describe(config: piece.bytes)
        case "tuya-config":
            return describeTuya(piece.bytes)
        default:
            var lines = ["whole flash: \(FileClassifier.classify(piece.bytes).kind.summary)"]
            if let offset = OBKConfigLocation.sectorOffset(forChip: chip), offset + 0x1000 <= piece.bytes.count {
                lines += describe(config: Array(piece.bytes[offset..<(offset + 0x1000)]))
            }
            return lines
        }
    }

    static func describe(config bytes: [UInt8]) -> [String] {
        do {
            let config = try OBKConfig(decoding: bytes)
            let pins = config.pins.enumerated().filter { !$0.element.isUnused }.map { gpio, pin in
                "P\(gpio)=\(PinRole(index: Int(pin.role))?.rawValue ?? "#\(pin.role)");\(pin.channel)"
            }
            return ["OpenBeken config: name \"\(config.shortDeviceName)\", Wi-Fi \"\(config.wifiSSID)\", "
                + "MQTT \(config.mqttHost):\(config.mqttPort)", "pins: " + (pins.isEmpty ? "none" : pins.joined(separator: " "))]
        } catch {
            return ["no valid OpenBeken config: \(error.description)"]
        }
    }

    static func describeTuya(_ bytes: [UInt8]) -> [String] {
        if bytes.allSatisfy({ $0 == 0xFF }) { return ["Tuya region: erased"] }
        guard let config = try? TuyaConfigReader.read(bytes) else { return ["Tuya region: no readable Tuya config"] }
        let keys = config.userParamKey.map { "user_param_key with \($0.settings.count) keys" } ?? "no user_param_key"
        return ["Tuya config: \(keys)"]
    }

    static func safeName(_ text: String) -> String {
        let cleaned = String(text.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
        return cleaned.isEmpty ? "device" : String(cleaned.prefix(40))
    }
}
