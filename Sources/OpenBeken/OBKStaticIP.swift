/// `mainConfig_t.staticIP` at 0x527: four IPv4 addresses of 4 bytes each; all zero = DHCP (OpenBeken new_pins.h).
public struct OBKStaticIP: Sendable, Hashable, Codable {
    public var address: [UInt8]
    public var netmask: [UInt8]
    public var gateway: [UInt8]
    public var dns: [UInt8]

    public init(address: [UInt8] = [0, 0, 0, 0], netmask: [UInt8] = [0, 0, 0, 0],
                gateway: [UInt8] = [0, 0, 0, 0], dns: [UInt8] = [0, 0, 0, 0]) {
        self.address = address
        self.netmask = netmask
        self.gateway = gateway
        self.dns = dns
    }

    public static let dhcp = OBKStaticIP()

    public var usesDHCP: Bool { address.allSatisfy { $0 == 0 } }

    /// "a.b.c.d" for one of the four addresses.
    public static func dotted(_ octets: [UInt8]) -> String {
        octets.map(String.init).joined(separator: ".")
    }
}
