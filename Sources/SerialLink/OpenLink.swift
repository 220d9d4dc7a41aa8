/// Opens the link a `-p/--port` argument names: `socket://host:port` → `TCPLink`, anything else → `SerialPort`.
public func openLink(url: String, baud: Int = 115_200) throws -> any Link {
    let lowered = url.lowercased()
    if lowered.hasPrefix("socket://") {
        return try TCPLink(url: url, baudRate: baud)
    }
    if lowered.hasPrefix("rfc2217://") || lowered.contains("://") {
        throw LinkError(.invalidURL, path: url, summary: "\(url): this kind of port URL is not supported",
                        hint: "use a device path (/dev/ttyUSB0) or socket://HOST:PORT (ser2net in raw mode)")
    }
    return try SerialPort(path: url, baudRate: baud)
}
