import BekenProtocol

// INTERIM seam until BekenProtocol's HostCommand encoders and ResponseDecoder land (proto helper).
// Session only talks to `WireRequest`/`WireResponse`/`WireDecoder`; replace the bodies below with calls to
// BekenProtocol and delete this file's logic — it must not become a second protocol implementation.

/// A request frame and the reply that answers it.
struct WireRequest: Sendable {
    let bytes: [UInt8]
    /// The reply's kind and code: short cmd echo or long op.
    let expects: WireResponse.Key?

    /// Short host frame (protocol.md §3.1).
    static func short(_ command: ShortCommand, _ payload: [UInt8] = []) -> WireRequest {
        WireRequest(bytes: Frame.hostHeader + [UInt8(1 + payload.count), command.rawValue] + payload,
                    expects: command == .reboot ? nil : .short(command.replyCode))
    }

    /// Long host frame (protocol.md §3.2).
    static func long(_ op: FlashOp, _ payload: [UInt8]) -> WireRequest {
        let length = 1 + payload.count
        var bytes = Frame.hostHeader + [Frame.longLength, Frame.flashOperate, UInt8(length & 0xFF), UInt8(length >> 8), op.rawValue]
        bytes += payload
        return WireRequest(bytes: bytes, expects: .long(op.rawValue))
    }
}

/// A decoded chip reply (protocol.md §3.3/§3.4).
struct WireResponse: Sendable, Equatable {
    enum Key: Sendable, Equatable, Hashable {
        case short(UInt8)
        case long(UInt8)
    }
    let key: Key
    /// Long replies: the status byte; short replies: nil.
    let status: UInt8?
    /// Bytes after the echoed cmd (short) or after op+status (long).
    let payload: [UInt8]
}

/// Streaming reply decoder: resynchronises on `04 0E`, tolerates garbage between frames (protocol.md §3.8).
struct WireDecoder: Sendable {
    private var buffer: [UInt8] = []
    private var start = 0

    mutating func append(_ bytes: [UInt8]) {
        if start > 65536 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer += bytes
    }

    mutating func reset() {
        buffer.removeAll(keepingCapacity: true)
        start = 0
    }

    /// Bytes not yet consumed.
    var pendingCount: Int { buffer.count - start }

    /// The next complete reply, skipping anything that is not one.
    mutating func next() -> WireResponse? {
        while true {
            // find 04 0E
            var index = start
            let end = buffer.count
            while index + 1 < end, !(buffer[index] == 0x04 && buffer[index + 1] == 0x0E) { index += 1 }
            start = index
            guard end - start >= 3 else { return nil }
            let length = buffer[start + 2]
            if length != 0xFF {
                // short: 04 0E len 01 E0 FC cmd payload; len counts from 01
                let total = 3 + Int(length)
                guard length >= 4 else { start += 2; continue }
                guard end - start >= total else {
                    if end - start >= 6, Array(buffer[start + 3 ..< start + 6]) != Frame.hostHeader { start += 2; continue }
                    return nil
                }
                guard Array(buffer[start + 3 ..< start + 6]) == Frame.hostHeader else { start += 2; continue }
                let response = WireResponse(key: .short(buffer[start + 6]), status: nil,
                                            payload: Array(buffer[start + 7 ..< start + total]))
                start += total
                return response
            }
            // long: 04 0E FF 01 E0 FC F4 len16 op status payload
            guard end - start >= 10 else {
                if end - start >= 7, Array(buffer[start + 3 ..< start + 7]) != Frame.hostHeader + [Frame.flashOperate] {
                    start += 2; continue
                }
                return nil
            }
            guard Array(buffer[start + 3 ..< start + 7]) == Frame.hostHeader + [Frame.flashOperate] else {
                start += 2; continue
            }
            let length16 = Int(buffer[start + 7]) | Int(buffer[start + 8]) << 8
            guard length16 >= 1 else { start += 2; continue }
            let total = 9 + length16
            guard end - start >= total else { return nil }
            let op = buffer[start + 9]
            let status: UInt8? = length16 >= 2 ? buffer[start + 10] : nil
            let payload = length16 >= 2 ? Array(buffer[start + 11 ..< start + total]) : []
            start += total
            return WireResponse(key: .long(op), status: status, payload: payload)
        }
    }
}
