import Foundation

/// Finds OpenBeken and Tasmota devices in an address range with bounded concurrency. Each address gets one
/// identification (`/api/info`, then `STATUS 0`) with a short timeout; Easy Flasher's first pass uses 2 s
/// (`OBKScanner.cs`).
public struct NetworkScan: Sendable {
    /// One device found.
    public struct Found: Sendable, Hashable, Codable {
        public enum Kind: String, Sendable, Codable { case openBeken = "openbeken", tasmota }
        public let ip: String
        public let port: UInt16
        public let kind: Kind
        public let name: String
        public let chip: String
        public let build: String
        public let mac: String

        public var address: DeviceAddress { DeviceAddress(host: ip, port: port) }
    }

    /// The `build` of a device found behind a web password the scan does not know.
    public static let passwordNeeded = "(password needed)"

    public var range: AddressRange
    public var port: UInt16
    public var concurrency: Int
    public var timeout: Duration
    public var password: String?

    public init(range: AddressRange, port: UInt16 = DeviceAddress.defaultPort, concurrency: Int = 32,
                timeout: Duration = .seconds(2), password: String? = nil) {
        self.range = range
        self.port = port
        self.concurrency = max(1, min(concurrency, 256))
        self.timeout = timeout
        self.password = password
    }

    /// Scans the range; the result is in address order. `onProgress` gets the count of addresses done (called
    /// from the scanning threads).
    public func run(onProgress: @escaping @Sendable (Int) -> Void = { _ in }) -> [Found] {
        let port = self.port, timeout = self.timeout, password = self.password
        let counter = ProgressCounter()
        let results = ParallelWork.map(range.addresses, width: concurrency) { ip -> Found? in
            defer { onProgress(counter.increment()) }
            let client = OBKClient(address: DeviceAddress(host: ip, port: port), password: password,
                                   timeout: timeout, attempts: 1)
            do throws(LANError) {
                switch try client.identify() {
                case .openBeken(let info):
                    return Found(ip: ip, port: port, kind: .openBeken, name: info.shortName, chip: info.chipset,
                                 build: info.build, mac: info.mac)
                case let .tasmota(name, version, hardware):
                    return Found(ip: ip, port: port, kind: .tasmota, name: name, chip: hardware, build: version, mac: "")
                }
            } catch {
                // A device behind OpenBeken's web password still counts as found; the details need the password.
                let locked = [.authenticationRequired, .authenticationFailed].contains(error.code)
                    && (error.fact("realm") ?? "").contains("OpenBeken")
                return locked ? Found(ip: ip, port: port, kind: .openBeken, name: "", chip: "",
                                      build: Self.passwordNeeded, mac: "") : nil
            }
        }
        return results.compactMap { $0 }
    }
}

final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() -> Int { lock.withLock { value += 1; return value } }
}
