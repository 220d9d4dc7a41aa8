import BekenDemo
import Foundation
import OpenBekenFake
import OpenBekenLAN
import Testing

/// `bktool obk …` (the real binary) against fake OpenBeken devices on loopback.
@Suite struct OBKEndToEndTests {
    @Test func infoTextAndJSON() throws {
        let device = try FakeOpenBeken()
        defer { device.stop() }
        let text = try Subprocess.bktool(["obk", "info", device.address.description])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("chip:    BK7231N") && text.stdout.contains("version 1.17.100"))
        let json = try Subprocess.bktool(["obk", "info", device.address.description, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let info = object?["info"] as? [String: Any]
        #expect(info?["chipset"] as? String == "BK7231N" && info?["mac"] as? String == "c8:47:8c:00:00:01")
    }

    @Test func passwordNeededThenAccepted() throws {
        var setup = FakeOpenBeken.Setup()
        setup.password = "pw-123"
        let device = try FakeOpenBeken(setup: setup)
        defer { device.stop() }
        let denied = try Subprocess.bktool(["obk", "cmd", device.address.description, "POWER", "--json"])
        #expect(denied.status == 1)
        #expect(denied.stderr.contains("asks for a password") && denied.stderr.contains("--password"))
        #expect(denied.stdout.contains("\"code\":\"auth-required\""))
        let allowed = try Subprocess.bktool(["obk", "cmd", device.address.description, "POWER", "--password", "pw-123"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stdout == "{\"POWER\":\"OFF\"}\n")
    }

    @Test func tasmotaAndNobodyAreClearErrors() throws {
        var setup = FakeOpenBeken.Setup()
        setup.personality = .tasmota
        let tasmota = try FakeOpenBeken(setup: setup)
        defer { tasmota.stop() }
        let result = try Subprocess.bktool(["obk", "info", tasmota.address.description])
        #expect(result.status == 1 && result.stderr.contains("runs Tasmota"))
        let bad = try Subprocess.bktool(["obk", "info", "no such host:70000"])
        #expect(bad.status == 2)
        let directory = try TemporaryDirectory()
        try Data("[1, 2]".utf8).write(to: URL(fileURLWithPath: directory.path("list.json")))
        let badList = try Subprocess.bktool(["obk", "backup", "--from", directory.path("list.json")])
        #expect(badList.status == 2 && badList.stderr.contains("the device list cannot be read"))
    }

    @Test func backupEqualsTheDevicesFlashAndNeverOverwrites() throws {
        // A converted plug: the synthetic Tuya plug's flash (its Tuya store still there) with OpenBeken's config.
        var setup = FakeOpenBeken.Setup()
        setup.flash = SyntheticTuyaPlug.flashImage()
        let device = try FakeOpenBeken(setup: setup)
        defer { device.stop() }
        let directory = try TemporaryDirectory()
        let result = try Subprocess.bktool(["obk", "backup", device.address.description, "--backup-dir", directory.url.path])
        #expect(result.status == 0, "\(result.stderr)")
        let flash = device.flashBytes
        let config = try Data(contentsOf: directory.url.appendingPathComponent("obk_fake_000001_obk-config.bin"))
        let tuya = try Data(contentsOf: directory.url.appendingPathComponent("obk_fake_000001_tuya-config.bin"))
        #expect([UInt8](config) == Array(flash[0x1D1000..<0x1D2000]))
        #expect([UInt8](tuya) == Array(flash[0x1EE000..<0x200000]))
        let sidecar = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.url
            .appendingPathComponent("obk_fake_000001_obk-config.bin.json"))) as? [String: Any]
        #expect(sidecar?["chip"] as? String == "BK7231N" && sidecar?["start"] as? String == "0x1D1000")
        #expect(result.stdout.contains("OpenBeken config: name \"obk_fake\"") && result.stdout.contains("P26=Rel;1"))
        #expect(result.stdout.contains("Tuya config: user_param_key with"), "\(result.stdout)")
        #expect(!result.stdout.contains("not-a-real-password"))
        let again = try Subprocess.bktool(["obk", "backup", device.address.description, "--backup-dir", directory.url.path])
        #expect(again.status == 0)
        #expect(FileManager.default.fileExists(atPath: directory.path("obk_fake_000001_obk-config.1.bin")))
    }

    @Test func fullBackup() throws {
        let device = try FakeOpenBeken()
        defer { device.stop() }
        let directory = try TemporaryDirectory()
        let result = try Subprocess.bktool(["obk", "backup", device.address.description, "--full", "--backup-dir",
                                            directory.url.path, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let bytes = try Data(contentsOf: directory.url.appendingPathComponent("obk_fake_000001_flash.bin"))
        #expect([UInt8](bytes) == device.flashBytes)
    }

    @Test func configRoundTrip() throws {
        let device = try FakeOpenBeken()
        defer { device.stop() }
        let result = try Subprocess.bktool(["obk", "config", device.address.description, "--wifi", "Home Net",
                                            "--wifi-password", "very secret", "--mqtt", "10.1.1.1:1884",
                                            "--mqtt-user", "u1", "--short-name", "lamp", "--pin", "8=Rel;2",
                                            "--pin", "P10=Btn;2", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("very secret"))
        let lines = result.stdout.split(separator: "\n")
        let report = try JSONSerialization.jsonObject(with: Data(lines.last!.utf8)) as? [String: Any]
        let checks = report?["checks"] as? [[String: Any]] ?? []
        #expect(checks.count >= 9 && checks.allSatisfy { $0["matches"] as? Bool == true })
        let refused = try Subprocess.bktool(["obk", "config", device.address.description, "--name", "say \"hi\""])
        #expect(refused.status == 2 && refused.stderr.contains("cannot apply name"))
        let info = try Subprocess.bktool(["obk", "info", device.address.description])
        #expect(info.stdout.contains("name:    lamp") && info.stdout.contains("MQTT:    10.1.1.1:1884"))
    }

    @Test func otaRefusesWrongFilesAndInstallsTheRightOne() throws {
        let device = try FakeOpenBeken()
        defer { device.stop() }
        let directory = try TemporaryDirectory()
        let ua = directory.path("OpenBK7231N_UA_1.0.0.bin")
        try Data(try #require(SyntheticOpenBeken.uaImage())).write(to: URL(fileURLWithPath: ua))
        let refusedUA = try Subprocess.bktool(["obk", "ota", device.address.description, ua])
        #expect(refusedUA.status == 2 && refusedUA.stderr.contains("UA image"), "\(refusedUA.stderr)")

        let tFile = directory.path("OpenBK7231T_1.18.300.rbl")
        try Data(OTAPackage.make(app: FakeReleaseServer.syntheticApp(platform: "OpenBK7231T", version: "x"),
                                 version: "1.18.300")).write(to: URL(fileURLWithPath: tFile))
        let refusedT = try Subprocess.bktool(["obk", "ota", device.address.description, tFile])
        #expect(refusedT.status == 2 && refusedT.stderr.contains("built for BK7231T, this device is a BK7231N"),
                "\(refusedT.stderr)")
        #expect(device.currentVersion == "1.17.100")

        let nFile = directory.path("OpenBK7231N_1.18.300.rbl")
        try Data(OTAPackage.make(app: FakeReleaseServer.syntheticApp(platform: "OpenBK7231N", version: "x"),
                                 version: "1.18.300")).write(to: URL(fileURLWithPath: nFile))
        let accepted = try Subprocess.bktool(["obk", "ota", device.address.description, nFile, "--wait", "15"])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stdout.contains("now \"Build on Dec  4 2026 10:00:00 version 1.18.300\""))
        #expect(device.currentVersion == "1.18.300")
    }

    @Test func otaLatestFromTheReleasesServer() throws {
        let device = try FakeOpenBeken()
        defer { device.stop() }
        let releases = try FakeReleaseServer(tag: "1.18.301")
        defer { releases.stop() }
        let cache = try TemporaryDirectory()
        let result = try Subprocess.bktool(["obk", "ota", device.address.description, "--latest", "--releases-url",
                                            releases.baseURL, "--cache-dir", cache.url.path, "--wait", "15"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("using OpenBK7231N_1.18.301.rbl"))
        #expect(device.currentVersion == "1.18.301")
    }
}

/// Scans and mass operations over 20 fake devices in a loopback /24.
@Suite(.serialized) struct OBKFleetEndToEndTests {
    static let hosts = [3, 9, 17, 22, 40, 41, 58, 77, 90, 101, 120, 133, 150, 166, 180, 199, 203, 220, 241, 250]

    @Test func scanFindsAllTwentyAndTellsTasmotaApart() throws {
        let fleet = try FakeFleet(hosts: Self.hosts + [251]) { index, setup in
            if index == 20 { setup.personality = .tasmota }
            if index == 5 { setup.password = "locked" }
        }
        defer { fleet.stop() }
        let result = try Subprocess.bktool(["obk", "scan", fleet.range, "--port", "\(fleet.port)", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let devices = report?["devices"] as? [[String: Any]] ?? []
        let openBeken = devices.filter { $0["kind"] as? String == "openbeken" }
        #expect(openBeken.count == 20)
        #expect(Set(openBeken.compactMap { $0["ip"] as? String }) == Set(Self.hosts.map { "\(fleet.subnet).\($0)" }))
        #expect(devices.filter { $0["kind"] as? String == "tasmota" }.map { $0["ip"] as? String } == ["\(fleet.subnet).251"])
        #expect(report?["scanned"] as? Int == 254)
        // The device behind a web password is found, its details are not.
        #expect(openBeken.first { $0["ip"] as? String == "\(fleet.subnet).41" }?["build"] as? String == "(password needed)")
        let table = try Subprocess.bktool(["obk", "scan", fleet.range, "--port", "\(fleet.port)"])
        #expect(table.stdout.contains("20 OpenBeken, 1 Tasmota among 254 addresses"))
    }

    @Test func massBackupSurvivesAStoppedDevice() throws {
        let fleet = try FakeFleet(hosts: Self.hosts)
        defer { fleet.stop() }
        let directory = try TemporaryDirectory()
        let scan = try Subprocess.bktool(["obk", "scan", fleet.range, "--port", "\(fleet.port)", "--json"])
        #expect(scan.status == 0)
        let list = directory.path("devices.json")
        try Data(scan.stdout.utf8).write(to: URL(fileURLWithPath: list))
        let stopped = fleet.devices[7]
        stopped.stop()
        let result = try Subprocess.bktool(["obk", "backup", "--from", list, "--backup-dir", directory.path("backups")])
        #expect(result.status == 1)
        #expect(result.stdout.contains("19 of 20 devices: backup done"), "\(result.stdout)")
        let failedLines = result.stdout.split(separator: "\n").filter { $0.contains("FAILED: ") }
        #expect(failedLines.count == 1 && failedLines[0].hasPrefix("\(stopped.address) ") && failedLines[0].contains("unreachable"))
        #expect(result.stderr.contains("1 of 20 devices failed: \(stopped.address)"))
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path("backups"))
        #expect(files.filter { $0.hasSuffix("_obk-config.bin") }.count == 19)
        for (index, device) in fleet.devices.enumerated() where index != 7 {
            let name = String(format: "plug%d_%06x_obk-config.bin", index + 1, index)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: directory.path("backups/\(name)")))
            #expect([UInt8](bytes) == Array(device.flashBytes[0x1D1000..<0x1D2000]))
        }
    }
    @Test func massOTAUpdatesItsChipAndRefusesTheOther() throws {
        let fleet = try FakeFleet(hosts: [5, 6, 7]) { index, setup in
            if index == 1 { setup.chipset = "BK7231T" }
        }
        defer { fleet.stop() }
        let directory = try TemporaryDirectory()
        let scan = try Subprocess.bktool(["obk", "scan", "\(fleet.subnet).1-10", "--port", "\(fleet.port)", "--json"])
        let list = directory.path("devices.json")
        try Data(scan.stdout.utf8).write(to: URL(fileURLWithPath: list))
        let file = directory.path("OpenBK7231N_1.18.400.rbl")
        try Data(OTAPackage.make(app: FakeReleaseServer.syntheticApp(platform: "OpenBK7231N", version: "x"),
                                 version: "1.18.400")).write(to: URL(fileURLWithPath: file))
        let result = try Subprocess.bktool(["obk", "ota", "--from", list, file, "--wait", "15"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("2 of 3 devices: OTA done"), "\(result.stdout)")
        #expect(result.stdout.contains("built for BK7231N, this device is a BK7231T"))
        #expect(fleet.devices.map(\.currentVersion) == ["1.18.400", "1.17.100", "1.18.400"])
    }
}

/// `bktool firmware …` against a local releases server.
@Suite struct FirmwareEndToEndTests {
    @Test func fetchPicksThePlainQIOAndWorksOffline() throws {
        let server = try FakeReleaseServer()
        let cache = try TemporaryDirectory()
        let arguments = ["firmware", "fetch", "--chip", "bk7231n", "--releases-url", server.baseURL,
                         "--cache-dir", cache.url.path, "--json"]
        let first = try Subprocess.bktool(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any]
        #expect(report?["name"] as? String == "OpenBK7231N_QIO_1.18.292.bin")
        #expect(report?["source"] as? String == "downloaded")
        let path = try #require(report?["path"] as? String)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(server.files["OpenBK7231N_QIO_1.18.292.bin"]!))
        server.stop()
        let second = try Subprocess.bktool(arguments)
        #expect(second.status == 0, "\(second.stderr)")
        let offline = try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any]
        #expect(offline?["source"] as? String == "cached-offline" && offline?["path"] as? String == path)
        let list = try Subprocess.bktool(["firmware", "list", "--chip", "bk7231n", "--releases-url", server.baseURL,
                                          "--cache-dir", cache.url.path])
        #expect(list.status == 0 && list.stdout.contains("OpenBK7231N_QIO_1.18.292.bin"))
    }

    @Test func unknownVariantIsAClearError() throws {
        let server = try FakeReleaseServer()
        defer { server.stop() }
        let cache = try TemporaryDirectory()
        let result = try Subprocess.bktool(["firmware", "fetch", "--chip", "bk7231n", "--variant", "nope",
                                            "--releases-url", server.baseURL, "--cache-dir", cache.url.path])
        #expect(result.status == 1 && result.stderr.contains("has no OpenBK7231N_QIO_1.18.292_nope.bin"))
    }
}
