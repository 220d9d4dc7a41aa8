/// A range of IPv4 addresses to scan: CIDR (`192.168.1.0/24`: its hosts, without network and broadcast
/// address for prefixes up to /30) or `first-last` (`192.168.1.10-192.168.1.50`, or `192.168.1.10-50`).
/// At most 65 536 addresses, as Easy Flasher allows (`OBKScanner.cs`).
public struct AddressRange: Sendable, Hashable {
    public static let maxCount = 65_536

    public let first: UInt32
    public let last: UInt32

    public var count: Int { Int(last - first) + 1 }

    public init(parsing text: String) throws(LANError) {
        let bad = { (reason: String) in
            LANError(.badAddress, [.init("range", text), .init("reason", reason)], suggestion: .checkSetting)
        }
        if let slash = text.firstIndex(of: "/") {
            guard let base = Self.ipv4(String(text[..<slash])), let bits = Int(text[text.index(after: slash)...]),
                  (16...32).contains(bits) else { throw bad("write CIDR as A.B.C.D/16…32") }
            let mask: UInt32 = bits == 32 ? .max : ~(UInt32.max >> UInt32(bits))
            let network = base & mask
            let broadcast = network | ~mask
            if bits <= 30 {
                first = network + 1
                last = broadcast - 1
            } else {
                first = network
                last = broadcast
            }
            return
        }
        let halves = text.split(separator: "-", maxSplits: 1).map(String.init)
        guard halves.count == 2, let start = Self.ipv4(halves[0]) else { throw bad("write FIRST-LAST or A.B.C.D/N") }
        let end: UInt32
        if let full = Self.ipv4(halves[1]) {
            end = full
        } else if let octet = UInt8(halves[1]) {
            end = (start & 0xFFFF_FF00) | UInt32(octet)
        } else {
            throw bad("the end is not an IPv4 address")
        }
        guard end >= start else { throw bad("the end comes before the start") }
        guard Int(end - start) < Self.maxCount else { throw bad("more than \(Self.maxCount) addresses") }
        first = start
        last = end
    }

    public var addresses: [String] { (first...last).map(Self.text) }

    static func ipv4(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard part.count <= 3, let octet = UInt8(part) else { return nil }
            value = value << 8 | UInt32(octet)
        }
        return value
    }

    static func text(_ value: UInt32) -> String {
        "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
    }
}
