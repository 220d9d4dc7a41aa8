import BekenProtocol
import SerialLink

/// Frames over a Link: sends requests, decodes replies while skipping stale frames and garbage, applies the
/// per-command deadlines, and resynchronises after a lost byte (espflash's `connection`).
/// Blocking I/O on the caller's thread; one session per link.
final class Session {
    let link: any Link
    var timeouts: CommandTimeouts
    private var decoder = WireDecoder()
    private let clock = ContinuousClock()

    init(link: any Link, timeouts: CommandTimeouts = CommandTimeouts()) {
        self.link = link
        self.timeouts = timeouts
    }

    var baudRate: Int { link.baudRate }

    // MARK: frames

    func send(_ request: WireRequest) throws {
        do {
            try link.write(request.bytes)
        } catch {
            throw Session.transportError(error)
        }
    }

    /// Waits for the reply with `key`, skipping other frames (late LinkCheck answers, §3.8) and garbage.
    func receive(_ key: WireResponse.Key, timeout: Duration, what: @autoclosure () -> String) throws -> WireResponse {
        let deadline = clock.now.advanced(by: timeout)
        while true {
            while let response = decoder.next() {
                if response.key == key { return response }
            }
            let left = deadline - clock.now
            if left <= .zero { throw FlasherError.noResponse(what()) }
            let bytes: [UInt8]
            do {
                bytes = try link.read(upTo: 16384, timeout: left)
            } catch {
                throw Session.transportError(error)
            }
            if bytes.isEmpty { throw FlasherError.noResponse(what()) }
            decoder.append(bytes)
        }
    }

    /// Sends and waits for the matching reply; long replies must carry status 0.
    @discardableResult
    func transact(_ request: WireRequest, timeout: Duration, what: @autoclosure () -> String) throws -> WireResponse {
        try send(request)
        guard let key = request.expects else {
            return WireResponse(key: .short(0), status: nil, payload: [])
        }
        let response = try receive(key, timeout: timeout, what: what())
        try Session.check(response, what: what())
        return response
    }

    static func check(_ response: WireResponse, what: @autoclosure () -> String) throws {
        guard let status = response.status, status != 0 else { return }
        if status == ChipStatus.unknownCommand.rawValue {
            throw FlasherError(.unsupportedCommand, "the chip does not support \(what()) (status 7, unknown command)",
                               hint: "this bootloader lacks the command; pass the right --chip or report the chip")
        }
        throw FlasherError(.chipStatus, "the chip refused \(what()): \(ChipStatus.describe(status))",
                           hint: "check the address and the chip type; retry with a lower baud rate")
    }

    // MARK: resynchronisation

    /// Reads and drops input until `quiet` passes without a byte (bounded by `limit`), and clears the decoder.
    func drainInput(quiet: Duration = .milliseconds(10), limit: Duration = .milliseconds(300)) {
        let deadline = clock.now.advanced(by: limit)
        while clock.now < deadline {
            guard let bytes = try? link.read(upTo: 16384, timeout: quiet), !bytes.isEmpty else { break }
        }
        decoder.reset()
    }

    /// One LinkCheck (§4.3) with a short reply window; true when answered.
    func linkCheck(timeout: Duration) throws -> Bool {
        try send(.short(.linkCheck))
        do {
            let reply = try receive(.short(ShortCommand.linkCheck.replyCode), timeout: timeout, what: "LinkCheck")
            return reply.payload.first == 0
        } catch let error as FlasherError where error.code == .noResponse {
            return false
        }
    }

    /// After a lost or garbled reply: drop what is in flight, then LinkCheck until the chip answers (§13 step 2).
    func resync(attempts: Int = 6) throws -> Bool {
        drainInput(quiet: .milliseconds(15), limit: .milliseconds(500))
        for _ in 0..<attempts {
            if try linkCheck(timeout: .milliseconds(60)) {
                drainInput(quiet: .milliseconds(5), limit: .milliseconds(100))
                return true
            }
        }
        return false
    }

    static func transportError(_ error: any Error) -> FlasherError {
        if let flasherError = error as? FlasherError { return flasherError }
        if let linkError = error as? LinkError {
            return FlasherError(.transport, linkError.summary, flash: .unknown, hint: linkError.hint)
        }
        return FlasherError(.transport, "the serial link failed: \(error)", flash: .unknown,
                            hint: "reconnect the adapter and try again")
    }
}
