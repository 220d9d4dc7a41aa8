import BekenDemo
import BekenImage
import Foundation
import OpenBekenFake
import Testing
@testable import OpenBekenLAN

/// OTA package checks: only an OpenBeken `.rbl` for the device's chip gets through.
@Suite struct OTAPackageTests {
    let app = FakeReleaseServer.syntheticApp(platform: "OpenBK7231N", version: "1.18.300")

    @Test func roundTripOpensAndNamesItsChip() throws {
        let file = OTAPackage.make(app: app, version: "1.18.300")
        let package = try OTAPackage(opening: file)
        #expect(package.app == app)
        #expect(package.chipset == "BK7231N" && package.version == "1.18.300")
        #expect(package.header.encryption == 2 && package.header.compression == 1)
        try package.check(forChipset: "BK7231N")
        #expect(throws: LANError.self) { try package.check(forChipset: "BK7231T") }
    }

    /// The payload really is AES-256-CBC (key and IV from OpenBeken's build scripts) over gzip (1F 8B).
    @Test func payloadIsEncryptedGzip() throws {
        let file = OTAPackage.make(app: app, version: "1")
        #expect(!file[96...].starts(with: [0x1F, 0x8B]))
        let plain = try #require(Gzip.inflate(Gzip.deflate(app), capacity: app.count))
        #expect(plain == app)
        #expect(Gzip.deflate(app).starts(with: [0x1F, 0x8B]))
    }

    @Test func refusals() throws {
        func reason(_ bytes: [UInt8]) -> String? {
            do {
                _ = try OTAPackage(opening: bytes)
                return nil
            } catch {
                return error.fact("reason")
            }
        }
        let good = OTAPackage.make(app: app, version: "1.18.300")
        let ua = try #require(SyntheticOpenBeken.uaImage())
        #expect(reason(ua) == "ua-image")
        // Tuya UG: a 32-byte header (55 AA 55 AA … AA 55 AA 55) in front of an RBL package.
        var ug = [UInt8](repeating: 0, count: 32)
        ug[0...3] = [0x55, 0xAA, 0x55, 0xAA]
        ug[0x1C...0x1F] = [0xAA, 0x55, 0xAA, 0x55]
        #expect(reason(ug + good) == "tuya-ug")
        var damaged = good
        damaged[200] ^= 0x01
        #expect(reason(damaged) == "payload-crc")
        #expect(reason(Array(good.prefix(500))) == "truncated")
        #expect(reason(Array("hello".utf8)) == "not-rbl")
        // A plain (unencrypted) RBL: not OpenBeken's packaging.
        let plainHeader = RBLHeader(timestamp: 0, name: "app", version: "1", payloadCRC32: CRC32.checksum(app),
                                    payloadHash: FNV1a32.hash(app), rawSize: UInt32(app.count), packageSize: UInt32(app.count))
        #expect(reason(plainHeader.serialized() + app) == "not-openbeken-rbl")
        let tApp = FakeReleaseServer.syntheticApp(platform: "OpenBK7231T", version: "1")
        let tPackage = try OTAPackage(opening: OTAPackage.make(app: tApp, version: "1"))
        do {
            try tPackage.check(forChipset: "BK7231N")
            Issue.record("a T build passed for an N device")
        } catch {
            #expect(error.fact("reason") == "other-chip" && error.fact("fileChip") == "BK7231T")
        }
    }

    @Test func updateInstallsAndConfirms() throws {
        let device = try FakeOpenBeken()
        defer { device.stop() }
        let update = OTAUpdate(client: OBKClient(address: device.address), returnLimit: .seconds(10))
        let outcome = try update.run(package: OTAPackage.make(app: app, version: "1.18.300"))
        #expect(outcome.after.version == "1.18.300" && outcome.before.version == "1.17.100")
        #expect(device.currentVersion == "1.18.300")
        // The other chip's build never reaches the device.
        let tApp = FakeReleaseServer.syntheticApp(platform: "OpenBK7231T", version: "9")
        #expect(throws: LANError.self) { try update.run(package: OTAPackage.make(app: tApp, version: "9.9.9")) }
        #expect(device.currentVersion == "1.18.300")
    }

    @Test func anUpdateThatDidNotTakeIsReported() throws {
        var setup = FakeOpenBeken.Setup()
        setup.ignoresOTA = true
        let device = try FakeOpenBeken(setup: setup)
        defer { device.stop() }
        do {
            _ = try OTAUpdate(client: OBKClient(address: device.address), returnLimit: .seconds(10))
                .run(package: OTAPackage.make(app: app, version: "1.18.300"))
            Issue.record("an update that did not take was reported as done")
        } catch {
            #expect(error.code == .buildUnchanged && error.fact("expected") == "1.18.300")
        }
    }

    @Test func aDeviceThatStaysDownIsReported() throws {
        var setup = FakeOpenBeken.Setup()
        setup.downTime = .seconds(30)
        let device = try FakeOpenBeken(setup: setup)
        defer { device.stop() }
        do {
            _ = try OTAUpdate(client: OBKClient(address: device.address, timeout: .milliseconds(500)),
                              returnLimit: .seconds(2)).run(package: OTAPackage.make(app: app, version: "1.18.300"))
            Issue.record("a device that never came back was reported as updated")
        } catch {
            #expect(error.code == .deviceDidNotReturn && error.fact("seenDown") == "yes")
        }
    }
}
