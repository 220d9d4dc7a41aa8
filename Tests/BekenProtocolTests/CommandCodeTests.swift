import Testing
@testable import BekenProtocol

@Suite struct CommandCodeTests {
    @Test func shortCodes() {  // bk7231tools base/enums.py BkProtocolType; bk_idk bl_bk_hci_protocol.h
        #expect(ShortCommand.linkCheck.replyCode == 0x01)
        #expect(ShortCommand.setBaudRate.rawValue == 0x0F)
        #expect(ShortCommand.stayRom.rawValue == 0xAA)
        #expect(ShortCommand.checkCRC.replyCode == 0x10)
    }

    @Test func longCodes() {
        #expect(FlashOp.getMID == .spiOperate)
        #expect(FlashOp.erase.rawValue == 0x0F)
        #expect(EraseSize.block64K.byteCount == 65536)
    }

    @Test func statusTexts() {  // bk_idk type.h
        #expect(ChipStatus(rawValue: 7)?.name == "UNKNOW_CMD")
        #expect(ChipStatus.describe(4) == "status 4 PACK_LEN_ERROR: packet length not valid for this operation")
        #expect(ChipStatus.describe(99) == "status 99 (unknown code)")
        #expect(ChipStatus.allCases.count == 11)
    }
}
