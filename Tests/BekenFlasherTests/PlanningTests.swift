import BekenChips
import Testing
@testable import BekenFlasher

@Test func erasePlanUsesBlocksOnlyWhereAligned() {
    // 0x11000…0x111000: 15 sectors up to 0x20000, 15 blocks, then one sector (the 1 MiB app write).
    let steps = EraseStep.plan(for: 0x11000 ..< 0x111000)
    #expect(steps.prefix(15) == ArraySlice((0x11 ..< 0x20).map { EraseStep.sector($0 << 12) }))
    #expect(steps[15] == .block(0x20000))
    #expect(steps.filter { if case .block = $0 { true } else { false } }.count == 15)
    #expect(steps.last == .sector(0x110000))
    #expect(steps.reduce(0) { $0 + $1.range.count } == 0x100000)
}

@Test func crcArgumentsComeFromTheChipProfile() {
    // The same arguments as the hand-built addressing below, derived from identification's findings.
    let n = ChipProfile(family: ChipKind.bk7231n.family, protocolVariant: .full, bootloader: nil, flashID: nil,
                        flashChip: nil, flashSize: 0x200000)
    #expect(FlashAddressing(n) == FlashAddressing(crcEndInclusive: true, flashSize: 0x200000, protectedBelow: 0))
    let t = ChipProfile(family: ChipKind.bk7231t.family, protocolVariant: .basicTuya, bootloader: nil, flashID: nil,
                        flashChip: nil, flashSize: 0x200000)
    #expect(FlashAddressing(t) == FlashAddressing(crcEndInclusive: false, flashSize: 0x200000, protectedBelow: 0x11000))
}

@Test func crcArgumentsFollowTheProtocolVariant() {
    let rom = FlashAddressing(crcEndInclusive: true, flashSize: 0x200000, protectedBelow: 0)
    #expect(rom.crcArguments(0x11000 ..< 0x12000) == (0x11000, 0x11FFF))
    let bootloaderChip = FlashAddressing(crcEndInclusive: false, flashSize: 0x200000, protectedBelow: 0x11000)
    #expect(bootloaderChip.crcArguments(0x11000 ..< 0x12000) == (0x11000, 0x12000))
    // Below 0x11000 the whole span goes through the address mirror (bk7231tools cmd_ll_chip.py fix_addr; BK7231GUIFlashTool BK7231Flasher.cs).
    #expect(bootloaderChip.crcArguments(0 ..< 0x200000) == (0x200000, 0x400000))
    #expect(bootloaderChip.wireAddress(0x1000) == 0x201000)
    #expect(bootloaderChip.wireAddress(0x11000) == 0x11000)
}

@Test func baudCandidatesStepDownTheLadder() {
    #expect(BaudController.candidates(upTo: 1_500_000) == [1_500_000, 921_600, 460_800, 230_400, 115_200])
    #expect(BaudController.candidates(upTo: 1_000_000) == [1_000_000, 921_600, 460_800, 230_400, 115_200])
}

@Test func timeoutsScaleWithPayloadAndHashing() {
    let timeouts = CommandTimeouts()
    let small = timeouts.reply(requestBytes: 13, replyBytes: 11, baud: 1_500_000)
    let big = timeouts.reply(requestBytes: 12, replyBytes: 4111, baud: 115_200)
    #expect(big > small + .milliseconds(500))   // 4 KiB at 115200 is ~357 ms on the wire
    #expect(timeouts.crcWork(bytes: 0x200000) > .seconds(4))  // 2 MiB at ≤440 kB/s takes ≥4.7 s
}

@Test func macComesFromTheRFCalibrationSector() throws {
    let dump = try Dumps.load(Dumps.bk7231n)
    let mac = RFCalibrationSector.mac(in: dump[0x1D0000 ..< 0x1D1000])
    #expect(mac?.count == 6)
    #expect(RFCalibrationSector.mac(in: dump[0x11000 ..< 0x12000]) == nil)
}

@Test func flasherErrorsSayWhatIsOnTheFlash() {
    let error = FlasherError.noResponse("FlashWrite4K(0x20000)", flash: .partlyWritten(range: 0x11000 ..< 0x111000))
    #expect(error.code == .noResponse)
    #expect(error.description.contains("0x11000–0x111000 is only partly written"))
    #expect(FlasherError(.linkTimeout, "x", hint: .checkWiringAndReset).suggestion == .checkWiringAndReset)
}
