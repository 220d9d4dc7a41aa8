import Foundation
import SerialLink

/// Serves a `VirtualChip` over raw TCP on 127.0.0.1 (what ser2net's raw mode looks like to `socket://`), one client
/// at a time; the chip keeps its flash and state between clients.
public final class ChipTCPServer: @unchecked Sendable {
    public let chip: VirtualChip
    public let port: Int
    private let listener: TCPListener
    private let lock = NSLock()
    private var stopRequested = false
    private let finished = DispatchSemaphore(value: 0)

    /// Listens on 127.0.0.1:`port` (0: any free port) and serves on a thread of its own.
    public init(chip: VirtualChip, port: Int) throws {
        self.chip = chip
        listener = try TCPListener(port: port)
        self.port = listener.port
        let thread = Thread { [self] in
            serveClients()
            finished.signal()
        }
        thread.name = "VirtualChip tcp \(self.port)"
        thread.start()
    }

    public var url: String { "socket://127.0.0.1:\(port)" }

    private var isStopRequested: Bool { lock.withLock { stopRequested } }

    private func serveClients() {
        while !isStopRequested {
            guard let client = try? listener.accept(timeout: .milliseconds(100)) else { continue }
            let server = ChipServer(chip: chip, link: client, path: url)
            while !isStopRequested, !client.hasEnded { Thread.sleep(forTimeInterval: 0.05) }
            server.stop()
        }
    }

    /// Stops accepting, ends the current client and waits for the serving thread (idempotent).
    public func stop() {
        let first = lock.withLock { () -> Bool in
            defer { stopRequested = true }
            return !stopRequested
        }
        guard first else { return }
        finished.wait()
        listener.close()
    }

    deinit { stop() }
}
