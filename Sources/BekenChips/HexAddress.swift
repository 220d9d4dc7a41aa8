/// `0x11000`: an address, offset or length the way bktool's records, sidecars and messages show it ("0x" and
/// upper-case hex digits, no padding). One helper for every target; distinctly named so it never competes with
/// BekenImage's generic `hex(_:digits:)`.
public func hexAddress(_ value: Int) -> String { "0x" + String(value, radix: 16, uppercase: true) }

/// `0x0EAB98F5`: a 32-bit value (a CRC-32) with a fixed width.
public func hex32(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}
