/// OpenBeken's 64 generic flags: `genericFlags` holds flags 0–31, `genericFlags2` flags 32–63
/// (bit n of the 64-bit value = flag n; OBK `new_cfg.c` `CFG_GetFlags64`, OpenBeken new_pins.h).
/// Flag numbers are the `OBK_FLAG_*` defines of OBK `new_pins.h`.
public struct OBKFlags: OptionSet, Sendable, Hashable, Codable {
    public var rawValue: UInt64

    public init(rawValue: UInt64) {
        self.rawValue = rawValue
    }

    /// Builds the set from flag numbers (0...63).
    public init(numbers: [Int]) {
        self.init(rawValue: 0)
        for number in numbers { insert(flag: number) }
    }

    /// `OBK_FLAG_MQTT_BROADCASTSELFSTATEONCONNECT`, the one flag the firmware sets by default (OpenBeken new_pins.h).
    public static let mqttBroadcastSelfStateOnConnect = OBKFlags(rawValue: 1 << 10)

    public init(genericFlags: UInt32, genericFlags2: UInt32) {
        self.init(rawValue: UInt64(genericFlags) | UInt64(genericFlags2) << 32)
    }

    public var genericFlags: UInt32 { UInt32(truncatingIfNeeded: rawValue) }
    public var genericFlags2: UInt32 { UInt32(truncatingIfNeeded: rawValue >> 32) }

    /// Flag numbers that are set, ascending.
    public var numbers: [Int] { (0..<64).filter { rawValue & (1 << UInt64($0)) != 0 } }

    public func contains(flag number: Int) -> Bool {
        (0..<64).contains(number) && rawValue & (1 << UInt64(number)) != 0
    }

    public mutating func insert(flag number: Int) {
        precondition((0..<64).contains(number), "OpenBeken flag numbers are 0...63")
        rawValue |= 1 << UInt64(number)
    }

    public mutating func remove(flag number: Int) {
        precondition((0..<64).contains(number), "OpenBeken flag numbers are 0...63")
        rawValue &= ~(1 << UInt64(number))
    }
}
