import Testing
@testable import BekenProtocol

@Suite struct ResponseDecoderTests {
    let link = hex("04 0E 05 01 E0 FC 01 00")
    let crc = hex("04 0E 08 01 E0 FC 10 F5 98 AB 0E")

    @Test func resyncsOnGarbage() {
        var decoder = ResponseDecoder()
        // Noise, a lone 04, a false 04 0E header that does not continue with 01 E0 FC, then a real frame.
        decoder.feed(hex("00 FF 13 04 37 04 0E 05 99 04 0E FF 01 E0 FC 00") + crc)
        let f1 = decoder.nextFrame()
        #expect(f1 == .short(code: 0x10, payload: [0xF5, 0x98, 0xAB, 0x0E]))
        #expect(decoder.discardedByteCount == 16)
        let f2 = decoder.nextFrame()
        #expect(f2 == nil && decoder.bufferedCount == 0)
    }

    @Test func absurdLongLengthIsGarbage() {
        var decoder = ResponseDecoder()
        decoder.feed(hex("04 0E FF 01 E0 FC F4 FF FF") + link)
        let f3 = decoder.nextFrame()
        #expect(f3?.isLinkCheckReply == true)
    }

    @Test func splitChunksByteByByte() {
        let data = [UInt8](repeating: 0xFF, count: 4096)
        let frame = hex("04 0E FF 01 E0 FC F4 06 10 09 00 00 10 01 00") + data
        var decoder = ResponseDecoder()
        var frames: [ResponseFrame] = []
        for byte in frame {
            decoder.feed([byte])
            if let decoded = decoder.nextFrame() { frames.append(decoded) }
        }
        #expect(frames == [.long(op: 0x09, status: 0, payload: hex("00 10 01 00") + data)])
        #expect(decoder.discardedByteCount == 0)
    }

    @Test func headerSplitAcrossChunks() {
        var decoder = ResponseDecoder()
        decoder.feed(hex("AA BB 04"))
        let f4 = decoder.nextFrame()
        #expect(f4 == nil)
        decoder.feed(hex("0E 05 01 E0"))
        let f5 = decoder.nextFrame()
        #expect(f5 == nil)
        decoder.feed(hex("FC 01 00"))
        let f6 = decoder.nextFrame()
        #expect(f6?.isLinkCheckReply == true)
        #expect(decoder.discardedByteCount == 2)
    }

    @Test func backToBackFrames() {
        var decoder = ResponseDecoder()
        decoder.feed(link + link + crc)
        let f7 = decoder.nextFrame()
        #expect(f7?.isLinkCheckReply == true)
        let f8 = decoder.nextFrame()
        #expect(f8?.isLinkCheckReply == true)
        let f9 = decoder.nextFrame()
        #expect(f9?.code == 0x10)
        let f10 = decoder.nextFrame()
        #expect(f10 == nil)
    }

    @Test func skipsStrayLinkCheckReplies() throws {  // §3.8, §11 item 22
        var decoder = ResponseDecoder()
        decoder.feed(link + link + crc)
        let expected = try #require(HostCommand.checkCRC(start: 0, end: 256).expectedReply)
        let f11 = decoder.nextFrame(matching: expected)
        #expect(f11?.payload == [0xF5, 0x98, 0xAB, 0x0E])
        #expect(decoder.skippedFrames.count == 2)
        // WriteReg shares reply code 0x01 with LinkCheck: the stray reply must still be skipped.
        decoder.clearSkippedFrames()
        decoder.feed(link + hex("04 0E 0C 01 E0 FC 01 74 00 80 00 01 01 00 00"))
        let writeReg = HostCommand.writeReg(address: 0x0080_0074, value: 0x101)
        let writeRegReply = try #require(writeReg.expectedReply)
        let f12 = decoder.nextFrame(matching: writeRegReply)
        let frame = try #require(f12)
        #expect(try writeReg.decodeReply(frame) == .register(address: 0x0080_0074, value: 0x101))
        #expect(decoder.skippedFrames.count == 1)
    }

    @Test func tellsShortFromLongWithSameCode() throws {
        // Short 0x0F (SetBaudRate) and long 0x0F (FlashErase) share a code (§4.1).
        var decoder = ResponseDecoder()
        decoder.feed(hex("04 0E 09 01 E0 FC 0F 00 10 0E 00 14") + hex("04 0E FF 01 E0 FC F4 07 00 0F 00 20 00 10 01 00"))
        let erase = HostCommand.flashErase(size: .sector4K, address: 0x11000)
        let eraseReply = try #require(erase.expectedReply)
        let f13 = decoder.nextFrame(matching: eraseReply)
        let frame = try #require(f13)
        #expect(frame.kind == .long && frame.code == 0x0F)
        #expect(decoder.skippedFrames.map(\.kind) == [.short])
    }

    @Test func needsMoreThenReset() {
        var decoder = ResponseDecoder()
        decoder.feed(Array(crc.prefix(7)))
        let f14 = decoder.nextFrame()
        #expect(f14 == nil && decoder.bufferedCount == 7)
        decoder.reset()
        #expect(decoder.bufferedCount == 0 && decoder.discardedByteCount == 7)
        decoder.feed(link)
        let f15 = decoder.nextFrame()
        #expect(f15?.isLinkCheckReply == true)
    }

    @Test func hidSystemErrorEvent() {  // §3.6: 04 0E 04 01 E0 FC EE
        #expect(decodeOne(hex("04 0E 04 01 E0 FC EE")) == .short(code: 0xEE, payload: []))
    }
}
