#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One HTTP exchange over a plain TCP socket: connect, send the whole request, read until the server closes.
/// Everything happens before `deadline`; the reply is capped at `maxReplyBytes`. OpenBeken's server sends no
/// Content-Length and closes after every reply (OBK `new_http.c`), so "read until close" is the protocol.
enum SocketExchange {
    /// `onSent` gets the request bytes written so far (after each piece of at most 16 KiB).
    static func run(_ request: [UInt8], to address: DeviceAddress, deadline: ContinuousClock.Instant,
                    maxReplyBytes: Int, onSent: (Int) -> Void = { _ in }) throws(LANError) -> [UInt8] {
        let descriptor = try connect(to: address, deadline: deadline)
        defer { close(descriptor) }
        try sendAll(request, on: descriptor, address: address, deadline: deadline, onSent: onSent)
        return try receiveUntilClose(on: descriptor, address: address, deadline: deadline, limit: maxReplyBytes)
    }

    // MARK: connect

    private static func connect(to address: DeviceAddress, deadline: ContinuousClock.Instant) throws(LANError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(address.host, String(address.port), &hints, &list)
        guard status == 0, let first = list else {
            throw LANError(.unreachable, [.init("host", address.description), .init("reason", "name not found")],
                           suggestion: .checkAddressAndPower)
        }
        defer { freeaddrinfo(list) }
        var lastReason = "no address"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let current = entry {
            entry = current.pointee.ai_next
            let descriptor = socket(current.pointee.ai_family, current.pointee.ai_socktype, current.pointee.ai_protocol)
            guard descriptor >= 0 else { continue }
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            #if canImport(Darwin)
            var one: Int32 = 1
            _ = setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
            #endif
            let result = posixConnect(descriptor, current.pointee.ai_addr, current.pointee.ai_addrlen)
            if result == 0 { return descriptor }
            if errno == EINPROGRESS {
                switch waitFor(POLLOUT, on: descriptor, deadline: deadline) {
                case .ready:
                    var problem: Int32 = 0
                    var length = socklen_t(MemoryLayout<Int32>.size)
                    _ = getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &problem, &length)
                    if problem == 0 { return descriptor }
                    lastReason = String(cString: strerror(problem))
                case .timedOut:
                    close(descriptor)
                    throw LANError(.timedOut, [.init("host", address.description), .init("stage", "connect")],
                                   suggestion: .checkAddressAndPower)
                case .failed(let code):
                    lastReason = String(cString: strerror(code))
                }
            } else {
                lastReason = String(cString: strerror(errno))
            }
            close(descriptor)
        }
        throw LANError(.unreachable, [.init("host", address.description), .init("reason", lastReason)],
                       suggestion: .checkAddressAndPower)
    }

    // MARK: send and receive

    private static func sendAll(_ bytes: [UInt8], on descriptor: Int32, address: DeviceAddress,
                                deadline: ContinuousClock.Instant, onSent: (Int) -> Void) throws(LANError) {
        var offset = 0
        while offset < bytes.count {
            let piece = min(bytes.count - offset, 16384)
            let sent = bytes.withUnsafeBytes { buffer in
                send(descriptor, buffer.baseAddress! + offset, piece, sendFlags)
            }
            if sent > 0 {
                offset += sent
                onSent(offset)
                continue
            }
            if sent < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
                switch waitFor(POLLOUT, on: descriptor, deadline: deadline) {
                case .ready: continue
                case .timedOut:
                    throw LANError(.timedOut, [.init("host", address.description), .init("stage", "send"),
                                               .init("sent", "\(offset) of \(bytes.count) bytes")],
                                   suggestion: .retryWithLongerTimeout)
                case .failed: break
                }
            }
            throw LANError(.badReply, [.init("host", address.description),
                                       .init("reason", "connection closed after \(offset) of \(bytes.count) bytes sent")],
                           suggestion: .retryLater)
        }
    }

    private static func receiveUntilClose(on descriptor: Int32, address: DeviceAddress, deadline: ContinuousClock.Instant,
                                          limit: Int) throws(LANError) -> [UInt8] {
        var reply: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count == 0 { return reply }
            if count > 0 {
                reply += chunk[0..<count]
                if reply.count > limit {
                    throw LANError(.replyTooLarge, [.init("host", address.description), .init("limit", "\(limit) bytes")],
                                   suggestion: .checkItIsOpenBeken)
                }
                continue
            }
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
                switch waitFor(POLLIN, on: descriptor, deadline: deadline) {
                case .ready: continue
                case .timedOut:
                    throw LANError(.timedOut, [.init("host", address.description), .init("stage", "reply"),
                                               .init("received", "\(reply.count) bytes")],
                                   suggestion: .retryWithLongerTimeout)
                case .failed: break
                }
            }
            // A reset after some bytes: what came is all there is; the parser decides whether it is whole.
            if errno == ECONNRESET, !reply.isEmpty { return reply }
            throw LANError(.badReply, [.init("host", address.description),
                                       .init("reason", "connection failed: \(String(cString: strerror(errno)))")],
                           suggestion: .retryLater)
        }
    }

    // MARK: poll

    private enum Readiness { case ready, timedOut, failed(Int32) }

    private static func waitFor(_ event: Int32, on descriptor: Int32, deadline: ContinuousClock.Instant) -> Readiness {
        while true {
            let left = ContinuousClock.now.duration(to: deadline)
            if left <= .zero { return .timedOut }
            let milliseconds = Int32(clamping: max(1, left.components.seconds * 1000
                + left.components.attoseconds / 1_000_000_000_000_000))
            var entry = pollfd(fd: descriptor, events: Int16(event), revents: 0)
            let result = poll(&entry, 1, milliseconds)
            if result > 0 { return .ready }
            if result == 0 { continue }
            if errno == EINTR { continue }
            return .failed(errno)
        }
    }

    #if canImport(Glibc)
    private static let sendFlags = Int32(MSG_NOSIGNAL)
    #else
    private static let sendFlags: Int32 = 0
    #endif
}

/// The C `connect`, under a name that does not clash with `SocketExchange.connect(to:deadline:)`.
private func posixConnect(_ descriptor: Int32, _ address: UnsafeMutablePointer<sockaddr>!, _ length: socklen_t) -> Int32 {
    connect(descriptor, address, length)
}
