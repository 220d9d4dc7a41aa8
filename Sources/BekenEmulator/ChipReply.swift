/// Chip → host frames, encoded chip-side (bk_idk bl_bk_hci_protocol.c, bl_bk_hci_protocol.h).
enum ChipReply {
    /// `04 0E len 01 E0 FC code payload`, len = 3 + 1 + payload (bk_idk bl_bk_hci_protocol.c).
    static func short(_ code: UInt8, _ payload: [UInt8]) -> [UInt8] {
        [0x04, 0x0E, UInt8(4 + payload.count), 0x01, 0xE0, 0xFC, code] + payload
    }

    /// `04 0E FF 01 E0 FC F4 len16 op status payload`, len16 = 2 + payload (bk_idk bl_bk_hci_protocol.h).
    static func long(_ op: UInt8, status: UInt8, _ payload: [UInt8] = []) -> [UInt8] {
        let len16 = 2 + payload.count
        var out: [UInt8] = [0x04, 0x0E, 0xFF, 0x01, 0xE0, 0xFC, 0xF4, UInt8(len16 & 0xFF), UInt8(len16 >> 8), op, status]
        out.reserveCapacity(out.count + payload.count)
        out.append(contentsOf: payload)
        return out
    }
}

extension UInt32 {
    var littleEndianBytes: [UInt8] {
        [UInt8(self & 0xFF), UInt8((self >> 8) & 0xFF), UInt8((self >> 16) & 0xFF), UInt8(self >> 24)]
    }

    init(littleEndian bytes: ArraySlice<UInt8>) {
        var value: UInt32 = 0
        for (shift, byte) in bytes.prefix(4).enumerated() { value |= UInt32(byte) << (8 * shift) }
        self = value
    }
}
