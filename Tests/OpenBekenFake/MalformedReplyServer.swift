import Foundation

/// A loopback server whose every reply is chosen by the request path `/case/<n>`: `plan(n)` says what bytes
/// to send, how (at once or dripping) and whether to close afterwards. Each connection has its own thread,
/// so slow cases do not hold up others.
public final class MalformedReplyServer: @unchecked Sendable {
    public enum Delivery: Sendable {
        /// Send the bytes, then close.
        case whole
        /// Send the bytes, then keep the connection open without a word until the client gives up.
        case thenStall
        /// Send one byte every `gap`, then close (or until the client gives up).
        case drip(gap: Duration)
    }

    public struct Plan: Sendable {
        public let bytes: [UInt8]
        public let delivery: Delivery
        public init(bytes: [UInt8], delivery: Delivery) {
            self.bytes = bytes
            self.delivery = delivery
        }
    }

    private var server: LoopbackServer!
    public var host: String { server.host }
    public var port: UInt16 { server.port }

    public init(plan: @escaping @Sendable (Int) -> Plan) throws {
        server = try LoopbackServer(threadPerConnection: true) { request, connection in
            let number = Int(request.path.split(separator: "/").last ?? "") ?? 0
            let plan = plan(number)
            switch plan.delivery {
            case .whole:
                connection.write(plan.bytes)
            case .thenStall:
                connection.write(plan.bytes)
                // Hold the connection until the peer closes it (recv returns 0 or fails) or 10 s pass.
                var byte: UInt8 = 0
                var timeout = timeval(tv_sec: 10, tv_usec: 0)
                setsockopt(connection.descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                _ = recv(connection.descriptor, &byte, 1, 0)
            case .drip(let gap):
                for byte in plan.bytes {
                    guard connection.writeChecked([byte]) else { return }
                    Thread.sleep(forTimeInterval: Double(gap.components.attoseconds) / 1e18 + Double(gap.components.seconds))
                }
            }
        }
    }

    public func stop() { server.stop() }
}

extension LoopbackServer.Connection {
    /// Writes and tells whether the peer still takes bytes.
    func writeChecked(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { send(descriptor, $0.baseAddress, bytes.count, LoopbackServer.sendFlags) } == bytes.count
    }
}
