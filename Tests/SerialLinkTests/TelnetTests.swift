import Testing
@testable import SerialLink

@Suite struct TelnetTests {
    @Test func escapingDoublesEveryIAC() {
        #expect(Telnet.escape([1, 0xFF, 2, 0xFF, 0xFF]) == [1, 0xFF, 0xFF, 2, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(Telnet.escape([0x55, 0xAA]) == [0x55, 0xAA])
    }

    @Test func decoderSplitsDataFromCommandsAcrossChunks() {
        var decoder = TelnetDecoder()
        var data: [UInt8] = []
        // Data with an escaped 0xFF, WILL BINARY, then a SET-BAUDRATE answer (101) for 1 500 000 split mid-command.
        let stream: [UInt8] = [0x01, 0xFF, 0xFF, 0x02, 0xFF, 251, 0, 0x03,
                               0xFF, 250, 44, 101, 0x00, 0x16, 0xE3, 0x60, 0xFF, 240, 0x04]
        var events: [TelnetEvent] = []
        events += decoder.decode(Array(stream[0..<5]), into: &data)
        events += decoder.decode(Array(stream[5..<10]), into: &data)
        events += decoder.decode(Array(stream[10..<17]), into: &data)
        events += decoder.decode(Array(stream[17...]), into: &data)
        #expect(data == [0x01, 0xFF, 0x02, 0x03, 0x04])
        #expect(events == [.negotiation(verb: 251, option: 0),
                           .subnegotiation(option: 44, payload: [101, 0x00, 0x16, 0xE3, 0x60])])
        #expect(ComPortOption.baud(from: [0x00, 0x16, 0xE3, 0x60]) == 1_500_000)
        #expect(ComPortOption.baudValue(1_500_000) == [0x00, 0x16, 0xE3, 0x60])
    }

    @Test func subnegotiationPayloadKeepsEscapedIAC() {
        var decoder = TelnetDecoder()
        var data: [UInt8] = []
        let events = decoder.decode(ComPortOption.message(.setBaudRate, [0x00, 0x00, 0x00, 0xFF]), into: &data)
        #expect(data.isEmpty)
        #expect(events == [.subnegotiation(option: 44, payload: [1, 0x00, 0x00, 0x00, 0xFF])])
    }

    @Test func negotiatorAnswersOnlyChangesAndRefusesTheRest() {
        var negotiator = TelnetNegotiator()
        let opening = negotiator.opening()
        #expect(opening == [255, 251, 0, 255, 251, 3, 255, 251, 44, 255, 253, 0, 255, 253, 3])
        // Answers to our own requests need no reply.
        #expect(negotiator.answer(verb: Telnet.do, option: Telnet.comPortOption).isEmpty)
        #expect(negotiator.local.contains(Telnet.comPortOption))
        #expect(negotiator.answer(verb: Telnet.will, option: Telnet.binary).isEmpty)
        // The server offering ECHO is refused (our commands must not come back); asking us for it too.
        #expect(negotiator.answer(verb: Telnet.will, option: Telnet.echo) == [255, Telnet.dont, 1])
        #expect(negotiator.answer(verb: Telnet.do, option: Telnet.echo) == [255, Telnet.wont, 1])
        // A repeated DO for an option already on is not answered (no loop).
        #expect(negotiator.answer(verb: Telnet.do, option: Telnet.comPortOption).isEmpty)
        // Refusal of COM-PORT-OPTION is remembered.
        var refused = TelnetNegotiator()
        _ = refused.opening()
        #expect(refused.answer(verb: Telnet.dont, option: Telnet.comPortOption).isEmpty)
        #expect(refused.refusedLocal.contains(Telnet.comPortOption))
    }
}
