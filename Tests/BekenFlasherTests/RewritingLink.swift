import Foundation
import SerialLink

/// A host link whose outgoing bytes pass through `rewrite` before they reach the virtual chip's real in-memory link,
/// as a noisy line changes them (a byte lost, a bit flipped); reads and line control pass through unchanged.
/// `rewrite` gets each write's bytes and the position of its first byte in the whole host stream (0-based), and is
/// called under a lock, one write at a time.
final class RewritingLink: Link, @unchecked Sendable {
    private let inner: any Link
    private let lock = NSLock()
    private var sent = 0
    private let rewrite: (_ bytes: [UInt8], _ position: Int) -> [UInt8]

    init(_ inner: any Link, rewrite: @escaping (_ bytes: [UInt8], _ position: Int) -> [UInt8]) {
        self.inner = inner
        self.rewrite = rewrite
    }

    var description: String { "rewriting \(inner.description)" }
    var baudRate: Int { inner.baudRate }

    func write(_ bytes: [UInt8]) throws {
        let changed = lock.withLock {
            defer { sent += bytes.count }
            return rewrite(bytes, sent)
        }
        try inner.write(changed)
    }

    func read(upTo maxCount: Int, timeout: Duration) throws -> [UInt8] { try inner.read(upTo: maxCount, timeout: timeout) }
    func setBaudRate(_ baud: Int) throws { try inner.setBaudRate(baud) }
    func setModemLines(rts: Bool?, dtr: Bool?) throws -> Bool { try inner.setModemLines(rts: rts, dtr: dtr) }
    func discardInput() throws { try inner.discardInput() }
    func close() { inner.close() }
}
