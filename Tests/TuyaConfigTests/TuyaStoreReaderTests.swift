import Testing
@testable import TuyaConfig
import BekenTestSupport

/// The real dumps against the peers' extractions (`shared/dumps/peer-outputs` beside the package folder; docs/TESTING.md "Real data").
struct TuyaStoreDumpTests {
    @Test(arguments: TestData.dumpNames)
    func keysEqualThePeerReader(dump: String) throws {
        let store = try TuyaStoreReader.read(try TestData.dump(dump))
        let peer = try PeerOutput(dumpName: dump)
        // Same keys, same order as the whole-store reader outputs beside the real dumps (docs/TESTING.md "Real data").
        #expect(store.keyNames == peer.readerKeys)
        // Everything bk7231tools lists is there too …
        #expect(Set(peer.bk7231toolsKeys).isSubset(of: Set(store.keyNames)))
        #expect(store.offset == peer.storeOffset)
        // … and every value verifies.
        #expect(store.health.isHealthy)
        #expect(store.keys.allSatisfy { $0.checksumOK })
        // Live blocks: one per id, the rest are skipped older copies (BK7231GUIFlashTool TuyaConfig.cs ParseVaultKvStorage).
        let blocks = peer.dataBlocks
        #expect(store.health.dataSectors == blocks.count)
        #expect(store.health.liveBlocks == Set(blocks.map(\.id)).count)
        #expect(store.health.staleCopies == blocks.count - Set(blocks.map(\.id)).count)
    }

    /// bk7231tools reads only the first 32 KiB of the store, so it misses keys whose index page is in block
    /// id ≥ 7 (BK7231GUIFlashTool TuyaConfig.cs ParseVaultKvStorage); we read the whole store and find them.
    @Test(arguments: [
        ("BK7231N_LSPA9_Clone_First_ByDarkMan-topic3887748.bin", ["mf_test_close"]),
        ("Feconn_FE-MR16-5W_GU5.3_RGBCT_Bulb.bin", ["timer_arr"]),
    ])
    func findsKeysBeyondBk7231toolsWindow(dump: String, missed: [String]) throws {
        let store = try TuyaStoreReader.read(try TestData.dump(dump))
        let peer = try PeerOutput(dumpName: dump)
        let extra = store.keyNames.filter { !peer.bk7231toolsKeys.contains($0) }
        #expect(extra == missed)
        for name in missed { #expect(store.keys.first { $0.name == name }!.indexBlock >= 7) }
    }

    @Test(arguments: TestData.dumpNames)
    func userParamKeyEqualsStoredText(dump: String) throws {
        let config = try TuyaConfigReader.read(try TestData.dump(dump))
        let peer = try PeerOutput(dumpName: dump)
        if let raw = peer.rawUserParamKey, !raw.isEmpty {
            #expect(config.userParamKey?.tuyaText == raw)
        } else {
            #expect(config.userParamKey == nil)
        }
    }

    @Test func rotatedDumpsHaveTheirStoreAt0x1DD000() throws {
        let store = try TuyaStoreReader.read(try TestData.dump("LED_Moon_18W_CCT_Kobi.bin"))
        #expect(store.offset == 0x1D_D000)
    }

    @Test func regionFileIsRecognised() throws {
        let bytes = try TestData.dump("BK7231T_TuyaConfig_PC44HA.bin")
        let config = try TuyaConfigReader.read(bytes)
        #expect(config.source == .storeRegion)
        #expect(config.store?.offset == 0)
        #expect(config.platform == "BK7231S_2M")
        // user_param_key there is split over non-contiguous pages (parts (0,3,3),(0,5,6)) — bk7231tools analysis/kvstorage.py KVStorage.read_value.
        #expect(config.userParamKey?["sel_pin_lv"] == "0")
    }

    @Test func tuyaMCUDumpHasBaud9600AndNoPins() throws {
        let config = try TuyaConfigReader.read(try TestData.dump("ELEGRP_DPR10_Touch_Dimmer_Switch_TuyaMCU.bin"))
        #expect(config.baudRate == 9600)
        #expect(config.userParamKey == nil)
        #expect(config.notes.contains { $0.contains("TuyaMCU") })
    }

    @Test func appOnlyConfigIsSaidPlainly() throws {
        let config = try TuyaConfigReader.read(try TestData.dump("Daybetter_FLSL501115WIFITY_RGB_LED_Strip.bin"))
        #expect(config.userParamKey == nil)
        #expect(config.baudRate == nil)
        #expect(config.notes.contains { $0.contains("compiled into the application") })
    }

    @Test func dumpsCarrySecretsThatWeCanName() throws {
        // Guard for the leak tests in OpenBekenTests: there must be something to look for.
        let config = try TuyaConfigReader.read(try TestData.dump("BK7231T_TuyaConfig_PC44HA.bin"))
        #expect(config.secretStrings.count >= 5)
        let redacted = config.storeValues(showSecrets: false).map { $0.value.jsonText }.joined()
        let leaked = config.secretStrings.filter { redacted.contains($0) }.count
        #expect(leaked == 0)
    }
}

struct TuyaStoreFormatTests {
    /// bk7231tools analysis/kvstorage.py make_data_aes test vector (Mirabella Genio): device key → data key. Compared as a Bool so a failure
    /// prints no key material.
    @Test func dataKeyDerivationMatchesReferenceVector() {
        let device = hexBytes("5ee63fc6d7cd3654aac83cc83bde1f03")
        let expected = hexBytes("de65c2486066e0e94f6ed36ae78ec499")
        let matches = TuyaStoreFormat.dataKey(deviceKey: device) == expected
        #expect(matches)
    }

    /// bk7231tools analysis/kvstorage.py KeyBlock, KVStorage.find_storage: the third cipher block of a key sector is AES-ECB(master, 16×0xFF).
    @Test func masterKeyEncryptsPaddingToKnownBlock() {
        var block = [UInt8](repeating: 0xFF, count: 16)
        TuyaCipher(key: TuyaStoreFormat.masterKey).encrypt(&block, range: 0..<16)
        #expect(block == hexBytes("46dced0e672f3b70ae1276a3f8712e03"))
    }

    @Test func rejectsInputsWithoutAStore() {
        #expect(throws: TuyaStoreError.erased) { try TuyaStoreReader.read([UInt8](repeating: 0xFF, count: 0x12000)) }
        #expect(throws: TuyaStoreError.tooSmall(100)) { try TuyaStoreReader.read([UInt8](repeating: 0, count: 100)) }
        var rng = SplitMix64(seed: 1)
        let noise = (0..<0x12000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        #expect(throws: TuyaStoreError.noKeyBlock) { try TuyaStoreReader.read(noise) }
        let obk = Array("CFG".utf8) + [UInt8](repeating: 0, count: 0x2000)
        #expect(throws: TuyaStoreError.openBekenConfig) { try TuyaStoreReader.read(obk) }
    }

    @Test func damagedSectorIsCountedNotFatal() throws {
        var bytes = try TuyaStoreEncoder.encode(keys: ["a": Array("one".utf8), "b": Array("two".utf8)])
        bytes[TuyaStoreFormat.sectorSize * 5 + 200] ^= 0xFF  // a data sector without keys
        let store = try TuyaStoreReader.read(bytes)
        #expect(store.keyNames == ["a", "b"])
        #expect(store.health.dataSectors == 17)
        #expect(store.health.badChecksumSectors == 1)
        #expect(!store.health.isHealthy)
    }
}

func hexBytes(_ text: String) -> [UInt8] {
    let chars = Array(text)
    return stride(from: 0, to: chars.count, by: 2).map { UInt8(String(chars[$0..<$0 + 2]), radix: 16)! }
}

