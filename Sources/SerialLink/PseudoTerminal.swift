import CSerialSupport
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A pseudo-terminal pair. This object is the master side, usable as a `Link` (`masterLink`); clients open
/// `slavePath` like a serial port (e.g. `SerialPort(path: pty.slavePath)`, or pyserial in the peers).
///
/// Both sides start raw (a new pty is cooked with echo). A slave descriptor stays open inside, so the master never
/// reports hang-up while no client has the port open, and so the rate a client sets on the slave can be read back
/// with TCGETS2 (`peerBaudRate()`). docs/TESTING.md "Facts found while driving the peers against a pseudo-terminal".
public final class PseudoTerminal: PeerObservingLink, @unchecked Sendable {
    public let slavePath: String
    /// A symbolic link to `slavePath` made at open (e.g. `bktool emulate --link PATH`), removed at close.
    public let linkPath: String?
    private let master: Descriptor
    private let slave: Descriptor
    /// How long `write` waits for a client to take bytes before throwing `.timeout`.
    public let writeTimeout: Duration

    /// Opens a new pair. With `linkPath`, also makes a symbolic link there to the slave (replacing an old link,
    /// never a regular file).
    public init(linkPath: String? = nil, writeTimeout: Duration = .seconds(10)) throws {
        self.writeTimeout = writeTimeout
        self.linkPath = linkPath
        var name = [CChar](repeating: 0, count: 256)
        let masterFD = cserial_open_pty(&name, name.count)
        guard masterFD >= 0 else { throw LinkError.io("pty", errno: System.errno, doing: "opening a pseudo-terminal") }
        let path = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let slaveFD = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK)
        guard slaveFD >= 0 else {
            let code = System.errno
            System.close(masterFD)
            throw LinkError.opening(path, errno: code)
        }
        _ = fcntl(masterFD, F_SETFL, fcntl(masterFD, F_GETFL) | O_NONBLOCK)
        if let code = Termios.makeRaw(slaveFD) ?? Termios.makeRaw(masterFD) {
            System.close(slaveFD)
            System.close(masterFD)
            throw LinkError.io(path, errno: code, doing: "making the pty raw")
        }
        slavePath = path
        master = Descriptor(fd: masterFD, name: "pty \(path)")
        slave = Descriptor(fd: slaveFD, name: path)
        if let linkPath {
            do {
                try PseudoTerminal.makeLink(at: linkPath, to: path)
            } catch {
                master.close()
                slave.close()
                throw error
            }
        }
    }

    private static func makeLink(at linkPath: String, to target: String) throws {
        var status = stat()
        if lstat(linkPath, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFLNK else {
                throw LinkError(.busy, path: linkPath, errno: EEXIST, summary: "\(linkPath) exists and is not a link",
                                hint: "pick another path for the link")
            }
            _ = unlink(linkPath)
        }
        if symlink(target, linkPath) != 0 {
            throw LinkError.io(linkPath, errno: System.errno, doing: "making the link")
        }
    }

    deinit { close() }

    /// The master side as a `Link`; its `baudRate` is the rate the client set on the slave.
    public var masterLink: any PeerObservingLink { self }

    public var description: String { "pty \(slavePath)" }

    /// The rate the client set on the slave (115 200 if it cannot be read).
    public var baudRate: Int { peerBaudRate() ?? 115_200 }

    /// The rate the client set on the slave, read with TCGETS2 so custom rates are seen; nil once closed.
    public func peerBaudRate() -> Int? {
        (try? slave.use { Termios.speed($0) }) ?? nil
    }

    /// A pty carries no modem lines: the client's RTS/DTR cannot be observed.
    public func peerModemLines() -> ModemLines? { nil }

    public func write(_ bytes: [UInt8]) throws {
        try master.write(bytes, timeout: writeTimeout)
    }

    public func read(upTo maxCount: Int, timeout: Duration) throws -> [UInt8] {
        try master.read(upTo: maxCount, timeout: timeout)
    }

    /// The master side has no rate of its own: the client's rate rules. Recorded nowhere; never fails.
    public func setBaudRate(_ baud: Int) throws {
        if master.isClosed { throw LinkError.closed(description) }
    }

    @discardableResult
    public func setModemLines(rts: Bool?, dtr: Bool?) throws -> Bool {
        if master.isClosed { throw LinkError.closed(description) }
        return false
    }

    /// Drops bytes the client wrote that were not read yet.
    public func discardInput() throws {
        try master.use { _ = tcflush($0, TCIFLUSH) }
    }

    /// Drops bytes written to the client that it has not read yet (e.g. replies to a client that went away).
    public func discardUnreadOutput() throws {
        try slave.use { _ = tcflush($0, TCIFLUSH) }
    }

    public func close() {
        let wasOpen = !master.isClosed
        master.close()
        slave.close()
        if wasOpen, let linkPath,
           let target = try? FileManager.default.destinationOfSymbolicLink(atPath: linkPath), target == slavePath {
            _ = unlink(linkPath)
        }
    }
}
