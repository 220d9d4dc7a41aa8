import BekenProtocol
import SerialLink

/// Frames over a Link: sends BekenProtocol's HostCommand frames, decodes replies with its streaming
/// ResponseDecoder (skipping stale frames and garbage), applies the per-command deadlines, and resynchronises
/// after a lost byte (espflash's `connection`). Blocking I/O on the caller's thread; one session per link.
final class Session {
    let link: any Link
    var timeouts: CommandTimeouts
    var decoder = ResponseDecoder()
    /// Checked before every command and while waiting for a reply (Flasher.Options.cancellation).
    var cancellation: CancellationHandle?
    let clock = ContinuousClock()

    init(link: any Link, timeouts: CommandTimeouts = CommandTimeouts()) {
        self.link = link
        self.timeouts = timeouts
    }

    var baudRate: Int { link.baudRate }

    // MARK: frames

    func send(_ command: HostCommand) throws {
        try cancellation?.check()
        do {
            try link.write(command.encoded())
        } catch {
            throw Session.transportError(error)
        }
    }

    /// Waits for the frame answering `expectation`, skipping other frames (late LinkCheck answers, bk7231tools protocol.py command; hid_download_py boot_intf.py).
    /// `expectedLength` (the reply's size on the wire) lets the session sleep while a long reply streams in
    /// instead of waking for every few bytes. A reply that does not come throws `noResponse` saying whether
    /// anything was heard (`ReplyDamage.silent` or `.unrecognised`), one that stops mid-frame `badResponse`
    /// (`.truncated`).
    func receive(_ expectation: ReplyExpectation, timeout: Duration, expectedLength: Int = 0,
                 what: @autoclosure () -> String) throws -> ResponseFrame {
        guard case .reply(let frame) = try arrival(expectation, orAnswerTo: nil, timeout: timeout,
                                                   expectedLength: expectedLength, what: what()) else {
            preconditionFailure("no probe was waited for")
        }
        return frame
    }

    /// What ended a wait: the expected reply, or the answer to a probe sent behind the request (which the chip
    /// answers first only when it never got the request).
    enum Arrival { case reply(ResponseFrame), probeAnswered }

    /// `receive`, also ending when a frame matching `probe` arrives before the reply.
    private func arrival(_ expectation: ReplyExpectation, orAnswerTo probe: ReplyExpectation?, timeout: Duration,
                         expectedLength: Int, what: @autoclosure () -> String) throws -> Arrival {
        let deadline = clock.now.advanced(by: timeout)
        var heard = false
        if expectedLength > 1024 { heard = try waitForBulk(expectedLength) }
        func noReply() -> FlasherError { FlasherError.noResponse(what()).with(damage: heard ? .unrecognised : .silent) }
        while true {
            if let frame = decoder.nextFrame(matching: expectation) {
                decoder.clearSkippedFrames()
                return .reply(frame)
            }
            if let probe, decoder.skippedFrames.contains(where: probe.matches) {
                decoder.clearSkippedFrames()
                return .probeAnswered
            }
            let left = deadline - clock.now
            if left <= .zero { throw noReply() }
            // A frame that started and then stops arriving lost bytes on the wire: say so after a short gap
            // instead of waiting out the whole deadline (the chip sends a reply without pauses).
            let midFrame = decoder.bufferedCount > 0
            // A long wait (a CheckCRC of megabytes) is cut into slices so a cancellation stops it within ~0.1 s.
            let slice = cancellation == nil ? left : min(left, Session.cancellationPoll)
            let bytes: [UInt8]
            do {
                bytes = try link.read(upTo: 16384, timeout: midFrame ? min(left, timeouts.interByteGap) : slice)
            } catch {
                throw Session.transportError(error)
            }
            if bytes.isEmpty, midFrame, clock.now < deadline {
                throw FlasherError(.badResponse, "the reply to \(what()) stopped mid-frame (bytes lost on the wire)",
                                   hint: .retryOrLowerBaud)
                    .with(damage: .truncated)
            }
            if bytes.isEmpty, !midFrame, cancellation != nil, clock.now < deadline {
                try cancellation?.check()
                continue
            }
            if bytes.isEmpty { throw noReply() }
            heard = true
            decoder.feed(bytes)
        }
    }

    /// Takes what has arrived, then sleeps for about 90 % of the wire time of the rest of a long reply. Returns
    /// whether any byte had arrived.
    private func waitForBulk(_ expectedLength: Int) throws -> Bool {
        let available: [UInt8]
        do {
            available = try link.read(upTo: 16384, timeout: .zero)
        } catch {
            throw Session.transportError(error)
        }
        decoder.feed(available)
        // Only once the reply is visibly streaming: a link faster than its nominal rate never waits.
        let missing = expectedLength - decoder.bufferedCount
        guard !available.isEmpty, missing > 512 else { return !available.isEmpty }
        Pause.sleep(CommandTimeouts.wireTime(bytes: missing, baud: baudRate) * 9 / 10)
        return true
    }

    /// Sends `command` and returns its decoded reply (status, echo and size checked by BekenProtocol).
    @discardableResult
    func transact(_ command: HostCommand, timeout: Duration, what: @autoclosure () -> String) throws -> CommandReply {
        try send(command)
        return try receiveReply(to: command, timeout: timeout, what: what())
    }

    /// The decoded reply to a command sent earlier.
    func receiveReply(to command: HostCommand, timeout: Duration, expectedLength: Int = 0,
                      what: @autoclosure () -> String) throws -> CommandReply {
        guard let expectation = command.expectedReply else { return .echo([]) }
        let frame = try receive(expectation, timeout: timeout, expectedLength: expectedLength, what: what())
        return try decodeReply(frame, to: command, what: what())
    }

    /// The decoded reply to a command sent earlier, or nil when the answer to `probe` (sent after the command)
    /// came first: the chip never got the command. Stale frames skipped before the probe went out are forgotten.
    func receiveReplyOrProbeAnswer(to command: HostCommand, probe: ReplyExpectation, timeout: Duration,
                                   what: @autoclosure () -> String) throws -> CommandReply? {
        guard let expectation = command.expectedReply else { return .echo([]) }
        decoder.clearSkippedFrames()
        guard case .reply(let frame) = try arrival(expectation, orAnswerTo: probe, timeout: timeout,
                                                   expectedLength: 0, what: what()) else { return nil }
        return try decodeReply(frame, to: command, what: what())
    }

    /// `frame` decoded as the reply to `command` (status, echo and size checked); a garbled echoed address is named.
    private func decodeReply(_ frame: ResponseFrame, to command: HostCommand, what: @autoclosure () -> String) throws -> CommandReply {
        do {
            return try command.decodeReply(frame)
        } catch {
            let failure = Session.flasherError(error, what: what())
            if case .echoMismatch(_, "address", _, let received) = error {
                throw failure.with(damage: .echoedAddress(Int(received)))
            }
            throw failure
        }
    }

    static func flasherError(_ error: ProtocolError, what: String) -> FlasherError {
        switch error {
        case .chipStatus(_, let status) where status == ChipStatus.unknownCommand.rawValue:
            return unsupported(what)
        case .unknownCommand:
            return unsupported(what)
        case .chipStatus(_, let status):
            return FlasherError(.chipStatus, "the chip refused \(what): \(ChipStatus.describe(status))",
                                hint: .checkAddressAndChip)
        case .unexpectedFrame, .malformedReply, .echoMismatch, .noReplyExpected:
            return FlasherError(.badResponse, "the chip's reply to \(what) was malformed (\(error))",
                                hint: .retryOrLowerBaud)
        }
    }

    private static func unsupported(_ what: String) -> FlasherError {
        FlasherError(.unsupportedCommand, "the chip does not support \(what) (unknown command)",
                     hint: .nameTheChip)
    }

    /// Drops bytes already waiting (stale replies) without waiting for more.
    func dropPendingInput() {
        for _ in 0 ..< 8 {
            guard let bytes = try? link.read(upTo: 65_536, timeout: .zero), !bytes.isEmpty else { break }
        }
        decoder.reset()
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

    /// One LinkCheck (hid_download_py boot_protocol.py CheckRespond_LinkCheck) with a short reply window; true when answered.
    func linkCheck(timeout: Duration) throws -> Bool {
        do {
            try requireLinkCheck(timeout: timeout)
            return true
        } catch let error as FlasherError where error.code == .noResponse {
            return false
        }
    }

    /// One LinkCheck that must be answered: anything else throws `noResponse`, saying whether bytes were heard.
    func requireLinkCheck(timeout: Duration) throws {
        let reply: CommandReply
        do {
            reply = try transact(.linkCheck, timeout: timeout, what: "LinkCheck")
        } catch let error as FlasherError where error.code == .noResponse || error.code == .badResponse {
            throw FlasherError.noResponse("LinkCheck").with(damage: error.isSilent ? .silent : .unrecognised)
        }
        guard reply == .linked else { throw FlasherError.noResponse("LinkCheck").with(damage: .unrecognised) }
    }

    /// After a lost or garbled reply: drop what is in flight, then LinkCheck until the chip answers (bk7231tools linking.py; BK7231GUIFlashTool BK7231Flasher.cs).
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

    /// How often a cancellation is looked at while a reply is awaited.
    static let cancellationPoll: Duration = .milliseconds(100)

    static func transportError(_ error: any Error) -> FlasherError {
        if let flasherError = error as? FlasherError { return flasherError }
        if let linkError = error as? LinkError {
            return FlasherError(.transport, linkError.summary, flash: .unknown, hint: .link(linkError.hint))
        }
        return FlasherError(.transport, "the serial link failed: \(error)", flash: .unknown,
                            hint: .reconnectAdapter)
    }
}
