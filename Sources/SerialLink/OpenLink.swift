/// Opens the link a `-p/--port` argument names: `socket://host:port` → `TCPLink`, `rfc2217://host:port` →
/// `RFC2217Link` (esptool's URL forms), anything else → `SerialPort`.
public func openLink(url: String, baud: Int = 115_200) throws -> any Link {
    let lowered = url.lowercased()
    if lowered.hasPrefix("socket://") {
        return try TCPLink(url: url, baudRate: baud)
    }
    if lowered.hasPrefix(RFC2217Link.scheme) {
        return try RFC2217Link(url: url, baudRate: baud)
    }
    if lowered.contains("://") {
        throw LinkError(.invalidURL, path: url, summary: "\(url): this kind of port URL is not supported",
                        hint: "use a device path (/dev/ttyUSB0), socket://HOST:PORT (ser2net raw) or "
                            + "rfc2217://HOST:PORT (ser2net telnet(rfc2217))")
    }
    return try SerialPort(path: url, baudRate: baud)
}
