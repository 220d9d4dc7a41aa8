import BekenChips
import BekenImage

/// A made-up OpenBeken firmware image for `bktool demo` to flash: an app-only ("UA") image, packaged by
/// `FirmwarePackager` from synthetic code that carries OpenBeken's platform name `OpenBK7231N` (OBK
/// `DEVICENAME_PREFIX_FULL`) and the chip name (`PLATFORM_MCU_NAME`) the inspector looks for (BK7231GUIFlashTool BK7231Flasher.cs doGenericSetup; OpenBeken new_common.h,
/// ltchiptool soc/bk72xx/binary.py detect_file_type; bk7231tools analysis/rbl.py). It is not OpenBeken and does not run; it only looks like an OpenBeken UA file to the tools.
public enum SyntheticOpenBeken {
    public static let defaultVersion = "1.0.0-demo"

    /// The UA image for `chip` (written at 0x11000, 0x118F70 bytes), or nil when the chip's code key is not known.
    public static func uaImage(for chip: ChipKind = .bk7231n, version: String = defaultVersion) -> [UInt8]? {
        guard let options = FirmwarePackager.Options(chip: chip, timestamp: 1_767_225_600) else { return nil }
        // Synthetic code that fits the partition: packaging cannot fail.
        return try! FirmwarePackager.appImage(code: code(for: chip, version: version), options: options)
    }

    /// OpenBeken's release name for it, e.g. "OpenBK7231N_UA_1.0.0-demo.bin" (OpenBeken .github/workflows/workflow.yaml).
    public static func fileName(for chip: ChipKind = .bk7231n, version: String = defaultVersion) -> String {
        "\(platformName(for: chip))_UA_\(version).bin"
    }

    /// "OpenBK7231N".
    public static func platformName(for chip: ChipKind) -> String { "Open" + chip.displayName }

    /// The plain code: 560 KiB of code unlike the Tuya app's, so flashing it over the demo plug rewrites most of
    /// the app partition as a real conversion does (skip-identical has little to skip there).
    public static func code(for chip: ChipKind, version: String = defaultVersion) -> [UInt8] {
        SyntheticCode.build(address: 0x10000, branchOffset: 0x0E, seed: 0x0B4B, size: 560 * 1024, strings: [
            "\(platformName(for: chip))_\(version)", chip.displayName, "synthetic OpenBeken stand-in",
        ])
    }
}

extension SyntheticOpenBeken {
    /// A whole-flash QIO image for `chip` (bootloader region + app, 0x11000 + app bytes), as OpenBeken ships for
    /// chips whose QIO is written from 0x0 (BK7238: `OpenBK7238_QIO_<ver>.bin` in OpenBeken's releases). The bootloader
    /// part is our own code ("<CHIP>_OBK_DEMO") with the chip's key; nil when the chip's code key is not known.
    public static func qioImage(for chip: ChipKind, version: String = defaultVersion) -> [UInt8]? {
        guard let options = FirmwarePackager.Options(chip: chip, timestamp: 1_767_225_600),
              let app = uaImage(for: chip, version: version) else { return nil }
        let bootCode = SyntheticCode.build(address: 0, branchOffset: 0x52, seed: 0x0B4C, size: 12 * 1024,
                                           strings: ["\(chip.displayName)_OBK_DEMO_1", "bootloader (synthetic demo)"])
        let table = PartitionTable(tableOffset: 0, entries: [
            .init(name: "bootloader", flashName: "beken_onchip_crc", offset: 0, length: 0x10000),
            .init(name: "app", flashName: "beken_onchip_crc", offset: 0x10000, length: 0x108700),
        ])
        // Synthetic code that fits its partitions: packaging cannot fail.
        let boot = try! FirmwarePackager.bootloaderRegion(code: bootCode, partitionTable: table, options: options)
        return try! FirmwarePackager.qioImage(bootloaderRegion: boot, appImage: app)
    }

    /// "OpenBK7238_QIO_1.0.0-demo.bin".
    public static func qioFileName(for chip: ChipKind, version: String = defaultVersion) -> String {
        "\(platformName(for: chip))_QIO_\(version).bin"
    }
}
