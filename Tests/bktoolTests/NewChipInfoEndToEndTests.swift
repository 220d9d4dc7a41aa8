import BekenDemo
import BekenEmulator
import Foundation
import Testing

/// `bktool chip-info --json` over a pty for every personality of issue 13: chip (in the user's words), flash, MAC.
@Suite(.serialized) struct NewChipInfoEndToEndTests {
    /// personality, expected chip, flash ID, flash part, where the MAC sits in the flash given to the chip.
    static let cases: [(ChipPersonality, String, String, String)] = [
        (.bk7238, "BK7238", "85 42 15", "Puya P25Q16HB"),
        (.bk7238T1U, "BK7238", "85 20 15", "Puya P25Q16HBK"),
        (.bk7231m, "BK7231M", "EB 60 15", "TH TH25Q16HB"),
        (.bk7252n, "BK7252N", "EB 60 15", "TH TH25Q16HB"),
    ]

    @Test(arguments: cases)
    func chipInfoNamesChipFlashAndMAC(personality: ChipPersonality, chip: String, flashID: String, part: String) throws {
        // The T1 plug's RF sector sits at 0x1E3000 (factory layout); the others get it at their family's offset.
        var image = personality.kind == .bk7238 ? SyntheticT1Plug.flashImage() : SyntheticTuyaPlug.flashImage()
        if personality == .bk7252n {
            let rf = Array(image[0x1D_0000..<0x1D_1000])
            image.replaceSubrange(0x1E_0000..<0x1E_1000, with: rf)
        }
        let served = try ServedChip(personality, flash: image)
        let result = try Subprocess.bktool(["chip-info", "-p", served.path, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(lastLine(result.stdout).utf8)) as? [String: Any])
        #expect(json["chip"] as? String == chip)
        #expect(json["flashID"] as? String == flashID)
        #expect(json["flashChip"] as? String == part)
        #expect(json["protocolVariant"] as? String == "FULL")
        let mac = personality.kind == .bk7238 ? SyntheticT1Plug.macString : SyntheticTuyaPlug.macString
        #expect((json["mac"] as? String)?.lowercased() == mac)
        if personality.kind == .bk7238 {
            #expect(json["moduleSeries"] as? [String] == ["T1"])
            let text = try Subprocess.bktool(["chip-info", "-p", served.path])
            #expect(text.stdout.contains("BK7238 (chip ID 0x7238), Tuya T1 module family (T1-2S"), "\(text.stdout)")
        }
    }

    @Test("BK7231U (Beken bootloader, BASIC_BEKEN): chip-info names it, its flash size and MAC without ReadReg")
    func bk7231u() throws {
        // The U keeps its RF calibration at 0x1E0000 (BK7231GUIFlashTool OBKFlashLayout.cs).
        var image = SyntheticTuyaPlug.flashImage()
        image.replaceSubrange(0x1E_0000..<0x1E_1000, with: image[0x1D_0000..<0x1D_1000])
        let served = try ServedChip(.bk7231u, flash: image)
        let result = try Subprocess.bktool(["chip-info", "-p", served.path, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(lastLine(result.stdout).utf8)) as? [String: Any])
        #expect(json["chip"] as? String == "BK7231U")
        #expect(json["protocolVariant"] as? String == "BASIC_BEKEN")
        #expect(json["flashSize"] as? Int == 0x20_0000)
        #expect((json["mac"] as? String)?.lowercased() == SyntheticTuyaPlug.macString)
    }

    @Test("inspect of the T1 plug: the chip in module words, RF at 0x1E3000 to move, Tuya KV at 0x1F5000")
    func inspectT1Plug() throws {
        let directory = try TemporaryDirectory()
        let file = directory.path("t1-plug.bin")
        try Data(SyntheticT1Plug.flashImage()).write(to: URL(fileURLWithPath: file))
        let result = try Subprocess.bktool(["inspect", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("BK7238 (Tuya T1 module family)"), "\(result.stdout)")
        #expect(result.stdout.contains("TLV at 0x1E3000"), "\(result.stdout)")
        #expect(result.stdout.contains("Tuya T1 factory place; OpenBeken reads it at 0x1E0000"), "\(result.stdout)")
        #expect(result.stdout.contains("0x1F5000 (0xB000 bytes"), "\(result.stdout)")
        let json = try Subprocess.bktool(["inspect", file, "--json"])
        #expect(json.stdout.contains("\"rfCalibrationMove\""), "\(json.stdout.prefix(400))")
    }
}

/// The result document: the last line of `--json` output (progress events come before it).
private func lastLine(_ text: String) -> String { text.split(separator: "\n").last.map(String.init) ?? "" }
