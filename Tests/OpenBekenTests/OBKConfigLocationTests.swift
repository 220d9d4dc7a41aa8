import Testing
@testable import OpenBeken

@Suite struct OBKConfigLocationTests {
    @Test func offsetsPerChip() {
        #expect(OBKConfigLocation.sectorOffset(forChip: "bk7231n") == 0x1D1000)
        #expect(OBKConfigLocation.sectorOffset(forChip: "BK7231M") == 0x1D1000)
        for chip in ["BK7231T", "bk7231u", "BK7238", "BK7252", "BK7252N"] {
            #expect(OBKConfigLocation.sectorOffset(forChip: chip) == 0x1E1000)
        }
        #expect(OBKConfigLocation.sectorOffset(forChip: "esp32") == nil)
    }

    @Test func findsConfigInFullDumpLikeEasyFlasher() throws {
        var config = OBKConfig()
        config.wifiSSID = "net"
        let sector = try config.encodedSector()
        for offset in [0x1D1000, 0x1E1000] {
            var dump = [UInt8](repeating: 0xFF, count: 0x200000)
            dump.replaceSubrange(offset..<(offset + 4096), with: sector)
            let found = try OBKConfigLocation.find(in: dump)
            #expect(found.offset == offset)
            #expect(found.config.wifiSSID == "net")
        }
        let bare = try OBKConfigLocation.find(in: sector)
        #expect(bare.offset == 0 && bare.config == config)
    }

    @Test func reportsEveryPlaceTried() {
        let dump = [UInt8](repeating: 0xFF, count: 0x200000)
        do {
            _ = try OBKConfigLocation.find(in: dump)
            Issue.record("an erased dump has no config")
        } catch {
            guard case let .notFound(tried, reasons) = error else { Issue.record("\(error)"); return }
            #expect(tried == [0x1D1000, 0x1E1000])
            #expect(reasons.count == 2)
            #expect(error.description.contains("0x1D1000"))
        }
    }
}
