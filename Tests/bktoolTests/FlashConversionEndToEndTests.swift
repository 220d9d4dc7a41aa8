import BekenChips
import BekenEmulator
import BekenProtocol
import Foundation
import OpenBeken
import Testing

/// `bktool flash` as a user runs it: a subprocess over a pty against the virtual chip loaded with real dumps.
@Suite(.serialized) struct FlashConversionEndToEndTests {
    static let personalities: [(ChipPersonality, String)] = [(.bk7231n, Dumps.bk7231n), (.bk7231t, Dumps.bk7231t)]

    @Test(arguments: personalities)
    func convertsAndASecondRunSkipsEverySector(personality: ChipPersonality, dumpName: String) throws {
        let dump = try Dumps.load(dumpName)
        let chip = personality.family.kind
        let served = try ServedChip(personality, flash: dump)
        let directory = try TemporaryDirectory()
        let firmware = try Conversion.firmware(for: chip, in: directory)
        let backups = directory.path("backups")
        let arguments = ["flash", "-p", served.path, firmware.path] + Conversion.options(backupDir: backups)

        let first = try Subprocess.bktool(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        let result = Conversion.result(first.stdout)
        #expect(result["ok"] as? Bool == true && result["verified"] as? Bool == true)
        #expect(result["backupReused"] as? Bool == false)

        // The backup is the dump, byte for byte, with its sidecar.
        let backupFiles = Conversion.files(in: backups, endingWith: "-backup.bin")
        #expect(backupFiles.count == 1)
        let backupURL = URL(fileURLWithPath: backups).appendingPathComponent(backupFiles.first ?? "missing")
        #expect(try Data(contentsOf: backupURL) == Data(dump))
        #expect(FileManager.default.fileExists(atPath: backupURL.path + ".json"))

        // The firmware in place, the config sector decoding to the inputs, and nothing else changed (Tuya store).
        let flash = served.chip.flash
        let configOffset = Conversion.configOffset(chip)
        #expect(Array(flash[0x11000 ..< 0x11000 + firmware.bytes.count]) == firmware.bytes)
        let config = try OBKConfig(decoding: flash[configOffset ..< configOffset + 0x1000])
        #expect(config.wifiSSID == Conversion.wifi)
        #expect(config.mqttHost == Conversion.mqttHost && config.mqttPort == Int32(Conversion.mqttPort))
        #expect(config.mqttUserName == "tester" && config.shortDeviceName == Conversion.name)
        let expectedPins = try Conversion.expectedPins(in: dump)
        #expect(config.pins == expectedPins)
        #expect(expectedPins.contains { !$0.isUnused })
        var expected = dump
        let firmwareEnd = (0x11000 + firmware.bytes.count + 0xFFF) / 0x1000 * 0x1000
        expected.replaceSubrange(0x11000 ..< 0x11000 + firmware.bytes.count, with: firmware.bytes)
        expected.replaceSubrange(configOffset ..< configOffset + 0x1000, with: flash[configOffset ..< configOffset + 0x1000])
        #expect(flash == expected, "bytes outside firmware and config changed")
        #expect(firmwareEnd <= configOffset)
        #expect(served.chip.runState != .downloadMode, "the chip was rebooted")

        // The same command again: the backup is reused, and every sector is skipped as identical.
        let logBefore = served.chip.commandLog.count
        let second = try Subprocess.bktool(arguments)
        #expect(second.status == 0, "\(second.stderr)")
        let again = Conversion.result(second.stdout)
        #expect(again["backupReused"] as? Bool == true)
        #expect(again["writtenSectors"] as? Int == 0 && again["blankSectors"] as? Int == 0)
        let sectors = (firmwareEnd - 0x11000) / 0x1000 + 1
        #expect(again["skippedSectors"] as? Int == sectors)
        let writesOrErases = served.chip.commandLog.dropFirst(logBefore).filter {
            $0.isLong && [FlashOp.write4K.rawValue, FlashOp.erase.rawValue, FlashOp.erase4K.rawValue].contains($0.code)
        }
        #expect(writesOrErases.isEmpty)
        #expect(served.chip.flash == flash)
    }

    @Test func textOutputShowsTheStepsThePinsAndTheNextStep() throws {
        let dump = try Dumps.load(Dumps.bk7231n)
        let served = try ServedChip(.bk7231n, flash: dump)
        let directory = try TemporaryDirectory()
        let firmware = try Conversion.firmware(for: .bk7231n, in: directory)
        let run = try Subprocess.bktool(["flash", "-p", served.path, firmware.path, "--backup-dir", directory.path("b"),
                                         "--no-pins"])
        #expect(run.status == 0, "\(run.stderr)")
        for step in 1...8 { #expect(run.stdout.contains("[\(step)/8]")) }
        #expect(run.stdout.contains("No pins set (--no-pins)"))
        // Without Wi-Fi the next step is the device's own access point, named from its MAC.
        #expect(run.stdout.contains("access point \"OpenBK7231N_"))
        #expect(!run.stdout.contains("qqqqqqqqqq"), "the default MQTT password is not printed")
    }

    @Test func aTemplateReplacesThePinsFromTheBackup() throws {
        let dump = try Dumps.load(Dumps.bk7231n)
        let served = try ServedChip(.bk7231n, flash: dump)
        let directory = try TemporaryDirectory()
        let firmware = try Conversion.firmware(for: .bk7231n, in: directory)
        let template = #"{"chip": "BK7231N", "board": "test", "pins": {"9": "Rel;1", "11": "Btn;1"}, "command": "startDriver NTP"}"#
        try Data(template.utf8).write(to: URL(fileURLWithPath: directory.path("template.json")))
        let run = try Subprocess.bktool(["flash", "-p", served.path, firmware.path, "--template", directory.path("template.json"),
                                         "--backup-dir", directory.path("b")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("from template") && run.stdout.contains("P9 → Rel;1"))
        let config = try OBKConfig(decoding: served.chip.flash[0x1D1000 ..< 0x1D2000])
        #expect(config.configuredPins.map(\.gpio) == [9, 11])
        #expect(config.startupCommand == "startDriver NTP")
    }

    // MARK: refusals (exit 2, nothing read or written)

    static func expectRefusal(_ personality: ChipPersonality, dump: [UInt8], file: [UInt8], extra: [String] = [],
                              code: String, mentioning words: [String]) throws {
        let served = try ServedChip(personality, flash: dump)
        let directory = try TemporaryDirectory()
        try Data(file).write(to: URL(fileURLWithPath: directory.path("firmware.bin")))
        let run = try Subprocess.bktool(["flash", "-p", served.path, directory.path("firmware.bin"), "--json"]
            + extra + ["--backup-dir", directory.path("backups")])
        #expect(run.status == 2, "\(run.stderr)")
        let error = Conversion.result(run.stdout)["error"] as? [String: Any]
        #expect(error?["code"] as? String == code, "\(run.stdout)")
        for word in words { #expect(run.stderr.contains(word), "\(run.stderr)") }
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(served.chip.flash == dump)
        #expect(Conversion.files(in: directory.path("backups"), endingWith: ".bin").isEmpty)
    }

    @Test func refusesAnEFuseDump() throws {
        let efuse = ChipPersonality.bk7231n.traits.efuse
        try Self.expectRefusal(.bk7231n, dump: try Dumps.load(Dumps.bk7231n), file: efuse,
                               code: "refused-not-firmware", mentioning: ["eFuse dump", "not firmware"])
    }

    @Test func refusesTFirmwareOnAnNChip() throws {
        let directory = try TemporaryDirectory()
        let tFirmware = try Conversion.firmware(for: .bk7231t, in: directory).bytes
        let dump = try Dumps.load(Dumps.bk7231n)
        let served = try ServedChip(.bk7231n, flash: dump)
        try Data(tFirmware).write(to: URL(fileURLWithPath: directory.path("t.bin")))
        let run = try Subprocess.bktool(["flash", "-p", served.path, directory.path("t.bin"), "--json",
                                         "--backup-dir", directory.path("backups")])
        #expect(run.status == 2, "\(run.stderr)")
        let code = (Conversion.result(run.stdout)["error"] as? [String: Any])?["code"] as? String
        #expect(code == "refused-chip-mismatch" || code == "refused-key-mismatch", "\(run.stdout)")
        #expect(run.stderr.contains("BK7231N"))
        #expect(served.chip.flash == dump)
    }

    @Test func refusesAnAppImageAtZero() throws {
        let directory = try TemporaryDirectory()
        let firmware = try Conversion.firmware(for: .bk7231n, in: directory).bytes
        try Self.expectRefusal(.bk7231n, dump: try Dumps.load(Dumps.bk7231n), file: firmware,
                               extra: ["--address", "0x0", "--force"],
                               code: "refused-wrong-offset", mentioning: ["app-only image", "0x11000"])
    }

    @Test func refusesABootloaderOverwriteOnT() throws {
        let dump = try Dumps.load(Dumps.bk7231t)
        try Self.expectRefusal(.bk7231t, dump: dump, file: dump, extra: ["--with-bootloader"],
                               code: "refused-bootloader-protected", mentioning: ["bootloader", "--force"])
    }

    @Test func refusesAnotherDevicesFullDump() throws {
        let other = try Dumps.load("Feconn_FE-MR16-5W_GU5.3_RGBCT_Bulb.bin")
        try Self.expectRefusal(.bk7231n, dump: try Dumps.load(Dumps.bk7231n), file: other, extra: ["--force"],
                               code: "refused-full-dump", mentioning: ["full flash dump", "MAC", "write-flash 0x0"])
    }

    @Test func refusesABackupOfAnotherChip() throws {
        let directory = try TemporaryDirectory()
        let other = try Dumps.load("Feconn_FE-MR16-5W_GU5.3_RGBCT_Bulb.bin")
        let otherChip = try ServedChip(.bk7231n, flash: other)
        let read = try Subprocess.bktool(["read-flash", "-p", otherChip.path, directory.path("other.bin")])
        #expect(read.status == 0, "\(read.stderr)")
        let dump = try Dumps.load(Dumps.bk7231n)
        let served = try ServedChip(.bk7231n, flash: dump)
        let firmware = try Conversion.firmware(for: .bk7231n, in: directory)
        let run = try Subprocess.bktool(["flash", "-p", served.path, firmware.path, "--backup", directory.path("other.bin"),
                                         "--backup-dir", directory.path("backups")])
        #expect(run.status == 2)
        #expect(run.stderr.contains("is not a verified backup of this chip") && run.stderr.contains("MAC"))
        #expect(served.chip.flash == dump)
    }
}
