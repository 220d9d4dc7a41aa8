/// A byte pipe to a chip: a serial port, a pseudo-terminal, a TCP socket or an in-memory pair.
/// docs/ARCHITECTURE.md "Targets", row SerialLink. Knows nothing about Beken.
///
/// Implementations are thread-safe: one thread may read while another writes.
public protocol Link: AnyObject, Sendable {
    /// Where the link goes, e.g. "/dev/ttyUSB0", "pty /dev/pts/3", "socket://127.0.0.1:2000".
    var description: String { get }
    /// The current rate in bits per second.
    var baudRate: Int { get }
    /// Blocks until all bytes are handed to the OS / peer.
    func write(_ bytes: [UInt8]) throws
    /// Returns as soon as at least one byte is available (up to maxCount), or [] when timeout passes.
    func read(upTo maxCount: Int, timeout: Duration) throws -> [UInt8]
    func setBaudRate(_ baud: Int) throws
    /// nil = leave unchanged. Ports without modem lines (ptys, sockets) report `false` instead of throwing.
    @discardableResult func setModemLines(rts: Bool?, dtr: Bool?) throws -> Bool
    /// Drops bytes received but not yet read.
    func discardInput() throws
    /// Waits until written bytes have left the port (tcdrain). Default: nothing to wait for.
    func drain() throws
    /// Idempotent. Reads and writes after close throw `LinkError.Kind.closed`.
    func close()
    /// Extra time bytes may take, and pause for, beyond the wire time: zero for a local port; a network port adds
    /// its hops and the server's batching. Readers widen their deadlines and gaps by it.
    var latencyAllowance: Duration { get }
}

extension Link {
    public func drain() throws {}

    public var latencyAllowance: Duration { .zero }

    /// Reads exactly `count` bytes unless `timeout` passes first; returns what arrived (possibly fewer).
    public func read(exactly count: Int, timeout: Duration) throws -> [UInt8] {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            let left = deadline - clock.now
            let chunk = try read(upTo: count - bytes.count, timeout: left > .zero ? left : .zero)
            if chunk.isEmpty { break }
            bytes += chunk
        }
        return bytes
    }
}

/// The far end of a link that a virtual device serves: it can see what the host set.
public protocol PeerObservingLink: Link {
    /// The rate the host side set, if it can be known.
    func peerBaudRate() -> Int?
    /// RTS/DTR as the host side set them, if they can be known (a pty cannot tell).
    func peerModemLines() -> ModemLines?
}

/// RTS and DTR levels (true = asserted).
public struct ModemLines: Sendable, Equatable, Codable {
    public var rts: Bool
    public var dtr: Bool
    public init(rts: Bool, dtr: Bool) {
        self.rts = rts
        self.dtr = dtr
    }
}
