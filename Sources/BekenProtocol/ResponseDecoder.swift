// Streaming decoder of chip → host frames (bk7231tools protocol.py command; hid_download_py boot_intf.py). Feed byte chunks as they arrive (split
// anywhere); take complete frames out. Garbage is skipped by scanning for `04 0E`; a header that does not continue
// with `01 E0 FC` (short) or `01 E0 FC F4` (long) is treated as garbage and the scan resumes one byte later.
public struct ResponseDecoder: Sendable {
    /// Largest long-frame len16 accepted; larger values are treated as garbage. Read4K replies use 0x1006 (bk7231tools cmd_ll_flash.py flash_read_4k).
    public var maxLongLength: Int

    private var buffer: [UInt8] = []
    private var start = 0

    /// Bytes dropped while resynchronising (not part of any frame).
    public private(set) var discardedByteCount = 0
    /// Complete frames skipped by `nextFrame(matching:)` (e.g. stray LinkCheck replies).
    public private(set) var skippedFrames: [ResponseFrame] = []

    public init(maxLongLength: Int = 0x2000) {
        self.maxLongLength = maxLongLength
    }

    /// Bytes received but not yet returned as a frame or discarded.
    public var bufferedCount: Int { buffer.count - start }

    /// Appends received bytes.
    public mutating func feed<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        buffer.append(contentsOf: bytes)
    }

    /// Drops everything buffered (e.g. after a baud-rate switch or a flush).
    public mutating func reset() {
        discardedByteCount += bufferedCount
        buffer.removeAll(keepingCapacity: true)
        start = 0
    }

    /// Forgets the record of skipped frames.
    public mutating func clearSkippedFrames() { skippedFrames.removeAll() }

    /// The next complete frame of any kind, or nil when more bytes are needed.
    public mutating func nextFrame() -> ResponseFrame? {
        while true {
            switch parse() {
            case .frame(let frame, let consumed):
                advance(by: consumed)
                return frame
            case .needMore:
                compact()
                return nil
            case .garbage(let count):
                discardedByteCount += count
                advance(by: count)
            }
        }
    }

    /// The next frame matching `expectation`; non-matching complete frames are skipped (recorded in `skippedFrames`),
    /// as bk7231tools does (bk7231tools protocol.py command; hid_download_py boot_intf.py). Nil when more bytes are needed.
    public mutating func nextFrame(matching expectation: ReplyExpectation) -> ResponseFrame? {
        while let frame = nextFrame() {
            if expectation.matches(frame) { return frame }
            skippedFrames.append(frame)
        }
        return nil
    }

    private enum Step {
        case frame(ResponseFrame, consumed: Int)
        case needMore
        case garbage(Int)
    }

    private func parse() -> Step {
        let count = bufferedCount
        guard count > 0 else { return .needMore }
        guard let header = firstHeaderOffset() else {
            // Keep a trailing 04 that may be the start of the next header.
            let keep = buffer.last == 0x04 ? 1 : 0
            return count - keep > 0 ? .garbage(count - keep) : .needMore
        }
        if header > 0 { return .garbage(header) }
        return parseFrame(at: start)
    }

    /// Offset (from `start`) of the first `04 0E`.
    private func firstHeaderOffset() -> Int? {
        var index = start
        while index + 1 < buffer.count {
            if buffer[index] == 0x04 && buffer[index + 1] == 0x0E { return index - start }
            index += 1
        }
        return nil
    }

    private func parseFrame(at base: Int) -> Step {
        let available = buffer.count - base
        let echo = Frame.hostHeader
        guard available >= 3 else { return .needMore }  // 04 0E already matched
        let length = Int(buffer[base + 2])
        if length == Int(Frame.longLength) {
            // 04 0E FF 01 E0 FC F4 <len16> <op> <status> <payload>   (bk7231tools protocol.py command)
            let fixed = [0x04, 0x0E, 0xFF] + echo + [Frame.flashOperate]
            guard matchesPrefix(base, fixed) else { return .garbage(1) }
            guard available >= 9 else { return .needMore }
            let len16 = Int(buffer[base + 7]) | Int(buffer[base + 8]) << 8
            guard len16 >= 2, len16 <= maxLongLength else { return .garbage(1) }
            guard available >= 9 + len16 else { return .needMore }
            let frame = ResponseFrame.long(
                op: buffer[base + 9], status: buffer[base + 10], payload: Array(buffer[(base + 11)..<(base + 9 + len16)]))
            return .frame(frame, consumed: 9 + len16)
        }
        // 04 0E <len> 01 E0 FC <cmd> <payload>   (bk7231tools protocol.py command), len counts from 01 E0 FC.
        guard length >= 4 else { return .garbage(1) }
        guard matchesPrefix(base, [0x04, 0x0E, buffer[base + 2]] + echo) else { return .garbage(1) }
        guard available >= 3 + length else { return .needMore }
        let frame = ResponseFrame.short(code: buffer[base + 6], payload: Array(buffer[(base + 7)..<(base + 3 + length)]))
        return .frame(frame, consumed: 3 + length)
    }

    /// Compares the available bytes at `base` with `expected` (as far as they go).
    private func matchesPrefix(_ base: Int, _ expected: [UInt8]) -> Bool {
        let available = min(expected.count, buffer.count - base)
        for offset in 0..<available where buffer[base + offset] != expected[offset] { return false }
        return true
    }

    private mutating func advance(by count: Int) {
        start += count
        if start >= buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }
    }

    private mutating func compact() {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
    }
}
