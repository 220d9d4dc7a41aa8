import BekenProtocol
import Testing

/// ReplyScan: replies to requests sent back to back, found frame by frame even when one of them lost a byte.
struct ReplyScanTests {
    /// CheckCRC reply `04 0E 08 01 E0 FC 10 <crc u32>` (bk7231tools cmd_ll_chip.py read_flash_range_crc).
    static let crcReply: [UInt8] = [0x04, 0x0E, 0x08, 0x01, 0xE0, 0xFC, 0x10, 0x78, 0x56, 0x34, 0x12]
    /// FlashRead reply of 4 bytes at 0x11000: `04 0E FF 01 E0 FC F4 <6+4> 00 08 00 <addr> <data>` (hid_download_py boot_protocol.py).
    static let readReply: [UInt8] = [0x04, 0x0E, 0xFF, 0x01, 0xE0, 0xFC, 0xF4, 0x0A, 0x00, 0x08, 0x00,
                                     0x00, 0x10, 0x01, 0x00, 0xDE, 0xAD, 0xBE, 0xEF]
    /// LinkCheck reply (hid_download_py boot_protocol.py CheckRespond_LinkCheck).
    static let linkReply: [UInt8] = [0x04, 0x0E, 0x05, 0x01, 0xE0, 0xFC, 0x01, 0x00]

    @Test func intactBurstGivesEveryFrame() {
        let frames = ReplyScan.frames(in: Self.crcReply + Self.readReply + Self.linkReply)
        #expect(frames.count == 3)
        #expect(frames.allSatisfy { $0.isComplete })
        #expect(!frames[0].isLong && frames[0].code == 0x10 && frames[0].body == [0x78, 0x56, 0x34, 0x12])
        #expect(frames[1].isLong && frames[1].code == 0x08)
        #expect(frames[1].body == [0x00, 0x00, 0x10, 0x01, 0x00, 0xDE, 0xAD, 0xBE, 0xEF])
        #expect(frames[2].code == 0x01 && frames[2].body == [0x00])
    }

    @Test func aLostByteCostsOnlyItsOwnFrame() {
        var damaged = Self.readReply
        damaged.remove(at: 16)
        let frames = ReplyScan.frames(in: Self.crcReply + damaged + Self.crcReply)
        #expect(frames.count == 3)
        #expect(frames[0].isComplete && frames[2].isComplete)
        #expect(!frames[1].isComplete)
        #expect(frames[2].body == [0x78, 0x56, 0x34, 0x12])
    }

    @Test func junkBeforeTheFirstFrameIsSkipped() {
        let frames = ReplyScan.frames(in: [0x00, 0x55, 0x04, 0x0E] + Self.crcReply + Self.linkReply)
        #expect(frames.count == 2)
        #expect(frames.map(\.code) == [0x10, 0x01])
        #expect(frames.allSatisfy { $0.isComplete })
    }

    /// An inserted byte keeps the announced length available but shifts the data: the frame must not count as
    /// complete (it did before, and careful reads took shifted parts as candidates).
    @Test func anInsertedByteMakesItsFrameIncomplete() {
        var damaged = Self.readReply
        damaged.insert(0x5A, at: 16)
        let frames = ReplyScan.frames(in: Self.crcReply + damaged + [0xFF] + Self.crcReply)
        #expect(frames.count == 3)
        #expect(!frames[1].isComplete)
        #expect(frames[1].body.count == 9)  // the announced bytes are still handed out (identification uses them)
        #expect(frames[0].isComplete)
        #expect(frames[2].isComplete)
    }

    @Test func junkAfterAFrameMakesItIncomplete() {
        let frames = ReplyScan.frames(in: Self.crcReply + [0xFF] + Self.linkReply)
        #expect(frames.count == 2)
        #expect(!frames[0].isComplete && frames[1].isComplete)
    }
}
