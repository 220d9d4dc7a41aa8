import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A non-blocking file descriptor with deadline-based reads and writes (poll), shared by the OS-backed links.
/// Closing is safe while another thread is blocked in a read: the descriptor is released by the last user,
/// and waits are sliced so a blocked reader notices the close within `pollSlice`.
final class Descriptor: @unchecked Sendable {
    private let lock = NSLock()
    private let fd: Int32
    private var users = 0
    private var closing = false
    private var released = false
    private let beforeRelease: (@Sendable (Int32) -> Void)?
    let name: String
    /// Sockets write with send(MSG_NOSIGNAL) so a closed peer yields EPIPE, not SIGPIPE.
    let isSocket: Bool

    static let pollSlice: Duration = .milliseconds(100)

    init(fd: Int32, name: String, isSocket: Bool = false, beforeRelease: (@Sendable (Int32) -> Void)? = nil) {
        self.fd = fd
        self.name = name
        self.isSocket = isSocket
        self.beforeRelease = beforeRelease
    }

    deinit { release() }

    var isClosed: Bool { lock.withLock { closing } }

    /// Runs `body` with the raw descriptor, which stays valid until it returns.
    func use<T>(_ body: (Int32) throws -> T) throws -> T {
        try lock.withLock {
            if closing { throw LinkError.closed(name) }
            users += 1
        }
        defer {
            let last = lock.withLock { () -> Bool in
                users -= 1
                return users == 0 && closing
            }
            if last { release() }
        }
        return try body(fd)
    }

    func close() {
        let now = lock.withLock { () -> Bool in
            closing = true
            return users == 0
        }
        if now { release() }
    }

    private func release() {
        let go = lock.withLock { () -> Bool in
            if released { return false }
            released = true
            return true
        }
        guard go else { return }
        beforeRelease?(fd)
        System.close(fd)
    }

    func read(upTo maxCount: Int, timeout: Duration) throws -> [UInt8] {
        guard maxCount > 0 else { return [] }
        return try use { fd in
            let clock = ContinuousClock()
            let deadline = clock.now.advanced(by: timeout)
            while true {
                if isClosed { throw LinkError.closed(name) }
                let events = try wait(fd, for: Int16(POLLIN), until: deadline, clock: clock)
                if events == 0 { return [] }
                if events & Int16(POLLNVAL) != 0 { throw LinkError.closed(name) }
                var count = 0
                var code: Int32 = 0
                let bytes = [UInt8](unsafeUninitializedCapacity: maxCount) { buffer, initialized in
                    count = System.read(fd, buffer.baseAddress!, maxCount)
                    code = count < 0 ? System.errno : 0
                    initialized = max(count, 0)
                }
                if count > 0 { return bytes }
                if count == 0 { throw LinkError.disconnected(name) }
                if code == EAGAIN || code == EWOULDBLOCK || code == EINTR {
                    if events & Int16(POLLHUP | POLLERR) != 0 { throw LinkError.disconnected(name, errno: code) }
                    continue
                }
                throw LinkError.io(name, errno: code, doing: "read")
            }
        }
    }

    func write(_ bytes: [UInt8], timeout: Duration) throws {
        guard !bytes.isEmpty else { return }
        try use { fd in
            let clock = ContinuousClock()
            let deadline = clock.now.advanced(by: timeout)
            var offset = 0
            while offset < bytes.count {
                if isClosed { throw LinkError.closed(name) }
                let count = bytes.withUnsafeBytes { raw -> Int in
                    let start = raw.baseAddress! + offset
                    if isSocket { return send(fd, start, bytes.count - offset, Int32(sendFlags)) }
                    return System.write(fd, start, bytes.count - offset)
                }
                if count > 0 { offset += count; continue }
                let code = count < 0 ? System.errno : EAGAIN
                if code == EINTR { continue }
                guard code == EAGAIN || code == EWOULDBLOCK else {
                    if code == EPIPE || code == ECONNRESET { throw LinkError.disconnected(name, errno: code) }
                    throw LinkError.io(name, errno: code, doing: "write")
                }
                let events = try wait(fd, for: Int16(POLLOUT), until: deadline, clock: clock)
                if events == 0 { throw LinkError.writeTimeout(name) }
                if events & Int16(POLLNVAL) != 0 { throw LinkError.closed(name) }
            }
        }
    }

    /// Polls for `events` until they arrive (returns revents) or the deadline passes (returns 0).
    private func wait(_ fd: Int32, for events: Int16, until deadline: ContinuousClock.Instant,
                      clock: ContinuousClock) throws -> Int16 {
        while true {
            let left = deadline - clock.now
            let slice = min(max(left, .zero), Descriptor.pollSlice)
            var entry = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&entry, 1, Int32(milliseconds(roundingUp: slice)))
            if ready > 0 { return entry.revents }
            if ready < 0 {
                let code = System.errno
                if code == EINTR { continue }
                throw LinkError.io(name, errno: code, doing: "poll")
            }
            if isClosed { throw LinkError.closed(name) }
            if clock.now >= deadline { return 0 }
        }
    }
}

#if os(Linux)
private let sendFlags = MSG_NOSIGNAL
#else
private let sendFlags: Int32 = 0
#endif

/// Whole milliseconds, rounded up, for poll().
func milliseconds(roundingUp duration: Duration) -> Int {
    let (seconds, attoseconds) = duration.components
    if seconds < 0 || (seconds == 0 && attoseconds <= 0) { return 0 }
    let perMillisecond: Int64 = 1_000_000_000_000_000
    return Int(seconds) * 1000 + Int((attoseconds + perMillisecond - 1) / perMillisecond)
}
