import Foundation

/// The device list of a scan, as `scan --json` prints it and mass operations read it back.
public struct DeviceList: Sendable, Codable, Equatable {
    public var devices: [NetworkScan.Found]

    public init(devices: [NetworkScan.Found]) { self.devices = devices }

    /// Reads a scan document; only OpenBeken devices are returned as addresses (Tasmota ones are skipped).
    public static func openBekenAddresses(in data: Data) throws(LANError) -> [DeviceAddress] {
        // The document, or the last line that is one (output with JSON progress lines before it).
        let lines = data.split(separator: UInt8(ascii: "\n")).reversed()
        guard let list = (try? JSONDecoder().decode(DeviceList.self, from: data))
            ?? lines.lazy.compactMap({ try? JSONDecoder().decode(DeviceList.self, from: Data($0)) }).first else {
            throw LANError(.badDeviceList, [.init("reason", "not a scan document (\"devices\": [{\"ip\", \"port\", \"kind\", …}])")],
                           suggestion: .checkSetting)
        }
        return list.devices.filter { $0.kind == .openBeken }.map(\.address)
    }
}

/// One operation over many devices: every device is tried, one's failure never stops the others. Jobs may
/// throw any error (a front end's own file errors too); results keep the input order.
public enum MassOperation {
    public struct Result<Value: Sendable>: Sendable {
        public let device: DeviceAddress
        public let outcome: Swift.Result<Value, any Error>
    }

    public static func run<Value: Sendable>(_ devices: [DeviceAddress], width: Int = 4,
                                            _ job: @escaping @Sendable (DeviceAddress) throws -> Value)
        -> [Result<Value>] {
        ParallelWork.map(devices, width: width) { device in
            do {
                return Result(device: device, outcome: .success(try job(device)))
            } catch {
                return Result(device: device, outcome: .failure(error))
            }
        }
    }
}

/// The bytes of a network backup, region by region.
public struct NetworkBackup: Sendable {
    public struct Piece: Sendable {
        public let region: NetworkBackupPlan.Region
        public let bytes: [UInt8]
    }

    public let info: DeviceInfo
    public let pieces: [Piece]

    /// Reads the plan's regions; `progress` gets (bytes done, bytes in all).
    public static func read(from client: OBKClient, full: Bool,
                            progress: (Int, Int) -> Void = { _, _ in }) throws(LANError) -> NetworkBackup {
        let info = try client.info()
        let plan = try NetworkBackupPlan(chipset: info.chipset, full: full)
        let total = plan.regions.reduce(0) { $0 + $1.length }
        var done = 0
        var pieces: [Piece] = []
        for region in plan.regions {
            let base = done
            let bytes = try client.readFlash(start: region.start, length: region.length) { progress(base + $0, total) }
            done += bytes.count
            pieces.append(Piece(region: region, bytes: bytes))
        }
        return NetworkBackup(info: info, pieces: pieces)
    }
}
