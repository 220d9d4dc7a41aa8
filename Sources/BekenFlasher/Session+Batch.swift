import BekenProtocol

/// Requests sent back to back and their replies taken as one burst (the careful reader on a noisy link).
extension Session {
    /// Sends `commands` in one write, each followed by a 0x00 byte, then a LinkCheck that marks the end; returns
    /// every reply frame that arrived, in order (damaged ones included, `ScannedReply.isComplete` false), and whether
    /// the terminating LinkCheck answered (then nothing else is still on its way).
    ///
    /// The 0x00 after each request: a request that lost a byte on the wire leaves the chip's parser one byte short
    /// (bk_idk bl_tra_hcit.c TRAhcit_Rx_Char), and it takes the next byte as its last. A 0x00 there ends the damaged request with a zero
    /// top byte — a CheckCRC end or read address far below the flash size instead of the next request's 0x01,
    /// which would ask the chip to hash 16 MiB or more. An idle parser drops the 0x00 (rule 1).
    ///
    /// The wait ends when the LinkCheck reply arrives, or — when that reply was lost too — after `interByteGap`
    /// of silence once replies have started (or once their wire time and `work` have passed without any), or at the
    /// latency-padded deadline.
    func exchangeBatch(_ commands: [HostCommand], replyBytes: Int, work: Duration) throws
        -> (replies: [ScannedReply], terminated: Bool) {
        try sendBurst(commands + [.linkCheck])
        let clock = ContinuousClock()
        let started = clock.now
        let wire = CommandTimeouts.wireTime(bytes: replyBytes + 8, baud: baudRate)
        let expected = started.advanced(by: wire + work + .milliseconds(2))
        let deadline = started.advanced(by: wire * 2 + work + timeouts.latency)
        var received: [UInt8] = []
        received.reserveCapacity(replyBytes + 64)
        var terminated = false
        while clock.now < deadline {
            // Before the first byte: allow for the chip's work and the adapter's latency. Once replies stream, a gap
            // of `interByteGap` means the chip stopped (the replies of one burst follow each other without pauses
            // longer than one piece's hashing).
            let quietLimit = received.isEmpty && clock.now < expected
                ? expected - clock.now + timeouts.interByteGap : timeouts.interByteGap
            let bytes: [UInt8]
            do {
                bytes = try link.read(upTo: 65_536, timeout: min(deadline - clock.now, quietLimit))
            } catch {
                throw Session.transportError(error)
            }
            if bytes.isEmpty {
                if !received.isEmpty || clock.now >= expected { break }  // the rest is lost (or the chip stopped)
                continue
            }
            received += bytes
            if Session.endsWithLinkCheckReply(received) {
                terminated = true
                break
            }
        }
        return (ReplyScan.frames(in: received), terminated)
    }

    /// Drops stale input, then sends `commands` in one write, each followed by a 0x00 byte (see `exchangeBatch`).
    func sendBurst(_ commands: [HostCommand]) throws {
        dropPendingInput()
        var request: [UInt8] = []
        for command in commands {
            request += command.encoded()
            request.append(0x00)
        }
        try cancellation?.check()
        do { try link.write(request) } catch { throw Session.transportError(error) }
    }

    /// Whether the burst ends with the terminating LinkCheck reply `04 0E 05 01 E0 FC 01 00` (hid_download_py boot_protocol.py CheckRespond_LinkCheck).
    private static func endsWithLinkCheckReply(_ bytes: [UInt8]) -> Bool {
        let marker: [UInt8] = [0x04, 0x0E, 0x05, 0x01, 0xE0, 0xFC, 0x01, 0x00]
        guard bytes.count >= marker.count else { return false }
        return bytes[(bytes.count - marker.count)...].elementsEqual(marker)
    }
}
