import Foundation

/// A serial port served over Telnet with RFC 2217's COM-PORT-OPTION (`rfc2217://host:port`, esptool's and
/// pyserial's convention; ser2net's `telnet(rfc2217)` accepter): rate changes and RTS/DTR go to the remote port,
/// so the reset pulse and baud switching work as on a local adapter. Data is IAC-escaped both ways.
///
/// One thread reads at a time (reads also collect the server's answers); writes may come from another thread.
public final class RFC2217Link: Link, @unchecked Sendable {
    public let host: String
    public let port: Int
    /// How long negotiation and a rate change wait for the server's answer.
    public let replyTimeout: Duration
    /// How long an RTS/DTR change waits for the server's answer (it paces the reset pulse).
    public let controlReplyTimeout: Duration = .milliseconds(500)
    public let writeTimeout: Duration
    private let socket: Descriptor
    /// Serialises socket reads with their decoding, so data and answers stay in order.
    private let readLock = NSLock()
    /// Keeps messages whole on the wire.
    private let writeLock = NSLock()
    private let stateLock = NSLock()
    private var decoder = TelnetDecoder()
    private var negotiator = TelnetNegotiator()
    private var received = ByteQueue()
    /// The server's last answer to each COM-PORT-OPTION command, by the command's code.
    private var replies: [UInt8: [UInt8]] = [:]
    private var currentBaud: Int
    /// The server left a SET-CONTROL for RTS/DTR unanswered: its port has no modem lines.
    private var modemLinesUnanswered = false

    static let scheme = "rfc2217://"
    /// Reads wait in slices this long, so a reply wait and a data read share the socket fairly.
    static let readSlice: Duration = .milliseconds(20)

    /// Connects, negotiates BINARY, SUPPRESS-GO-AHEAD and COM-PORT-OPTION, and sets `baudRate`, 8N1, no flow
    /// control on the remote port.
    public init(host: String, port: Int, baudRate: Int = 115_200, connectTimeout: Duration = .seconds(5),
                replyTimeout: Duration = .seconds(2), writeTimeout: Duration = .seconds(10)) throws {
        self.host = host
        self.port = port
        self.replyTimeout = replyTimeout
        self.writeTimeout = writeTimeout
        currentBaud = baudRate
        let name = RFC2217Link.url(host: host, port: port)
        let fd = try TCPLink.connect(host: host, port: port, name: name, timeout: connectTimeout)
        socket = Descriptor(fd: fd, name: name, isSocket: true)
        do {
            try negotiate()
            try configure(baudRate: baudRate)
        } catch {
            socket.close()
            throw error
        }
    }

    /// Connects to an `rfc2217://host:port` URL.
    public convenience init(url: String, baudRate: Int = 115_200, connectTimeout: Duration = .seconds(5)) throws {
        let (host, port) = try TCPLink.parse(url: url, scheme: RFC2217Link.scheme)
        try self.init(host: host, port: port, baudRate: baudRate, connectTimeout: connectTimeout)
    }

    deinit { close() }

    public var description: String { RFC2217Link.url(host: host, port: port) }

    /// The rate the server last confirmed.
    /// ser2net batches bytes from the device for up to 20 ms (ser2net.yaml(5), `chardelay-max`), and a Wi-Fi hop
    /// to the server can stall for tens of ms more.
    public var latencyAllowance: Duration { .milliseconds(100) }

    public var baudRate: Int { stateLock.withLock { currentBaud } }

    public func write(_ bytes: [UInt8]) throws {
        try send(Telnet.escape(bytes))
    }

    public func read(upTo maxCount: Int, timeout: Duration) throws -> [UInt8] {
        guard maxCount > 0 else { return [] }
        try pump(for: timeout) { !$0.received.isEmpty }
        return stateLock.withLock { received.take(upTo: maxCount) }
    }

    /// SET-BAUDRATE; throws when the server does not confirm this rate.
    public func setBaudRate(_ baud: Int) throws {
        guard baud > 0 else { throw LinkError.unsupportedBaud(description, baud) }
        guard let answer = try request(.setBaudRate, ComPortOption.baudValue(baud)) else {
            throw LinkError(.timeout, path: description, summary: "\(description) did not confirm the rate \(baud)",
                            hint: "check the server handles RFC 2217 (ser2net: a telnet(rfc2217) accepter)")
        }
        let actual = ComPortOption.baud(from: answer)
        guard actual == baud else { throw LinkError.unsupportedBaud(description, baud, actual: actual) }
        stateLock.withLock { currentBaud = baud }
    }

    /// SET-CONTROL for RTS and DTR. True when the server confirmed every change; false when it has no such lines.
    /// ser2net does not answer when the device refuses them (a pty): after one unanswered change the rest are sent
    /// without waiting, so the reset ladder loses `controlReplyTimeout` once, not on every pulse.
    @discardableResult
    public func setModemLines(rts: Bool?, dtr: Bool?) throws -> Bool {
        var changes: [ComPortOption.Control] = []
        if let rts { changes.append(rts ? .rtsOn : .rtsOff) }
        if let dtr { changes.append(dtr ? .dtrOn : .dtrOff) }
        if changes.isEmpty, socket.isClosed { throw LinkError.closed(description) }
        var confirmed = true
        for change in changes {
            if stateLock.withLock({ modemLinesUnanswered }) {
                try send(ComPortOption.message(.setControl, [change.rawValue]))
                confirmed = false
                continue
            }
            let answer = try request(.setControl, [change.rawValue], timeout: controlReplyTimeout)
            if answer == nil { stateLock.withLock { modemLinesUnanswered = true } }
            confirmed = confirmed && answer == [change.rawValue]
        }
        return confirmed
    }

    /// PURGE-DATA for the server's receive buffer (waiting for its answer: ser2net flushes the device when it gets
    /// there, so bytes that arrive later must not be sent before), then drops whatever already arrived here.
    public func discardInput() throws {
        _ = try request(.purgeData, [ComPortOption.purgeReceiveBuffer], timeout: controlReplyTimeout)
        try readLock.withLock {
            while true {
                let chunk = try socket.read(upTo: 65_536, timeout: .zero)
                if chunk.isEmpty { break }
                try absorb(chunk)
            }
        }
        stateLock.withLock { received.removeAll() }
    }

    public func close() {
        socket.close()
    }

    static func url(host: String, port: Int) -> String {
        host.contains(":") ? "\(scheme)[\(host)]:\(port)" : "\(scheme)\(host):\(port)"
    }

    // MARK: - Telnet and COM-PORT-OPTION

    private func negotiate() throws {
        let opening = stateLock.withLock { negotiator.opening() }
        try send(opening)
        try pump(for: replyTimeout) {
            $0.negotiator.local.contains(Telnet.comPortOption) || $0.negotiator.refusedLocal.contains(Telnet.comPortOption)
        }
        guard stateLock.withLock({ negotiator.local.contains(Telnet.comPortOption) }) else {
            throw LinkError(.notATerminal, path: description, summary: "\(description) does not speak RFC 2217",
                            hint: "serve the port with ser2net's telnet(rfc2217) accepter, or use socket://HOST:PORT "
                                + "for a raw TCP port")
        }
    }

    private func configure(baudRate: Int) throws {
        try send(ComPortOption.message(.setDataSize, [ComPortOption.dataSize8])
            + ComPortOption.message(.setParity, [ComPortOption.parityNone])
            + ComPortOption.message(.setStopSize, [ComPortOption.stopBits1])
            + ComPortOption.message(.setControl, [ComPortOption.Control.noFlowControl.rawValue]))
        try setBaudRate(baudRate)
    }

    /// Sends a command and waits for the server's answer to it; nil when none came within `timeout`
    /// (default `replyTimeout`).
    private func request(_ command: ComPortOption.Command, _ value: [UInt8],
                         timeout: Duration? = nil) throws -> [UInt8]? {
        stateLock.withLock { _ = replies.removeValue(forKey: command.rawValue) }
        try send(ComPortOption.message(command, value))
        try pump(for: timeout ?? replyTimeout) { $0.replies[command.rawValue] != nil }
        return stateLock.withLock { replies[command.rawValue] }
    }

    private func send(_ bytes: [UInt8]) throws {
        try writeLock.withLock { try socket.write(bytes, timeout: writeTimeout) }
    }

    /// Reads and decodes until `done` holds (checked under the state lock) or `timeout` passes; at least one
    /// look at the socket even with a zero timeout.
    private func pump(for timeout: Duration, until done: (RFC2217Link) -> Bool) throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        try readLock.withLock {
            while true {
                if stateLock.withLock({ done(self) }) { return }
                let left = deadline - clock.now
                let chunk = try socket.read(upTo: 65_536, timeout: min(max(left, .zero), Self.readSlice))
                if !chunk.isEmpty {
                    try absorb(chunk)
                    continue
                }
                if clock.now >= deadline { return }
            }
        }
    }

    /// Decodes a chunk (under the read lock): data is queued, negotiations answered, COM-PORT answers kept.
    private func absorb(_ chunk: [UInt8]) throws {
        var data: [UInt8] = []
        let events = decoder.decode(chunk, into: &data)
        var answers: [UInt8] = []
        stateLock.withLock {
            received.append(contentsOf: data)
            for event in events {
                switch event {
                case .negotiation(let verb, let option):
                    answers += negotiator.answer(verb: verb, option: option)
                case .subnegotiation(let option, let payload):
                    guard option == Telnet.comPortOption, let code = payload.first,
                          code >= ComPortOption.serverOffset else { continue }
                    replies[code - ComPortOption.serverOffset] = Array(payload.dropFirst())
                }
            }
        }
        if !answers.isEmpty { try send(answers) }
    }
}
