import BekenDemo
import BekenEmulator
import Foundation

/// The "try it" mode: virtual BK7231N chips holding BekenDemo's synthetic Tuya plug, each served on a
/// pseudo-terminal that the page flashes like a real port. They live as long as the UI server.
public final class VirtualChipRig: @unchecked Sendable {
    public enum Behaviour: String, Sendable {
        /// A person resets the chip shortly after the flasher starts calling.
        case resets
        /// Nobody resets it: the chip keeps running its Tuya firmware and never answers (the "no chip" case).
        case silent
    }

    private let lock = NSLock()
    private var servers: [ChipServer] = []
    private var chips: [String: VirtualChip] = [:]
    public let paced: Bool

    public init(paced: Bool) { self.paced = paced }

    deinit { for server in servers { server.stop() } }

    /// Starts a virtual chip on a new pty; returns the pty's path.
    public func start(_ behaviour: Behaviour) throws -> String {
        var timing = paced ? TimingModel.realistic : TimingModel.instant
        timing.turnaround = .milliseconds(1)
        let configuration = VirtualChip.Configuration(
            personality: .bk7231n, flash: SyntheticTuyaPlug.flashImage(), timing: timing,
            initialState: .applicationRunning, resetAfter: behaviour == .resets ? .milliseconds(400) : nil)
        let chip = VirtualChip(configuration: configuration)
        let server = try ChipServer.onPseudoTerminal(chip)
        let path = server.path ?? ""
        lock.withLock {
            servers.append(server)
            chips[path] = chip
        }
        return path
    }

    /// The virtual chip behind a port this rig started (tests read its flash).
    public func chip(at port: String) -> VirtualChip? { lock.withLock { chips[port] } }

    /// The ports of the virtual chips started so far.
    public var ports: [String] { lock.withLock { chips.keys.sorted() } }

    /// The synthetic OpenBeken image the virtual chip takes (our own bytes, made by the packager).
    public static var firmware: (name: String, bytes: [UInt8])? {
        SyntheticOpenBeken.uaImage(for: SyntheticTuyaPlug.chip).map { (SyntheticOpenBeken.fileName(for: SyntheticTuyaPlug.chip), $0) }
    }
}
