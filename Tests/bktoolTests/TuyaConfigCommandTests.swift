import ArgumentParser
import Foundation
import Testing
@testable import bktool
import BekenTestSupport

struct TuyaConfigCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TuyaConfigTests/Fixtures")
    static let dumps = SharedDumps.directory

    func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    @Test func templateModePrintsTheTemplateOfSeed002() throws {
        let text = try TuyaConfigCommand.render(
            try bytes(Self.fixtures.appendingPathComponent("seed002-user_param_key.json")), mode: .template)
        #expect(text.contains("""
             "pins": {
              "6": "TglChanOnTgl;1",
              "8": "WifiLED_n;0",
              "24": "Btn_Tgl_All;0",
              "26": "Rel;1"
             },
            """))
        #expect(text.contains("\"chip\": \"BK7231N\""))
    }

    @Test func jsonModeIsOneDocumentWithOkTrue() throws {
        let dump = Self.dumps.appendingPathComponent("ELEGRP_DPR10_Touch_Dimmer_Switch_TuyaMCU.bin")
        let text = try TuyaConfigCommand.render(try bytes(dump), mode: .json)
        #expect(!text.contains("\n"))
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        #expect(object?["ok"] as? Bool == true)
        #expect((object?["tuyaMCU"] as? [String: Any])?["baud"] as? Int == 9600)
        #expect(object?["command"] as? String == "startDriver TuyaMCU")
        #expect(object?["secretsShown"] as? Bool == false)
    }

    @Test func badInputsMapToExitCode2WithHints() {
        for (input, code) in [([UInt8](), "no-tuya-config"), ([UInt8](repeating: 0xFF, count: 0x12000), "no-tuya-store"),
                              (Array("just text\n".utf8), "no-tuya-config")] {
            do {
                _ = try TuyaConfigCommand.render(input, mode: .report)
                Issue.record("expected a failure for \(code)")
            } catch let error as CLIFailureConvertible {
                #expect(error.cliFailure.kind == .badInput)
                #expect(error.cliFailure.code == code)
                #expect(!error.cliFailure.hint.isEmpty)
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }

    @Test func onlyOneOutputModeAtATime() {
        #expect(throws: (any Error).self) { try TuyaConfigCommand.parse(["x.bin", "--json", "--template"]) }
        #expect((try? TuyaConfigCommand.parse(["x.bin", "--script"]))?.mode == .script)
    }
}
