/// One reply frame found in a burst of chip → host bytes by `ReplyScan`.
public struct ScannedReply: Sendable, Equatable {
    /// Long (`F4`, flash operate) or short frame.
    public let isLong: Bool
    /// Short command code, or long op code.
    public let code: UInt8
    /// Bytes after the code: for long frames the status byte first, then the op's payload (address echo, data).
    /// Exactly as announced when `isComplete`; otherwise the bytes that arrived before the next frame began.
    public let body: [UInt8]
    /// Whether exactly the announced byte count lies between this header and the next one (or the burst's end).
    /// A byte lost on the wire makes the frame short; a byte inserted anywhere in it makes it long — the chip
    /// sends its replies back to back, so bytes left over before the next header mean the data may be shifted.
    public let isComplete: Bool
}

/// Finds every reply frame in a burst of replies to requests sent back to back (bk7231tools protocol.py command). Unlike the
/// streaming `ResponseDecoder`, a damaged frame costs only itself: each frame ends where the next header begins, so a
/// lost byte never swallows the following reply, and an inserted one shows as a frame longer than announced. Headers are `04 0E len 01 E0 FC` (short) and
/// `04 0E FF 01 E0 FC F4 len16` (long).
public enum ReplyScan {
    public static func frames(in bytes: [UInt8]) -> [ScannedReply] {
        var starts: [Int] = []
        var index = 0
        while index + 7 <= bytes.count {
            if bytes[index] == 0x04, bytes[index + 1] == 0x0E, bytes[index + 3] == 0x01, bytes[index + 4] == 0xE0,
               bytes[index + 5] == 0xFC {
                starts.append(index)
                index += 7
            } else {
                index += 1
            }
        }
        var replies: [ScannedReply] = []
        for (number, start) in starts.enumerated() {
            let end = number + 1 < starts.count ? starts[number + 1] : bytes.count
            if let reply = reply(bytes[start ..< end]) { replies.append(reply) }
        }
        return replies
    }

    /// Decodes one frame from its header to where the next frame (or the burst) begins.
    private static func reply(_ frame: ArraySlice<UInt8>) -> ScannedReply? {
        let base = frame.startIndex
        if frame[base + 2] == 0xFF {
            // Long: 04 0E FF 01 E0 FC F4 len16 op status payload (len16 counts op onwards).
            guard frame.count >= 10, frame[base + 6] == 0xF4 else { return nil }
            let announced = Int(frame[base + 7]) | Int(frame[base + 8]) << 8
            guard announced >= 1 else { return nil }
            let available = frame.count - 10
            let bodyCount = min(available, announced - 1)
            return ScannedReply(isLong: true, code: frame[base + 9], body: Array(frame[(base + 10) ..< (base + 10 + bodyCount)]),
                                isComplete: available == announced - 1)
        }
        // Short: 04 0E len 01 E0 FC code payload (len counts 01 onwards).
        let announced = Int(frame[base + 2])
        guard announced >= 4 else { return nil }
        let available = frame.count - 7
        let bodyCount = min(available, announced - 4)
        return ScannedReply(isLong: false, code: frame[base + 6], body: Array(frame[(base + 7) ..< (base + 7 + bodyCount)]),
                            isComplete: available == announced - 4)
    }
}
