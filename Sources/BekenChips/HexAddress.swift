/// `0x11000`: an address, offset or length the way bktool's records, sidecars and messages show it ("0x" and
/// upper-case hex digits, no padding). One helper for every target; distinctly named so it never competes with
/// BekenImage's generic `hex(_:digits:)`.
public func hexAddress(_ value: Int) -> String { "0x" + String(value, radix: 16, uppercase: true) }
