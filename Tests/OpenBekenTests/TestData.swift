import Foundation
import BekenTestSupport

/// The shared real dumps (`shared/dumps` beside the package folder, never copied; docs/TESTING.md "Real data") and the TuyaConfig fixtures.
enum TestData {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let dumps = SharedDumps.directory

    static let dumpNames: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dumps.path)) ?? []
        return names.filter { $0.hasSuffix(".bin") }.sorted()
    }()

    static func dump(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: dumps.appendingPathComponent(name)))
    }

    static func fixture(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: testsDirectory.appendingPathComponent("TuyaConfigTests/Fixtures/\(name)")))
    }

    /// The peers' pins for a dump: the OpenBeken web app's template when it made one, else Easy Flasher's
    /// OBK config writes (`peer-outputs/<name>.txt`, sections 5–6). Web-app PWM channels are 1..5 like ours.
    static func peerPins(_ dumpName: String) throws -> [Int: String] {
        var base = dumpName
        while base.hasSuffix(".bin") { base = String(base.dropLast(4)) }
        let text = try String(contentsOf: dumps.appendingPathComponent("peer-outputs/\(base).txt"), encoding: .utf8)
        if let start = text.range(of: "template JSON:\n") {
            let rest = text[start.upperBound...]
            if let end = rest.range(of: "\n}\n") {
                let json = Data(rest[..<end.upperBound].utf8)
                let object = try JSONSerialization.jsonObject(with: json) as! [String: Any]
                let pins = object["pins"] as! [String: String]
                return Dictionary(uniqueKeysWithValues: pins.map { (Int($0.key)!, $0.value) })
            }
        }
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("OBK config writes by the flasher") }),
            let brace = line.firstIndex(of: "{")
        else { return [:] }
        let object = try JSONSerialization.jsonObject(with: Data(line[brace...].utf8)) as! [String: String]
        return Dictionary(uniqueKeysWithValues: object.map { (Int($0.key)!, $0.value) })
    }
}
