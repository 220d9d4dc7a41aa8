import Foundation

/// What `GET /api/info` tells about an OpenBeken device (OBK `rest_interface.c` `http_rest_get_info`).
public struct DeviceInfo: Sendable, Hashable, Codable {
    public var shortName: String
    /// `chipset`: "BK7231T", "BK7231N", … ("LIN" on the simulator).
    public var chipset: String
    /// e.g. "Build on Nov 12 2024 12:00:00 version 1.18.292".
    public var build: String
    public var ip: String
    public var mac: String
    /// `mqtthost` as "host:port".
    public var mqttHost: String
    public var mqttTopic: String
    public var uptimeSeconds: Int
    /// `flags`: genericFlags as a decimal string.
    public var flags: String
    public var webapp: String
    public var startCommand: String

    public init(shortName: String = "", chipset: String, build: String, ip: String = "", mac: String = "",
                mqttHost: String = "", mqttTopic: String = "", uptimeSeconds: Int = 0, flags: String = "0",
                webapp: String = "", startCommand: String = "") {
        self.shortName = shortName
        self.chipset = chipset
        self.build = build
        self.ip = ip
        self.mac = mac
        self.mqttHost = mqttHost
        self.mqttTopic = mqttTopic
        self.uptimeSeconds = uptimeSeconds
        self.flags = flags
        self.webapp = webapp
        self.startCommand = startCommand
    }

    /// Parses the reply body; nil unless it has OpenBeken's `build` and `chipset`.
    public init?(json bytes: [UInt8]) {
        guard let object = LenientJSON.object(bytes),
              let build = LenientJSON.string(object["build"]), let chipset = LenientJSON.string(object["chipset"]) else {
            return nil
        }
        self.init(shortName: LenientJSON.string(object["shortName"]) ?? "", chipset: chipset, build: build,
                  ip: LenientJSON.string(object["ip"]) ?? "", mac: LenientJSON.string(object["mac"]) ?? "",
                  mqttHost: LenientJSON.string(object["mqtthost"]) ?? "",
                  mqttTopic: LenientJSON.string(object["mqtttopic"]) ?? "",
                  uptimeSeconds: LenientJSON.int(object["uptime_s"]) ?? 0,
                  flags: LenientJSON.string(object["flags"]) ?? "0",
                  webapp: LenientJSON.string(object["webapp"]) ?? "",
                  startCommand: LenientJSON.string(object["startcmd"]) ?? "")
    }

    /// The version at the end of `build` ("… version 1.18.292" → "1.18.292"), or nil.
    public var version: String? {
        guard let range = build.range(of: "version ", options: .backwards) else { return nil }
        let text = build[range.upperBound...].prefix { !$0.isWhitespace }
        return text.isEmpty ? nil : String(text)
    }

    /// The chip in bktool's naming ("bk7231n"), from `chipset`.
    public var chip: String { chipset.lowercased() }
}

/// A device found on the network.
public enum DeviceIdentity: Sendable, Hashable {
    case openBeken(DeviceInfo)
    /// Tasmota: its device name, version and hardware from `STATUS 0`.
    case tasmota(name: String, version: String, hardware: String)
}

extension OBKClient {
    /// `/api/info` of an OpenBeken device. Other servers give `notOpenBeken`, Tasmota `tasmotaFound`.
    public func info() throws(LANError) -> DeviceInfo {
        switch try identify() {
        case .openBeken(let info): return info
        case let .tasmota(name, version, _):
            throw LANError(.tasmotaFound, [.init("host", address.description), .init("name", name),
                                           .init("version", version)], suggestion: .useTasmotaTools)
        }
    }

    /// OpenBeken or Tasmota? `/api/info` first (OpenBeken only); else `STATUS 0` through `/cm`, which both
    /// answer — OpenBeken's `StatusFWR.SDK` is "obk" (Easy Flasher `OBKDeviceAPI.cs`), Tasmota's is its SDK.
    public func identify() throws(LANError) -> DeviceIdentity {
        let reply = try get("/api/info")
        if reply.status == 200, let info = DeviceInfo(json: reply.body) { return .openBeken(info) }
        let status = try get("/cm?cmnd=" + URLQuery.encode("STATUS 0"))
        if status.status == 200, let object = LenientJSON.object(status.body),
           let firmware = object["StatusFWR"] as? [String: Any] {
            let sdk = LenientJSON.string(firmware["SDK"]) ?? ""
            if sdk.lowercased() != "obk" {
                let deviceStatus = object["Status"] as? [String: Any]
                return .tasmota(name: LenientJSON.string(deviceStatus?["DeviceName"]) ?? "",
                                version: LenientJSON.string(firmware["Version"]) ?? "",
                                hardware: LenientJSON.string(firmware["Hardware"]) ?? "")
            }
        }
        throw LANError(.notOpenBeken, [.init("host", address.description), .init("status", "\(reply.status)")],
                       suggestion: .checkItIsOpenBeken)
    }
}
