import BekenChips
import BekenFlasher
import SerialLink

/// Opens the port named by `ConnectionOptions`, connects a Flasher (bus, baud, identification) and checks `-c`.
struct ChipConnection {
    let flasher: Flasher
    let link: any Link
    let identity: ChipIdentity
    let events: FlasherEventRenderer

    /// The chip family `-c` names, or a usage error listing the known names.
    static func expectedChip(_ name: String?) throws -> ChipKind? {
        guard let name else { return nil }
        guard let family = ChipFamily.named(name) else {
            throw CLIFailure.badInput("unknown-chip", "unknown chip '\(name)'",
                                      hint: "use one of: " + ChipKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return family.kind
    }

    /// `observe` sees every flasher event before it is rendered (`flash` records `.verified` ranges for resume).
    static func open(_ options: ConnectionOptions, output: OutputOptions, force: Bool = false,
                     observe: @escaping FlasherEventHandler = { _ in }) throws -> ChipConnection {
        var flasherOptions = try flasherOptions(options)
        flasherOptions.allowBootloaderWrite = force
        let renderer = FlasherEventRenderer(renderer: ProgressRenderer(options: output))
        let link = try openLink(url: options.port, baud: 115_200)
        let flasher = Flasher(link: link, options: flasherOptions, events: { event in
            observe(event)
            renderer.handle(event)
        })
        do {
            let identity = try flasher.connect()
            return ChipConnection(flasher: flasher, link: link, identity: identity, events: renderer)
        } catch {
            link.close()
            throw error
        }
    }

    func close() { link.close() }

    /// The flasher's options from the command line; Ctrl-C cancels the operation (`Interrupt`).
    static func flasherOptions(_ options: ConnectionOptions) throws -> Flasher.Options {
        var flasherOptions = Flasher.Options()
        flasherOptions.baudRate = options.baud
        flasherOptions.linkTimeout = .milliseconds(Int64(options.linkTimeout * 1000))
        flasherOptions.expectedChip = try expectedChip(options.chip)
        flasherOptions.cancellation = Interrupt.handle
        Interrupt.arm()
        return flasherOptions
    }
}

/// Elapsed seconds of a block.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let clock = ContinuousClock()
    let start = clock.now
    let result = try body()
    return (result, seconds(clock.now - start))
}

/// esptool's "(effective X kbit/s)".
func kbitPerSecond(bytes: Int, seconds: Double) -> String {
    guard seconds > 0 else { return "—" }
    return String(format1: Double(bytes) * 8 / 1000 / seconds) + " kbit/s"
}
