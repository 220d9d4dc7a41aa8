/// A MAC as users read it on labels and routers: "C8:47:8C:00:00:01".
public func macText(_ mac: [UInt8]) -> String {
    mac.map { byte in (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true) }.joined(separator: ":")
}
