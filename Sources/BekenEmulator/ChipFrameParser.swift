/// A host frame as the chip received it.
enum ChipFrame: Sendable, Equatable {
    /// Short command: `01 E0 FC len cmd payload` (bk_idk bl_bk_hci_protocol.h).
    case short(command: UInt8, payload: [UInt8])
    /// Long command: `01 E0 FC FF F4 len16 op payload` (bk_idk bl_tra_hcit.c, bl_bk_hci_protocol.h). `marker` is the byte after FF
    /// (0xF4 expected, not checked by the parser, bk_idk bl_tra_hcit.c TRAhcit_Rx_Char); `len16` as announced.
    case long(marker: UInt8, len16: Int, op: UInt8, payload: [UInt8])
}

/// The chip's receiver: a byte-at-a-time state machine like the bootloader's (bk_idk `TRAhcit_Rx_Char`,
/// bk_idk bl_tra_hcit.c TRAhcit_Rx_Char). It knows nothing of the host-side encoder, so encoder bugs cannot hide.
struct ChipFrameParser: Sendable {
    private enum State: Sendable {
        case type            // waiting for 01
        case opcodeLow       // after 01, expecting E0
        case opcodeHigh      // after E0, expecting FC
        case length          // short len, or FF for long
        case longMarker      // byte after FF (F4)
        case longLengthLow
        case longLengthHigh
        case body            // collecting `expected` bytes
    }

    private var state = State.type
    private var isLong = false
    private var marker: UInt8 = 0
    private var expected = 0
    private var body: [UInt8] = []

    /// True while a frame is partly received.
    var isMidFrame: Bool {
        if case .type = state { return false }
        return true
    }

    mutating func reset() {
        state = .type
        body = []
    }

    /// Feeds one byte; returns a frame when this byte completes one.
    mutating func feed(_ byte: UInt8) -> ChipFrame? {
        switch state {
        case .type:
            if byte == 0x01 { state = .opcodeLow }  // anything else is discarded (bk_idk bl_tra_hcit.c TRAhcit_Rx_Char)
        case .opcodeLow:
            state = byte == 0xE0 ? .opcodeHigh : (byte == 0x01 ? .opcodeLow : .type)  // bk_idk bl_tra_hcit.c TRAhcit_Rx_Char
        case .opcodeHigh:
            state = byte == 0xFC ? .length : (byte == 0x01 ? .opcodeLow : .type)      // bk_idk bl_tra_hcit.c TRAhcit_Rx_Char
        case .length:
            if byte == 0xFF {
                isLong = true
                state = .longMarker
            } else {
                isLong = false
                expected = Int(byte)
                return startBody()
            }
        case .longMarker:
            marker = byte
            state = .longLengthLow
        case .longLengthLow:
            expected = Int(byte)
            state = .longLengthHigh
        case .longLengthHigh:
            expected |= Int(byte) << 8
            return startBody()
        case .body:
            body.append(byte)
            if body.count == expected { return commit() }
        }
        return nil
    }

    private mutating func startBody() -> ChipFrame? {
        body = []
        body.reserveCapacity(expected)
        if expected == 0 { return commit() }  // zero length commits immediately (bk_idk bl_tra_hcit.c TRAhcit_Rx_Char)
        state = .body
        return nil
    }

    private mutating func commit() -> ChipFrame? {
        state = .type
        let received = body
        body = []
        guard let code = received.first else {
            // A zero-length frame has no command byte: nothing for the dispatcher to act on.
            return nil
        }
        let payload = Array(received.dropFirst())
        if isLong {
            return .long(marker: marker, len16: expected, op: code, payload: payload)
        }
        return .short(command: code, payload: payload)
    }
}
