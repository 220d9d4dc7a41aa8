import Foundation
import OpenBekenFake
import Testing
import FirmwareReleases

/// Finding, downloading and caching release assets against a local server of GitHub's shape.
@Suite struct FirmwareReleaseTests {
    @Test func assetNamesFollowOpenBekensWorkflow() {
        #expect(FirmwareRequest(chip: "bk7231n").assetName(tag: "1.18.292") == "OpenBK7231N_QIO_1.18.292.bin")
        #expect(FirmwareRequest(chip: "BK7231T", kind: .ua).assetName(tag: "1.18.292") == "OpenBK7231T_UA_1.18.292.bin")
        #expect(FirmwareRequest(chip: "bk7231n", kind: .ota, variant: "berry").assetName(tag: "1.2.3") == "OpenBK7231N_1.2.3_berry.rbl")
        #expect(FirmwareRequest(chip: "bk7231n", variant: "default").variant == nil)
        #expect(VersionOrder.less("1.18.292", "1.18.1000") && !VersionOrder.less("1.18.292", "1.18.292"))
    }

    @Test func fetchCachesAndWorksOffline() async throws {
        let server = try FakeReleaseServer()
        let cacheDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("bktool-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cacheDirectory) }
        let finder = ReleaseFinder(baseURL: server.baseURL, cache: FirmwareCache(directory: cacheDirectory), timeout: 5)

        let document = try await finder.release(version: nil)
        let listed = document.firmware(forChip: "bk7231n")
        #expect(Set(listed.map(\.name)) == ["OpenBK7231N_QIO_1.18.292.bin", "OpenBK7231N_UA_1.18.292.bin",
                                            "OpenBK7231N_QIO_1.18.292_berry.bin", "OpenBK7231N_1.18.292.rbl",
                                            "OpenBK7231N_1.18.292_berry.rbl"])

        let first = try await finder.fetch(FirmwareRequest(chip: "bk7231n"))
        #expect(first.entry.name == "OpenBK7231N_QIO_1.18.292.bin" && first.source == .downloaded)
        #expect(try Data(contentsOf: first.path) == Data(server.files["OpenBK7231N_QIO_1.18.292.bin"]!))
        let again = try await finder.fetch(FirmwareRequest(chip: "bk7231n"))
        #expect(again.source == .cached)

        server.stop()
        let offline = try await finder.fetch(FirmwareRequest(chip: "bk7231n"))
        #expect(offline.source == .cachedOffline && offline.entry.sha256 == first.entry.sha256)
        do {
            _ = try await finder.fetch(FirmwareRequest(chip: "bk7231t"))
            Issue.record("nothing cached for T, yet it succeeded offline")
        } catch {
            #expect(error.code == .offlineNothingCached)
        }
    }

    @Test func damagedCacheIsNotReused() async throws {
        let server = try FakeReleaseServer()
        defer { server.stop() }
        let cacheDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("bktool-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cacheDirectory) }
        let finder = ReleaseFinder(baseURL: server.baseURL, cache: FirmwareCache(directory: cacheDirectory), timeout: 5)
        let first = try await finder.fetch(FirmwareRequest(chip: "bk7231t", kind: .ota))
        try Data("tampered".utf8).write(to: first.path)
        let second = try await finder.fetch(FirmwareRequest(chip: "bk7231t", kind: .ota))
        #expect(second.source == .downloaded)
        #expect(try Data(contentsOf: second.path) == Data(server.files["OpenBK7231T_1.18.292.rbl"]!))
    }

    /// The system curl's outcomes come back typed: HTTP 404 as asset-not-found, a closed port as download-failed.
    @Test func curlFailuresAreTyped() async throws {
        let server = try FakeReleaseServer()
        let cacheDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("bktool-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cacheDirectory) }
        let finder = ReleaseFinder(baseURL: server.baseURL, cache: FirmwareCache(directory: cacheDirectory), timeout: 5)
        do {
            _ = try await finder.release(version: "9.9.9")
            Issue.record("a missing tag was found")
        } catch {
            #expect(error.code == .assetNotFound && error.facts["reason"] == "HTTP 404")
        }
        server.stop()
        do {
            _ = try await finder.release(version: nil)
            Issue.record("a stopped server answered")
        } catch {
            #expect(error.code == .downloadFailed && !(error.facts["reason"] ?? "").isEmpty)
        }
    }
}
