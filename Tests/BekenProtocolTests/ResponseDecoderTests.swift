import Testing
@testable import BekenProtocol

@Suite struct ResponseDecoderTests {
    let link = hex("04 0E 05 01 E0 FC 01 00")
    let crc = hex("04 0E 08 01 E0 FC 10 F5 98 AB 0E")
    let crcFrame = ResponseFrame.short(code: 0x10, payload: [0xF5, 0x98, 0xAB, 0x0E])
    let linkFrame = ResponseFrame.short(code: 0x01, payload: [0x00])

    /// Feeds `bytes` and takes every complete frame out.
    private func frames(_ decoder: inout ResponseDecoder, after bytes: [UInt8]) -> [ResponseFrame] {
        decoder.feed(bytes)
        var result: [ResponseFrame] = []
        while let frame = decoder.nextFrame() { result.append(frame) }
        return result
    }

    @Test func resyncsOnGarbage() {
        var decoder = ResponseDecoder()
        // Noise, a lone 04, a false 04 0E header that does not continue with 01 E0 FC, then a real frame.
        let decoded = frames(&decoder, after: hex("00 FF 13 04 37 04 0E 05 99 04 0E FF 01 E0 FC 00") + crc)
        #expect(decoded == [crcFrame])
        #expect(decoder.discardedByteCount == 16 && decoder.bufferedCount == 0)
    }

    @Test func absurdLongLengthIsGarbage() {
        var decoder = ResponseDecoder()
        #expect(frames(&decoder, after: hex("04 0E FF 01 E0 FC F4 FF FF") + link) == [linkFrame])
        #expect(decoder.discardedByteCount == 9)
    }

    @Test func splitChunksByteByByte() {
        let data = [UInt8](repeating: 0xFF, count: 4096)
        let wire = hex("04 0E FF 01 E0 FC F4 06 10 09 00 00 10 01 00") + data
        var decoder = ResponseDecoder()
        var decoded: [ResponseFrame] = []
        for byte in wire { decoded += frames(&decoder, after: [byte]) }
        #expect(decoded == [.long(op: 0x09, status: 0, payload: hex("00 10 01 00") + data)])
        #expect(decoder.discardedByteCount == 0)
    }

    @Test func headerSplitAcrossChunks() {
        var decoder = ResponseDecoder()
        #expect(frames(&decoder, after: hex("AA BB 04")).isEmpty)
        #expect(frames(&decoder, after: hex("0E 05 01 E0")).isEmpty)
        #expect(frames(&decoder, after: hex("FC 01 00")) == [linkFrame])
        #expect(decoder.discardedByteCount == 2)
    }

    @Test func backToBackFrames() {
        var decoder = ResponseDecoder()
        #expect(frames(&decoder, after: link + link + crc) == [linkFrame, linkFrame, crcFrame])
    }

    @Test func skipsStrayLinkCheckReplies() throws {  // bk7231tools protocol.py command; hid_download_py boot_intf.py
        var decoder = ResponseDecoder()
        decoder.feed(link + link + crc)
        let crcReply = try #require(HostCommand.checkCRC(start: 0, end: 256).expectedReply)
        let answer = decoder.nextFrame(matching: crcReply)
        #expect(answer == crcFrame)
        #expect(decoder.skippedFrames == [linkFrame, linkFrame])
        // WriteReg shares reply code 0x01 with LinkCheck: the stray reply must still be skipped.
        decoder.clearSkippedFrames()
        decoder.feed(link + hex("04 0E 0C 01 E0 FC 01 74 00 80 00 01 01 00 00"))
        let writeReg = HostCommand.writeReg(address: 0x0080_0074, value: 0x101)
        let writeRegReply = try #require(writeReg.expectedReply)
        let echo = try #require(decoder.nextFrame(matching: writeRegReply) as ResponseFrame?)
        #expect(try writeReg.decodeReply(echo) == .register(address: 0x0080_0074, value: 0x101))
        #expect(decoder.skippedFrames == [linkFrame])
    }

    @Test func tellsShortFromLongWithSameCode() throws {
        // Short 0x0F (SetBaudRate) and long 0x0F (FlashErase) share a code (bk7231tools base/enums.py BkProtocolType; bk_idk bl_bk_hci_protocol.h).
        var decoder = ResponseDecoder()
        decoder.feed(hex("04 0E 09 01 E0 FC 0F 00 10 0E 00 14") + hex("04 0E FF 01 E0 FC F4 07 00 0F 00 20 00 10 01 00"))
        let eraseReply = try #require(HostCommand.flashErase(size: .sector4K, address: 0x11000).expectedReply)
        let answer = decoder.nextFrame(matching: eraseReply)
        #expect(answer?.kind == .long && answer?.code == 0x0F)
        #expect(decoder.skippedFrames.map(\.kind) == [.short])
    }

    @Test func needsMoreThenReset() {
        var decoder = ResponseDecoder()
        #expect(frames(&decoder, after: Array(crc.prefix(7))).isEmpty)
        #expect(decoder.bufferedCount == 7)
        decoder.reset()
        #expect(decoder.bufferedCount == 0 && decoder.discardedByteCount == 7)
        #expect(frames(&decoder, after: link) == [linkFrame])
    }

    @Test func hidSystemErrorEvent() {  // bk_idk type.h: 04 0E 04 01 E0 FC EE
        #expect(decodeOne(hex("04 0E 04 01 E0 FC EE")) == .short(code: 0xEE, payload: []))
    }
}
