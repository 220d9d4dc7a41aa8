import Foundation

/// A serial port found on this machine, for `bktool list-ports`.
public struct SerialPortInfo: Sendable, Equatable, Codable {
    /// The device path to pass to `-p`, e.g. /dev/ttyUSB0 or /dev/cu.usbserial-110.
    public let path: String
    /// A human name: the /dev/serial/by-id name on Linux when there is one, else the device name.
    public let description: String
    /// The stable /dev/serial/by-id path that points to this port, if any.
    public let byIDPath: String?

    public init(path: String, description: String, byIDPath: String? = nil) {
        self.path = path
        self.description = description
        self.byIDPath = byIDPath
    }
}

/// Finds USB serial adapters. Linux: /dev/ttyUSB*, /dev/ttyACM*, named by /dev/serial/by-id; macOS: /dev/cu.*.
public enum PortLister {
    /// The ports present now, sorted by path; [] when there are none.
    public static func list() -> [SerialPortInfo] {
        #if os(macOS)
        let scan = macOSScan
        #else
        let scan = linuxScan
        #endif
        return list(devices: "/dev", prefixes: scan.prefixes, byID: scan.byID)
    }

    /// Where each platform keeps its adapters. Both are compiled everywhere, so the macOS one is tested on Linux with
    /// a fake /dev. macOS: the call-out devices (`cu.*`, which do not wait for carrier detect, unlike `tty.*`).
    static let linuxScan = (prefixes: ["ttyUSB", "ttyACM"], byID: Optional("/dev/serial/by-id"))
    static let macOSScan = (prefixes: ["cu."], byID: String?.none)

    /// The ports under `devices` whose names start with one of `prefixes`, named after the links in `byID`
    /// (links to devices outside `prefixes` are listed too: by-id only holds real serial devices).
    static func list(devices: String, prefixes: [String], byID: String?) -> [SerialPortInfo] {
        let files = FileManager.default
        var ports: [String: SerialPortInfo] = [:]
        for name in (try? files.contentsOfDirectory(atPath: devices)) ?? []
            where prefixes.contains(where: { name.hasPrefix($0) }) {
            let path = devices + "/" + name
            ports[path] = SerialPortInfo(path: path, description: name)
        }
        if let byID {
            for name in ((try? files.contentsOfDirectory(atPath: byID)) ?? []).sorted() {
                let link = byID + "/" + name
                guard let target = resolvedLink(link), files.fileExists(atPath: target) else { continue }
                if ports[target]?.byIDPath != nil { continue }
                ports[target] = SerialPortInfo(path: target, description: name, byIDPath: link)
            }
        }
        return ports.values.sorted { $0.path < $1.path }
    }

    /// The absolute path a symbolic link points to (relative targets resolved against the link's folder).
    static func resolvedLink(_ link: String) -> String? {
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: link) else { return nil }
        let url = target.hasPrefix("/")
            ? URL(fileURLWithPath: target)
            : URL(fileURLWithPath: link).deletingLastPathComponent().appendingPathComponent(target)
        return url.standardizedFileURL.path
    }
}
