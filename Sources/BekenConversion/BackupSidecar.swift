import BekenChips
import BekenFlasher
import Foundation

/// The program that wrote a backup or record, as the front end names itself (sidecars record it).
public struct ToolInfo: Sendable, Equatable {
    public let name: String
    public let version: String
    public init(name: String, version: String) {
        self.name = name
        self.version = version
    }
}

/// The JSON written next to every backup: enough to know later what the bytes are (chip, bootloader, flash ID,
/// MAC, range, CRC-32, tool, date — docs/ARCHITECTURE.md principles).
public struct BackupSidecar: Codable, Sendable, Equatable {
    public var file: String
    public let chip: String
    public let protocolVariant: String
    public let bootloader: String
    public let bootloaderCRC: String
    public let chipID: String?
    public let flashID: String?
    public let flashChip: String?
    public let flashSize: Int
    public let mac: String?
    public let start: String
    public let length: Int
    public let crc32: String
    public let tool: String
    public let toolVersion: String
    public let date: String

    /// The sidecar of `length` bytes read at `start` from the chip `identity` describes; `crc` is their standard
    /// CRC-32, `macText` the MAC if known (else the identity's).
    public init(identity: ChipIdentity, start: Int, length: Int, crc: UInt32, macText: String? = nil,
                tool: ToolInfo, date: Date = Date()) {
        file = ""
        chip = identity.chip.displayName
        protocolVariant = identity.protocolVariant.rawValue
        bootloader = identity.bootloaderLabel
        bootloaderCRC = hex32(identity.bootloaderRawCRC ^ 0xFFFF_FFFF)
        chipID = identity.chipIDRegister.map { hexAddress(Int($0)) }
        flashID = identity.flashIDText
        flashChip = identity.flashChip.map { "\($0.manufacturer) \($0.name)" }
        flashSize = identity.flashSize
        mac = macText ?? identity.macText
        self.start = hexAddress(start)
        self.length = length
        crc32 = hex32(crc)
        self.tool = tool.name
        toolVersion = tool.version
        self.date = ISO8601DateFormatter().string(from: date)
    }

    /// The same sidecar naming the file it describes.
    public func with(file: String) -> BackupSidecar {
        var copy = self
        copy.file = file
        return copy
    }
}

/// The fields of a sidecar that identify the chip and the bytes (older sidecars may lack the rest).
struct SidecarFacts: Decodable {
    let chip: String
    let flashID: String?
    let mac: String?
    let flashSize: Int
    let start: String
    let length: Int
    let crc32: String
}
