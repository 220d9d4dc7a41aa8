import Foundation

/// One end of an in-memory link pair, for unit tests and an in-process virtual chip.
/// Each end's baud rate and modem lines are visible to the other end (`peerBaudRate()`, `peerModemLines()`).
/// Bytes arrive instantly; the reader, not the link, models wire time.
public final class MemoryLink: PeerObservingLink, @unchecked Sendable {
    /// The state both ends share, guarded by one condition.
    private final class Shared: @unchecked Sendable {
        let condition = NSCondition()
        var inbox = [ByteQueue(), ByteQueue()]
        var baud: [Int]
        var lines: [ModemLines] = [ModemLines(rts: false, dtr: false), ModemLines(rts: false, dtr: false)]
        var closed = [false, false]
        init(baud: Int) { self.baud = [baud, baud] }
    }

    private let shared: Shared
    private let side: Int
    public let description: String

    private init(shared: Shared, side: Int, description: String) {
        self.shared = shared
        self.side = side
        self.description = description
    }

    /// Two connected ends: what one writes, the other reads.
    public static func pair(baudRate: Int = 115_200, names: (String, String) = ("memory host", "memory device"))
        -> (MemoryLink, MemoryLink) {
        let shared = Shared(baud: baudRate)
        return (MemoryLink(shared: shared, side: 0, description: names.0),
                MemoryLink(shared: shared, side: 1, description: names.1))
    }

    private var other: Int { 1 - side }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        shared.condition.lock()
        defer { shared.condition.unlock() }
        return try body()
    }

    public var baudRate: Int { locked { shared.baud[side] } }

    public func peerBaudRate() -> Int? { locked { shared.baud[other] } }

    public func peerModemLines() -> ModemLines? { locked { shared.lines[other] } }

    /// This end's own modem lines, as last set.
    public var modemLines: ModemLines { locked { shared.lines[side] } }

    /// Bytes written by the peer and not read yet.
    public var pendingInputCount: Int { locked { shared.inbox[side].count } }

    /// True once the other end was closed.
    public var peerClosed: Bool { locked { shared.closed[other] } }

    public func write(_ bytes: [UInt8]) throws {
        try locked {
            if shared.closed[side] { throw LinkError.closed(description) }
            if shared.closed[other] { throw LinkError.disconnected(description) }
            shared.inbox[other].append(contentsOf: bytes)
            shared.condition.broadcast()
        }
    }

    /// Throws `.closed` after this end was closed, `.disconnected` once the peer closed and no bytes remain.
    public func read(upTo maxCount: Int, timeout: Duration) throws -> [UInt8] {
        guard maxCount > 0 else { return [] }
        let deadline = Date().addingTimeInterval(seconds(timeout))
        return try locked {
            while true {
                if shared.closed[side] { throw LinkError.closed(description) }
                if !shared.inbox[side].isEmpty {
                    return shared.inbox[side].take(upTo: maxCount)
                }
                if shared.closed[other] { throw LinkError.disconnected(description) }
                if !shared.condition.wait(until: deadline) { return [] }
            }
        }
    }

    public func setBaudRate(_ baud: Int) throws {
        guard baud > 0 else { throw LinkError.unsupportedBaud(description, baud) }
        try locked {
            if shared.closed[side] { throw LinkError.closed(description) }
            shared.baud[side] = baud
            shared.condition.broadcast()
        }
    }

    @discardableResult
    public func setModemLines(rts: Bool?, dtr: Bool?) throws -> Bool {
        try locked {
            if shared.closed[side] { throw LinkError.closed(description) }
            if let rts { shared.lines[side].rts = rts }
            if let dtr { shared.lines[side].dtr = dtr }
            shared.condition.broadcast()
        }
        return true
    }

    public func discardInput() throws {
        try locked {
            if shared.closed[side] { throw LinkError.closed(description) }
            shared.inbox[side].removeAll()
        }
    }

    public func close() {
        locked {
            shared.closed[side] = true
            shared.condition.broadcast()
        }
    }
}

/// A duration in seconds, for Foundation dates.
func seconds(_ duration: Duration) -> TimeInterval {
    let (whole, fraction) = duration.components
    return TimeInterval(whole) + TimeInterval(fraction) / 1e18
}
