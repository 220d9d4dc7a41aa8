import BekenConversion
import BekenDemo
import BekenEmulator
import BekenFlasher
import Foundation
import SerialLink
import Testing

/// The T1 conversion through the library on a virtual BK7238 on a pty: the whole QIO image from 0x0, the RF
/// calibration moved from 0x1E3000 to 0x1E0000 as a planned write, the MAC proven by reading 0x1E0000 back.
@Suite(.serialized) struct ConversionT1Tests {
    static func run(on flash: [UInt8]) throws -> (result: ConversionResult, events: [ConversionEvent], chip: VirtualChip) {
        let chip = VirtualChip(configuration: .init(personality: .bk7238, flash: flash, timing: .instant,
                                                    initialState: .downloadMode, resetAfter: .milliseconds(100)))
        let server = try ChipServer.onPseudoTerminal(chip)
        defer { server.stop() }
        let link = try SerialPort(path: try #require(server.path))
        defer { link.close() }
        let firmware = try #require(SyntheticOpenBeken.qioImage(for: .bk7238))
        var settings = ConversionSettings(firmware: firmware, firmwareName: "OpenBK7238_QIO.bin",
                                          tool: ToolInfo(name: "tests", version: "0"))
        settings.network.wifiSSID = "TestNet"
        var options = Flasher.Options()
        options.linkTimeout = .seconds(5)
        var events: [ConversionEvent] = []
        let result = try ConversionRunner(link: link, options: options, settings: settings, backups: MemoryBackupStore(),
                                          progress: MemoryProgressStore()) { events.append($0) }.run()
        return (result, events, chip)
    }

    @Test("factory layout: firmware from 0x0, rf-calibration 0x1E3000 → 0x1E0000, config; events name the move and the proof")
    func factoryLayoutIsMovedAndProven() throws {
        let original = SyntheticT1Plug.flashImage()
        let (result, events, chip) = try Self.run(on: original)
        #expect(result.plan.writes.map(\.what) == ["firmware", "rf-calibration", "config"])
        #expect(result.plan.writes.map(\.address) == [0, 0x1E_0000, 0x1E_1000])
        let move = try #require(result.plan.rfCalibrationMove)
        #expect(move.from == 0x1E_3000 && move.to == 0x1E_0000 && move.mac == SyntheticT1Plug.macString)
        #expect(result.plan.macProof?.mac == SyntheticT1Plug.mac && result.plan.macProof?.offset == 0x1E_0000)
        let moves = events.compactMap { if case .rfCalibrationMove(let move) = $0 { move } else { nil } }
        let proofs = events.compactMap { if case .macProven(let proof) = $0 { proof } else { nil } }
        #expect(moves.count == 1 && proofs.count == 1)
        let moved = Array(chip.flash[0x1E_0000 ..< 0x1E_1000]) == Array(original[0x1E_3000 ..< 0x1E_4000])
        #expect(moved)
    }

    @Test("RF calibration already at 0x1E0000: no move, the MAC is still proven there")
    func movedLayoutNeedsNoMove() throws {
        var image = SyntheticT1Plug.flashImage()
        image.replaceSubrange(0x1E_0000 ..< 0x1E_1000, with: image[0x1E_3000 ..< 0x1E_4000])
        let (result, events, _) = try Self.run(on: image)
        #expect(result.plan.rfCalibrationMove == nil)
        #expect(result.plan.writes.map(\.what) == ["firmware", "config"])
        #expect(result.plan.macProof?.offset == 0x1E_0000)
        #expect(events.contains { if case .macProven = $0 { true } else { false } })
    }
}
