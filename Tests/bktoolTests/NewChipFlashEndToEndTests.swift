import BekenChips
import BekenDemo
import BekenEmulator
import BekenProtocol
import Foundation
import OpenBeken
import Testing

/// `bktool flash` over a pty on every chip of issue 13, each holding a synthetic device of our own bytes: the
/// conversion end to end (backup, firmware, config, the MAC proven by reading the RF sector back, Tuya KV
/// untouched, a rerun skipping every sector), and the refusals of a build for another chip.
@Suite(.serialized) struct NewChipFlashEndToEndTests {
    /// A device as its Tuya firmware leaves it, and the OpenBeken image `flash` gets for it.
    struct Device {
        let flash: [UInt8]
        let firmware: [UInt8]
        let firmwareName: String
        let firmwareOffset: Int
        let mac: [UInt8]
        let tuyaStore: Range<Int>

        static func plug(for personality: ChipPersonality) -> Device {
            let chip = personality.kind
            if chip == .bk7238 {
                return Device(flash: SyntheticT1Plug.flashImage(), firmware: SyntheticOpenBeken.qioImage(for: chip)!,
                              firmwareName: SyntheticOpenBeken.qioFileName(for: chip), firmwareOffset: 0,
                              mac: SyntheticT1Plug.mac,
                              tuyaStore: SyntheticT1Plug.tuyaStoreOffset ..< SyntheticT1Plug.flashSize)
            }
            if chip == .bk7252n {
                return Device(flash: SyntheticT4Plug.flashImage(), firmware: SyntheticOpenBeken.qioImage(for: chip)!,
                              firmwareName: SyntheticOpenBeken.qioFileName(for: chip), firmwareOffset: 0,
                              mac: SyntheticT4Plug.mac,
                              tuyaStore: SyntheticT4Plug.tuyaStoreOffset ..< SyntheticT4Plug.flashSize)
            }
            // The CB2S plug, its RF sector moved to where this family keeps it (0x1E0000 on the U).
            var flash = SyntheticTuyaPlug.flashImage()
            let rf = Int(chip.family.layout.rfCalibration!)
            if rf != SyntheticTuyaPlug.rfCalibrationOffset {
                let from = SyntheticTuyaPlug.rfCalibrationOffset
                flash.replaceSubrange(rf ..< rf + 0x1000, with: flash[from ..< from + 0x1000])
                flash.replaceSubrange(from ..< from + 0x1000, with: [UInt8](repeating: 0xFF, count: 0x1000))
            }
            let store = SyntheticTuyaPlug.tuyaStoreOffset
            return Device(flash: flash, firmware: SyntheticOpenBeken.uaImage(for: chip)!,
                          firmwareName: SyntheticOpenBeken.fileName(for: chip), firmwareOffset: 0x11000,
                          mac: SyntheticTuyaPlug.mac, tuyaStore: store ..< store + 0x12000)
        }
    }

    static let convertible: [ChipPersonality] = [.bk7238, .bk7238T1U, .bk7231m, .bk7231u, .bk7252n]

    @Test(arguments: convertible)
    func convertsProvesTheMACAndARerunSkipsEverySector(personality: ChipPersonality) throws {
        let chip = personality.kind
        let device = Device.plug(for: personality)
        let served = try ServedChip(personality, flash: device.flash)
        let directory = try TemporaryDirectory()
        let firmwarePath = directory.path(device.firmwareName)
        try Data(device.firmware).write(to: URL(fileURLWithPath: firmwarePath))
        let backups = directory.path("backups")
        let arguments = ["flash", "-p", served.path, firmwarePath, "--no-watch"] + Conversion.options(backupDir: backups)

        let first = try Subprocess.bktool(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        let result = Conversion.result(first.stdout)
        #expect(result["ok"] as? Bool == true && result["verified"] as? Bool == true, "\(first.stdout.suffix(600))")
        #expect(result["chip"] as? String == chip.displayName)

        // The backup is the device's flash, byte for byte.
        let backupFiles = Conversion.files(in: backups, endingWith: "-backup.bin")
        #expect(backupFiles.count == 1)
        let backup = try Data(contentsOf: URL(fileURLWithPath: backups).appendingPathComponent(backupFiles.first ?? "-"))
        let backupIdentical = backup == Data(device.flash)
        #expect(backupIdentical, "the backup differs from the chip's flash")

        // Firmware and config in place, the MAC where OpenBeken reads it, the Tuya KV store untouched.
        let flash = served.chip.flash
        let firmwareRange = device.firmwareOffset ..< device.firmwareOffset + device.firmware.count
        let firmwareInPlace = Array(flash[firmwareRange]) == device.firmware
        #expect(firmwareInPlace, "firmware at \(device.firmwareOffset)")
        let configOffset = Conversion.configOffset(chip)
        // The BK7252N build's config has 48 pins, which moves the fields after them (OpenBeken new_pins.h).
        let pinBlock = try #require(OBKPlatform(chip: chip)).pinBlock
        let config = try OBKConfig(decoding: flash[configOffset ..< configOffset + 0x1000], pinBlock: pinBlock)
        #expect(config.wifiSSID == Conversion.wifi && config.shortDeviceName == Conversion.name)
        #expect(config.configuredPins.count > 0, "the pins from the Tuya config")
        // Fields after the pin arrays read back too (on the BK7252N they sit 48 bytes later than on the others).
        #expect(config.ntpServer == "217.147.223.78" && config.buttonLongPress == 10, "\(config.ntpServer)")
        if chip == .bk7252n {
            // The raw bytes where OpenBeken new_pins.h (group A, 48 pins) puts them: channels at 0x36E, NTP at 0x4A8.
            let sector = Array(flash[configOffset ..< configOffset + 0x1000])
            #expect(sector[0x36E + 26] == 1 && config.pins[26].channel == 1, "the relay's channel at its 48-pin offset")
            #expect(Array(sector[0x4A8 ..< 0x4A8 + 14]) == Array("217.147.223.78".utf8), "ntpServer at 0x4A8")
        }
        let rf = Int(chip.family.layout.rfCalibration!)
        #expect(Self.mac(inRFSector: Array(flash[rf ..< rf + 0x1000])) == device.mac, "the MAC at \(rf)")
        #expect(result["macProvenAt"] as? String == "0x\(String(rf, radix: 16, uppercase: true))")
        let storeUntouched = flash[device.tuyaStore] == device.flash[device.tuyaStore]
        #expect(storeUntouched, "the Tuya KV store changed")

        // Nothing else changed; on the T1 the RF sector was copied from 0x1E3000 (which stays as it was).
        var expected = device.flash
        expected.replaceSubrange(firmwareRange, with: device.firmware)
        expected.replaceSubrange(configOffset ..< configOffset + 0x1000, with: flash[configOffset ..< configOffset + 0x1000])
        if chip == .bk7238 {
            #expect(result["rfCalibrationMovedFrom"] as? String == "0x1E3000")
            expected.replaceSubrange(0x1E_0000 ..< 0x1E_1000, with: device.flash[0x1E_3000 ..< 0x1E_4000])
            let names = (result["writes"] as? [[String: Any]])?.compactMap { $0["what"] as? String }
            #expect(names == ["firmware", "rf-calibration", "config"])
        } else {
            #expect(result["rfCalibrationMovedFrom"] == nil)
        }
        let onlyPlannedChanges = flash == expected
        #expect(onlyPlannedChanges, "bytes outside firmware, config and RF calibration changed")

        // The same command again: every sector is skipped, nothing written or erased.
        let logBefore = served.chip.commandLog.count
        let second = try Subprocess.bktool(arguments)
        #expect(second.status == 0, "\(second.stderr)")
        let again = Conversion.result(second.stdout)
        #expect(again["backupReused"] as? Bool == true)
        #expect(again["writtenSectors"] as? Int == 0 && again["blankSectors"] as? Int == 0, "\(second.stdout.suffix(600))")
        #expect((again["skippedSectors"] as? Int ?? 0) > 0)
        let writesOrErases = served.chip.commandLog.dropFirst(logBefore).filter {
            $0.isLong && [FlashOp.write4K.rawValue, FlashOp.erase.rawValue, FlashOp.erase4K.rawValue].contains($0.code)
        }
        #expect(writesOrErases.isEmpty)
        let unchanged = served.chip.flash == flash
        #expect(unchanged)
    }

    /// The MAC of an RF calibration (TLV) sector: sub-record `02 11 11 11`, length 6, at 0x1C (ltchiptool
    /// soc/bk72xx/binary.py detect_file_type).
    static func mac(inRFSector sector: [UInt8]) -> [UInt8]? {
        Array(sector[0x1C ..< 0x24]) == [0x02, 0x11, 0x11, 0x11, 0x06, 0, 0, 0] ? Array(sector[0x24 ..< 0x2A]) : nil
    }

    @Test("T1 text output: the RF move and the MAC proof in words")
    func t1TextOutputNamesTheMoveAndTheProof() throws {
        let device = Device.plug(for: .bk7238)
        let served = try ServedChip(.bk7238, flash: device.flash)
        let directory = try TemporaryDirectory()
        try Data(device.firmware).write(to: URL(fileURLWithPath: directory.path(device.firmwareName)))
        let run = try Subprocess.bktool(["flash", "-p", served.path, directory.path(device.firmwareName), "--no-watch",
                                         "--no-pins", "--backup-dir", directory.path("b")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("copying it to 0x1E0000, where OpenBeken reads it"), "\(run.stdout)")
        #expect(run.stdout.contains("MAC \(SyntheticT1Plug.macString.uppercased()) reads back from the RF calibration at 0x1E0000"))
        #expect(run.stdout.contains("access point \"OpenBK7238_"))
        // The P25Q16HB ignores status-register writes: reading without protection is said once, then it carries on.
        let notices = (run.stdout + run.stderr).components(separatedBy: "reading with the flash unprotected").count - 1
        #expect(notices == 1, "\(run.stderr)")
        #expect(!run.stdout.contains("uncommon offset"), "0x1F5000 is the T1's own KV offset")
    }

    @Test("bk7238-t1u with its status register protected: the clear typed error, nothing written")
    func lockedT1UIsAClearError() throws {
        let device = Device.plug(for: .bk7238T1U)
        var configuration = VirtualChip.Configuration(personality: .bk7238T1U, flash: device.flash, timing: .instant,
                                                      initialState: .downloadMode, resetAfter: .milliseconds(100))
        configuration.statusRegister2 = 0x40  // CMP, as Tuya's firmware leaves it (bk7231tools PR #24)
        let chip = VirtualChip(configuration: configuration)
        let server = try ChipServer.onPseudoTerminal(chip)
        defer { server.stop() }
        let directory = try TemporaryDirectory()
        try Data(device.firmware).write(to: URL(fileURLWithPath: directory.path(device.firmwareName)))
        let run = try Subprocess.bktool(["flash", "-p", server.path!, directory.path(device.firmwareName), "--no-watch",
                                         "--json", "--backup-dir", directory.path("b")])
        #expect(run.status == 1, "\(run.stderr)")
        let error = Conversion.result(run.stdout)["error"] as? [String: Any]
        #expect(error?["code"] as? String == "unprotect-failed", "\(run.stdout.suffix(400))")
        #expect(run.stderr.contains("P25Q16HBK") && run.stderr.contains("sets every bit"), "\(run.stderr)")
        let written = chip.flash != device.flash
        #expect(!written, "nothing may be written")
    }

    // MARK: refusals: a build for another chip, nothing read or written

    /// The chip, and the chip the firmware was built for.
    static let wrongPairs: [(ChipPersonality, ChipKind)] = [
        (.bk7231m, .bk7231n), (.bk7231n, .bk7231m), (.bk7238, .bk7231n), (.bk7238, .bk7231m),
        (.bk7231u, .bk7231t), (.bk7252n, .bk7231n), (.bk7252n, .bk7238), (.bk7238, .bk7252n),
    ]

    @Test(arguments: wrongPairs)
    func aBuildForAnotherChipIsRefused(personality: ChipPersonality, build: ChipKind) throws {
        let image = Device.plug(for: personality).flash
        let served = try ServedChip(personality, flash: image)
        let directory = try TemporaryDirectory()
        let firmware = try #require(SyntheticOpenBeken.uaImage(for: build))
        try Data(firmware).write(to: URL(fileURLWithPath: directory.path("ua.bin")))
        let run = try Subprocess.bktool(["flash", "-p", served.path, directory.path("ua.bin"), "--json", "--no-watch",
                                         "--backup-dir", directory.path("backups")])
        #expect(run.status == 2, "\(run.stderr)")
        let code = (Conversion.result(run.stdout)["error"] as? [String: Any])?["code"] as? String
        #expect(code == "refused-chip-mismatch" || code == "refused-key-mismatch", "\(run.stdout.suffix(400))")
        #expect(run.stderr.contains(personality.kind.displayName), "\(run.stderr)")
        let unchanged = served.chip.flash == image
        #expect(unchanged, "nothing may be written")
        #expect(Conversion.files(in: directory.path("backups"), endingWith: ".bin").isEmpty)
    }
}
