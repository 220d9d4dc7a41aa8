import Foundation
import OpenBekenLAN

/// The per-device result of a mass operation: printed as a table (or JSON), exit 1 if any device failed.
struct MassReport: Encodable {
    struct Row: Encodable {
        let device: String
        let ok: Bool
        let result: String
        let error: String?
    }

    let ok: Bool
    let devices: [Row]

    init(rows: [Row]) {
        devices = rows
        ok = rows.allSatisfy(\.ok)
    }

    static func row<Value>(_ result: MassOperation.Result<Value>, describe: (Value) -> String) -> Row {
        switch result.outcome {
        case .success(let value):
            return Row(device: result.device.description, ok: true, result: describe(value), error: nil)
        case .failure(let error):
            let failure = (error as? CLIFailureConvertible)?.cliFailure
                ?? .failed("unexpected", String(describing: error), hint: "please report this")
            return Row(device: result.device.description, ok: false, result: failure.message, error: failure.code)
        }
    }

    /// Prints the table (or the JSON document) and fails when any device failed.
    func finish(json: Bool, verb: String) throws {
        if json {
            JSONOutput.emit(self)
        } else {
            let width = max(6, devices.map(\.device.count).max() ?? 0)
            var text = "\("device".padding(toLength: width, withPad: " ", startingAt: 0))  result\n"
            for row in devices {
                text += "\(row.device.padding(toLength: width, withPad: " ", startingAt: 0))  "
                    + (row.ok ? "ok: " : "FAILED: ") + row.result + "\n"
            }
            let failed = devices.filter { !$0.ok }.count
            text += "\(devices.count - failed) of \(devices.count) devices: \(verb) done\n"
            Terminal.writeOutput(text)
        }
        let failed = devices.filter { !$0.ok }
        if !failed.isEmpty {
            throw CLIFailure.failed("some-devices-failed", "\(failed.count) of \(devices.count) devices failed: "
                + failed.map(\.device).joined(separator: ", "),
                hint: "see the table above; run the verb again for those devices")
        }
    }
}
