import Foundation

/// Excerpts of the flasher logs quoted in the field reports (their lines as the users posted them; the chip's
/// encryption key line of seed 002 is left out).
enum FieldReportLogs {
    /// Seed 004: ltchiptool v4.11.2 writing `ltchiptool_bk72xx_2024-11-07_11-42-46_efuse.bin` to a CB3S.
    static let seed004LTChipTool = """
        D [ 4602.494] ( 0.066s) Connecting
        W [ 4602.583] ( 0.090s) Unknown bootloader CRC - 0xCBC3D235 - please report this on GitHub issues!
        D [ 4602.592] ( 0.009s) Reading 4k page at 0x011000 (0.00%)
        D [ 4602.953] ( 0.361s) BK72xx connected - protocol: FULL, chip: BK7231N, bootloader: None, chip ID: 0x7231c, boot version: None
        D [ 4602.987] ( 0.034s) Trying to unprotect flash memory...
        D [ 4603.003] ( 0.016s) Erasing and writing at 0x11000 (0.00%)
        D [ 4603.003] ( 0.000s) - Checking block pre-erase @ 0x11000
        D [ 4603.437] ( 0.388s) Erasing and writing at 0x12000 (0.45%)
        D [ 4690.612] ( 0.397s) Erasing and writing at 0xED000 (99.70%)
        D [ 4691.010] ( 0.399s) Verifying CRC
        W [ 4691.010] ( 0.000s) The current command timeout of 1.0 second(s) is too low for reading 905216 bytes CRC. Increasing to 3 second(s).
        D [ 4693.074] ( 2.064s) OK!
        D [ 4693.149] ( 0.051s) Stopped FlashThread
        """

    /// Seed 002: BK7231GUIFlashTool writing OpenBK7231N_QIO_1.18.189.bin (the user: "success at every step … no AP").
    static let seed002EasyFlasher = """
        Starting flash new (no backup)!
        Flasher mode: BK7231N
        Going to open port: COM5.
        Getting bus... (now, please do reboot by CEN or by power off/on)
        Getting bus success!
        Flash MID loaded: 1560EB
        Reading file firmwares/OpenBK7231N_QIO_1.18.189.bin...
        Loaded 1220464 bytes from firmwares/OpenBK7231N_QIO_1.18.189.bin...
        Using hack to write QIO - just skip bootloader...
        Going to do erase, start 69632, sec count 281!
        All selected sectors erased!
        Writing sector 0x11000... ok! Writing sector 0x12000... ok!
        Starting CRC check for 281 sectors, starting at offset 0x11000
        CRC matches 0xBE5EF02C!
        Writing file data to chip successs.
        """

    /// The seed 000 boot log (the fixture of the TuyaConfig tests).
    static var seed000BootLog: [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("TuyaConfigTests/Fixtures/seed000-bootlog.txt")
        return (try? [UInt8](Data(contentsOf: url))) ?? []
    }
}
