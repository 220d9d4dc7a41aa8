/// The unused gaps of `mainConfig_t`, kept verbatim so a decoded sector encodes back byte for byte
/// (OpenBeken new_pins.h: `unused_fill`, `unused_fill1`, `unusedSectorAB`, `unused_bytefill`, `unused`).
public struct OBKReservedBytes: Sendable, Hashable, Codable {
    /// 1 byte at 0x45F.
    public var fill: UInt8
    /// 1 byte at 0x4BB.
    public var fill1: UInt8
    /// 99 bytes at 0x4C4; 51 at 0x4F4 on 48-pin builds (`OBKPinBlock`).
    public var sectorAB: [UInt8]
    /// 3 bytes at 0x594.
    public var byteFill: [UInt8]
    /// 324 bytes at 0xCBC, up to the end of the struct.
    public var tail: [UInt8]

    public init(fill: UInt8 = 0, fill1: UInt8 = 0,
                sectorAB: [UInt8] = Array(repeating: 0, count: OBKConfigLayout.unusedSectorAB.size),
                byteFill: [UInt8] = Array(repeating: 0, count: OBKConfigLayout.unusedByteFill.size),
                tail: [UInt8] = Array(repeating: 0, count: OBKConfigLayout.unusedTail.size)) {
        self.fill = fill
        self.fill1 = fill1
        self.sectorAB = sectorAB
        self.byteFill = byteFill
        self.tail = tail
    }

    public static let zero = OBKReservedBytes()
}
