import Foundation
import OpenBekenFake

// bench/obk-scan: times `bktool obk scan` over 254 loopback addresses with 20 fake OpenBeken devices.
let arguments = CommandLine.arguments
func option(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}
let bktool = option("--bktool") ?? ".build/debug/bktool"
let runs = Int(option("--runs") ?? "3") ?? 3
let target = 3.0
let hosts = [3, 9, 17, 22, 40, 41, 58, 77, 90, 101, 120, 133, 150, 166, 180, 199, 203, 220, 241, 250]

let fleet = try FakeFleet(hosts: hosts + [251]) { index, setup in
    if index == hosts.count { setup.personality = .tasmota }
}
print("obk scan: \(fleet.range) port \(fleet.port), 20 OpenBeken + 1 Tasmota among 254 addresses, target < \(target) s")
var failed = false
for run in 1...runs {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: bktool)
    process.arguments = ["obk", "scan", fleet.range, "--port", "\(fleet.port)", "--json"]
    let pipe = Pipe()
    process.standardOutput = pipe
    let started = Date()
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let seconds = Date().timeIntervalSince(started)
    let report = try JSONSerialization.jsonObject(with: output) as? [String: Any]
    let devices = report?["devices"] as? [[String: Any]] ?? []
    let found = devices.filter { $0["kind"] as? String == "openbeken" }.count
    let ok = process.terminationStatus == 0 && found == hosts.count && seconds < target
    failed = failed || !ok
    print(String(format: "run %d: %.2f s wall (process start to exit), %d of %d found, ratio to target %.2f — %@",
                 run, seconds, found, hosts.count, seconds / target, ok ? "ok" : "MISSED"))
}
fleet.stop()
exit(failed ? 1 : 0)
