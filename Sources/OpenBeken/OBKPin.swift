/// One GPIO's entry in `mainConfig_t.pins`: its role (`ioRole_t` number, OpenBeken new_pins.h) and channels.
/// The three bytes live in three parallel 32-byte arrays at 0x33E, 0x35E and 0x37E (OpenBeken new_pins.h).
public struct OBKPin: Sendable, Hashable, Codable {
    /// The `ioRole_t` number; 0 = none.
    public var role: UInt8
    /// The channel the role drives or reports (e.g. relay channel 1).
    public var channel: UInt8
    /// A second channel (used by some button roles).
    public var channel2: UInt8

    public init(role: UInt8 = 0, channel: UInt8 = 0, channel2: UInt8 = 0) {
        self.role = role
        self.channel = channel
        self.channel2 = channel2
    }

    public static let unused = OBKPin()

    public var isUnused: Bool { self == .unused }
}
