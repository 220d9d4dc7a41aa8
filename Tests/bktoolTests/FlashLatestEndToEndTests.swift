import BekenDemo
import Foundation
import OpenBekenFake
import Testing

/// `bktool flash --latest` (issue 14): the conversion identifies the chip, fetches that chip's QIO build from a
/// releases server of GitHub's shape on loopback, writes its app part, and a later run takes the file from the
/// cache while the server is down.
@Suite(.serialized) struct FlashLatestEndToEndTests {
    @Test func fetchesTheChipsReleaseConvertsAndReusesTheCacheOffline() throws {
        let tag = "1.18.292"
        let qio = SyntheticOpenBeken.qioImage(for: .bk7231n, version: tag)!
        let app = SyntheticOpenBeken.uaImage(for: .bk7231n, version: tag)!
        let releases = try FakeReleaseServer(tag: tag, replacing: ["OpenBK7231N_QIO_\(tag).bin": qio])
        let dump = try Dumps.load(Dumps.bk7231n)
        let served = try ServedChip(.bk7231n, flash: dump)
        let directory = try TemporaryDirectory()
        let cache = directory.path("cache")
        let arguments = ["flash", "-p", served.path, "--latest", "--releases-url", releases.baseURL, "--cache-dir", cache]
            + Conversion.options(backupDir: directory.path("backups"))

        let first = try Subprocess.bktool(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        let result = Conversion.result(first.stdout)
        #expect(result["ok"] as? Bool == true && result["verified"] as? Bool == true)
        #expect(result["release"] as? String == tag && result["firmwareSource"] as? String == "downloaded")
        #expect((result["firmware"] as? String ?? "").hasSuffix("/\(tag)/OpenBK7231N_QIO_\(tag).bin"))
        #expect(releases.requests.contains("/download/\(tag)/OpenBK7231N_QIO_\(tag).bin"))
        // The QIO's app part is what the chip now holds at 0x11000 (its own bootloader kept).
        #expect(Array(served.chip.flash[0x11000 ..< 0x11000 + app.count]) == app)
        #expect(Array(served.chip.flash[0 ..< 0x11000]) == Array(dump[0 ..< 0x11000]))

        // The server is gone: the cached file (size and SHA-256 checked) is used, and nothing is left to write.
        releases.stop()
        let second = try Subprocess.bktool(arguments)
        #expect(second.status == 0, "\(second.stderr)")
        let again = Conversion.result(second.stdout)
        #expect(again["firmwareSource"] as? String == "cached-offline")
        #expect(again["writtenSectors"] as? Int == 0)
    }

    @Test func aFileAndLatestTogetherIsAUsageError() throws {
        let run = try Subprocess.bktool(["flash", "-p", "/dev/null", "firmware.bin", "--latest"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("FIRMWARE file or --latest"))
    }
}
