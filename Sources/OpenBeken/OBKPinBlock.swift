/// How many GPIOs an OpenBeken build's `pinsState_t` holds, and so where the fields after the pins lie.
///
/// OpenBeken new_pins.h: `roles`, `channels` and `channels2` have 32 entries on most platforms (BK7231T/N/U,
/// BK7238) and 48 on W800, BK7252, BK7252N, XR872, BL616 and GD32VW553 (`MAX_PIN_ROLES` 48; the BK7252N has
/// `PLATFORM_GPIO_MAX` 40). The wider block moves `channels` by 16 bytes, `channels2` by 32 and everything from
/// `channelTypes` to `loggerFlags` by 48; `unusedSectorAB` shrinks from 99 to 51 bytes, so `staticIP` (0x527) and
/// every field after it keep their offsets and the struct stays 3584 bytes (the offsets are listed per platform
/// group in new_pins.h's comments: group "A" for the 48-pin builds, "D" for the default).
public enum OBKPinBlock: Int, Sendable, Hashable, Codable, CaseIterable {
    case pins32 = 32
    case pins48 = 48

    public var pinCount: Int { rawValue }

    /// `field` of the 32-pin layout (`OBKConfigLayout`) where a build with this block stores it.
    public func placed(_ field: OBKConfigField) -> OBKConfigField {
        typealias L = OBKConfigLayout
        let growth = pinCount - L.pinCount
        guard growth != 0 else { return field }
        let pinsStart = L.pinRoles.offset
        switch field {
        case L.pinRoles: return field.moved(to: pinsStart, size: pinCount)
        case L.pinChannels: return field.moved(to: pinsStart + pinCount, size: pinCount)
        case L.pinChannels2: return field.moved(to: pinsStart + 2 * pinCount, size: pinCount)
        case L.unusedSectorAB: return field.moved(to: field.offset + 3 * growth, size: field.size - 3 * growth)
        default:
            let shifted = L.channelTypes.offset ..< L.unusedSectorAB.offset
            return shifted.contains(field.offset) ? field.moved(to: field.offset + 3 * growth, size: field.size) : field
        }
    }

    /// Every field in offset order, as this build stores them.
    public var allFields: [OBKConfigField] { OBKConfigLayout.allFields.map(placed) }
}

extension OBKConfigField {
    func moved(to offset: Int, size: Int) -> OBKConfigField { OBKConfigField(name, label, offset: offset, size: size) }
}
