import BekenChips

/// Where the OpenBeken config sector lives in flash, per chip (BK7231GUIFlashTool OBKFlashLayout.cs, OBKConfig.cs).
public enum OBKConfigLocation {
    /// The config sector of a chip family, from `BekenChips` (`FlashLayout.openBekenConfig`: BK7231T/U/7238/
    /// 7252/7252N 0x1E1000, BK7231N/M 0x1D1000; BK7231GUIFlashTool OBKFlashLayout.cs, OBKConfig.cs), or nil where OpenBeken keeps none there.
    public static func sectorOffset(for family: ChipFamily) -> Int? {
        family.layout.openBekenConfig.map(Int.init)
    }

    /// The offset for a chip name such as "bk7231n" (any name `ChipFamily.named` accepts), or nil.
    public static func sectorOffset(forChip name: String) -> Int? {
        ChipFamily.named(name).flatMap(sectorOffset(for:))
    }

    /// The pin block of the OpenBeken build for a chip name (`OBKPlatform.pinBlock`; 32 pins when the chip is
    /// unknown): the sector does not say it, and a BK7252N's fields after the pins sit elsewhere.
    public static func pinBlock(forChip name: String) -> OBKPinBlock {
        ChipFamily.named(name).flatMap { OBKPlatform(chip: $0.kind) }?.pinBlock ?? .pins32
    }

    /// The order Easy Flasher tries in a full dump: N first, then T (`detectChipTypeForCFG`, BK7231GUIFlashTool OBKFlashLayout.cs, OBKConfig.cs).
    public static let searchOrder = [0x1D1000, 0x1E1000]

    /// A config found inside a larger image.
    public struct Found: Sendable, Hashable {
        public let offset: Int
        public let config: OBKConfig
    }

    /// Finds the config in `image`: a bare sector or struct (decoded at 0) or a flash dump (each offset of
    /// `offsets` in turn; the first valid config wins). Throws the reason for every place tried. `pinBlock`: the
    /// build's pin count when the chip is known (`OBKPlatform.pinBlock`; the sector itself does not tell).
    public static func find(in image: [UInt8], offsets: [Int] = searchOrder,
                            pinBlock: OBKPinBlock = .pins32) throws(OBKConfigError) -> Found {
        if image.count <= OBKConfigLayout.sectorSize {
            return Found(offset: 0, config: try OBKConfig(decoding: image, pinBlock: pinBlock))
        }
        var reasons: [String] = []
        for offset in offsets {
            guard offset < image.count else {
                reasons.append("beyond the end of the \(image.count)-byte file")
                continue
            }
            let end = min(image.count, offset + OBKConfigLayout.sectorSize)
            do {
                return Found(offset: offset, config: try OBKConfig(decoding: image[offset..<end], pinBlock: pinBlock))
            } catch {
                reasons.append(error.description)
            }
        }
        throw .notFound(tried: offsets, reasons: reasons)
    }
}
