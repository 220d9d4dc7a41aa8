import BekenEmulator
import BekenFlasher
import SerialLink

/// A virtual chip served on a real pseudo-terminal, with a Flasher connected through SerialPort — the same
/// termios path a USB-UART adapter takes (docs/TESTING.md).
final class VirtualChipFixture {
    let chip: VirtualChip
    let server: ChipServer
    let port: SerialPort
    var events: [FlasherEvent] = []

    init(_ personality: ChipPersonality, flash: [UInt8], initialState: ChipRunState = .downloadMode,
         resetAfter: Duration? = nil, timing: TimingModel = .instant, jedecID: [UInt8]? = nil) throws {
        var configuration = VirtualChip.Configuration(personality: personality, flash: flash, timing: timing,
                                                      initialState: initialState, resetAfter: resetAfter)
        if let jedecID { configuration.jedecID = jedecID }
        chip = VirtualChip(configuration: configuration)
        server = try ChipServer.onPseudoTerminal(chip)
        port = try SerialPort(path: server.path!)
    }

    func flasher(_ configure: (inout Flasher.Options) -> Void = { _ in }) -> Flasher {
        var options = Flasher.Options()
        options.linkTimeout = .seconds(5)
        configure(&options)
        return Flasher(link: port, options: options) { [unowned self] event in events.append(event) }
    }

    deinit {
        port.close()
        server.stop()
    }
}
