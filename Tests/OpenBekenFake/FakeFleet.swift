import Foundation
import OpenBekenLAN

/// Several fake devices in one loopback /24 (127.A.B.0/24, A and B random), all on the same port, for scans
/// and mass operations. Linux routes all of 127.0.0.0/8 to the loopback interface.
public final class FakeFleet: @unchecked Sendable {
    public let devices: [FakeOpenBeken]
    public let subnet: String
    public let port: UInt16

    /// `hosts`: last octets (1…254) of the devices; `configure` adjusts each device's setup by index.
    public init(hosts: [Int], configure: (Int, inout FakeOpenBeken.Setup) -> Void = { _, _ in }) throws {
        var lastError: Error?
        for _ in 0..<20 {
            let subnet = "127.\(Int.random(in: 10...250)).\(Int.random(in: 1...250))"
            var started: [FakeOpenBeken] = []
            do {
                var port: UInt16 = 0
                for (index, host) in hosts.enumerated() {
                    var setup = FakeOpenBeken.Setup()
                    setup.shortName = "plug\(index + 1)"
                    setup.mac = String(format: "c8:47:8c:00:%02x:%02x", index / 256, index % 256)
                    setup.seed = UInt64(index + 1)
                    configure(index, &setup)
                    let device = try FakeOpenBeken(host: "\(subnet).\(host)", port: port, setup: setup)
                    port = device.address.port
                    started.append(device)
                }
                self.devices = started
                self.subnet = subnet
                self.port = port
                return
            } catch {
                started.forEach { $0.stop() }
                lastError = error
            }
        }
        throw lastError ?? POSIXError(.EADDRINUSE)
    }

    /// The whole /24 as FIRST-LAST.
    public var range: String { "\(subnet).1-\(subnet).254" }

    public func stop() { devices.forEach { $0.stop() } }
}
