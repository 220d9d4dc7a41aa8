import ArgumentParser
import BekenChips
import BekenDemo
import BekenEmulator
import BekenFlasher
import OpenBeken

/// The virtual devices `bktool demo --chip` converts, all made of BekenDemo's own bytes: the CB2S plug (BK7231N,
/// the default), the T1-2S plug (BK7238, Tuya's T1 factory layout: RF calibration at 0x1E3000) and the T4-U plug
/// (BK7252N: whole QIO from 0x0, a 48-pin OpenBeken config).
enum DemoDevice: String, ExpressibleByArgument, CaseIterable {
    case bk7231n
    case bk7238
    case bk7252n

    var chip: ChipKind { personality.kind }

    var personality: ChipPersonality {
        switch self {
        case .bk7231n: .bk7231n
        case .bk7238: .bk7238
        case .bk7252n: .bk7252n
        }
    }

    /// "Tuya smart plug (CB2S module)".
    var description: String {
        switch self {
        case .bk7231n: "Tuya smart plug (CB2S module)"
        case .bk7238: "Tuya T1 smart plug (T1-2S module)"
        case .bk7252n: "Tuya T4 smart plug (T4-U module)"
        }
    }

    var macString: String {
        switch self {
        case .bk7231n: SyntheticTuyaPlug.macString
        case .bk7238: SyntheticT1Plug.macString
        case .bk7252n: SyntheticT4Plug.macString
        }
    }

    var mac: [UInt8] {
        switch self {
        case .bk7231n: SyntheticTuyaPlug.mac
        case .bk7238: SyntheticT1Plug.mac
        case .bk7252n: SyntheticT4Plug.mac
        }
    }

    /// The whole 2 MiB flash as the Tuya factory firmware leaves it.
    func flashImage() -> [UInt8] {
        switch self {
        case .bk7231n: SyntheticTuyaPlug.flashImage()
        case .bk7238: SyntheticT1Plug.flashImage()
        case .bk7252n: SyntheticT4Plug.flashImage()
        }
    }

    /// The synthetic OpenBeken image and its release-style name: the UA image on the N, the whole QIO image on the
    /// T1 and the BK7252N (written from 0x0, `FlashLayout.openBekenImageStart`).
    func firmware() -> (bytes: [UInt8], name: String, offset: Int, kind: String)? {
        switch self {
        case .bk7231n:
            SyntheticOpenBeken.uaImage(for: chip).map { ($0, SyntheticOpenBeken.fileName(for: chip), 0x11000, "UA") }
        case .bk7238, .bk7252n:
            SyntheticOpenBeken.qioImage(for: chip).map {
                ($0, SyntheticOpenBeken.qioFileName(for: chip), Int(chip.family.layout.openBekenImageStart), "QIO")
            }
        }
    }

    /// The Tuya KV store, which a conversion must leave untouched.
    var tuyaStore: Range<Int> {
        switch self {
        case .bk7231n: SyntheticTuyaPlug.tuyaStoreOffset ..< SyntheticTuyaPlug.tuyaStoreOffset + 0x12000
        case .bk7238: SyntheticT1Plug.tuyaStoreOffset ..< SyntheticT1Plug.flashSize
        case .bk7252n: SyntheticT4Plug.tuyaStoreOffset ..< SyntheticT4Plug.flashSize
        }
    }

    /// Where OpenBeken reads the MAC (the family's RF calibration offset).
    var rfCalibration: Int { Int(chip.family.layout.rfCalibration ?? 0) }

    /// What the chip needs beyond the N's conversion, for the introduction (nil on the N).
    var note: String? {
        switch self {
        case .bk7231n: nil
        case .bk7252n: "bktool writes the whole QIO image from 0x0; OpenBeken's BK7252N config holds 48 pins, which moves every field after them."
        case .bk7238: "Its RF calibration (MAC) sits at 0x1E3000, where Tuya's T1 firmware keeps it; bktool writes the whole QIO image from 0x0 and moves the RF calibration to 0x1E0000, where OpenBeken reads it."
        }
    }
}
