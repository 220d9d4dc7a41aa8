import Testing
@testable import TuyaConfig
import BekenTestSupport

struct TuyaStoreEncoderTests {
    /// Property: random configs written by our encoder are read back identically — names, bytes, order,
    /// and the user_param_key settings (1 000 cases, fixed seed).
    @Test func randomConfigsRoundTrip() throws {
        var rng = SplitMix64(seed: 0x5EED_0005)
        var checkedUPKs = 0
        for _ in 0..<1000 {
            let settings = randomSettings(&rng)
            let upk = UserParamKey(settings: settings)
            var entries: [(name: String, value: [UInt8])] = [("user_param_key", Array(upk.tuyaText.utf8) + [0, 0])]
            for i in 0..<Int.random(in: 0...4, using: &rng) {
                let length = Int.random(in: 0...400, using: &rng)
                entries.append(("k\(i)_\(Int.random(in: 0...999, using: &rng))",
                                (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }))
            }
            // Small stores keep 1 000 cases cheap: every sector costs 256 AES block operations each way.
            let sectors = Int.random(in: 1...3, using: &rng)
            let options = TuyaStoreEncoder.Options(
                deviceKey: (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) },
                dataSectors: sectors, staleCopies: sectors > 1 ? Int.random(in: 0...1, using: &rng) : 0,
                staleCopiesFirst: Bool.random(using: &rng), generation: UInt32.random(in: 1...1000, using: &rng))
            let bytes = try TuyaStoreEncoder.encode(entries: entries, options: options)
            // Place the store somewhere inside a larger file, sector aligned, like a dump.
            let before = Int.random(in: 0...3, using: &rng) * TuyaStoreFormat.sectorSize
            let file = [UInt8](repeating: 0xFF, count: before) + bytes + [UInt8](repeating: 0xFF, count: 4096)
            let store = try TuyaStoreReader.read(file)
            #expect(store.offset == before)
            #expect(store.keyNames == entries.map(\.name))
            #expect(store.keys.map(\.value) == entries.map(\.value))
            #expect(store.health.isHealthy)
            let decoded = try UserParamKey.parse(store.text(named: "user_param_key")!)
            #expect(decoded == upk)
            checkedUPKs += 1
        }
        #expect(checkedUPKs == 1000)
    }

    /// Keys and values shaped like real UPKs: known pin/level keys, numbers, module names, versions.
    func randomSettings(_ rng: inout SplitMix64) -> [TuyaSetting] {
        let names = TuyaKnownKeys.concreteNames
        var used = Set<String>()
        var settings: [TuyaSetting] = []
        for _ in 0..<Int.random(in: 1...40, using: &rng) {
            let key = names.randomElement(using: &rng)!
            guard used.insert(key).inserted else { continue }
            let value: String
            switch Int.random(in: 0...4, using: &rng) {
            case 0: value = String(Int.random(in: 0...28, using: &rng))
            case 1: value = String(Int.random(in: 0...1, using: &rng))
            case 2: value = ["CB2S", "WB3S", "CBU", "wb2l", "CBLC9"].randomElement(using: &rng)!
            case 3: value = "\(Int.random(in: 1...3, using: &rng)).\(Int.random(in: 0...9, using: &rng)).\(Int.random(in: 0...9, using: &rng))"
            default: value = String(format: "%04d", Int.random(in: 0...9999, using: &rng))
            }
            settings.append(TuyaSetting(key: key, value: value))
        }
        return settings
    }

    @Test func newestGenerationWinsEvenWhenAStaleCopyComesFirst() throws {
        let options = TuyaStoreEncoder.Options(dataSectors: 4, staleCopies: 2, staleCopiesFirst: true, generation: 9)
        let bytes = try TuyaStoreEncoder.encode(keys: ["user_param_key": Array("{module:CB2S,}".utf8)], options: options)
        let store = try TuyaStoreReader.read(bytes)
        #expect(store.keyNames == ["user_param_key"])
        #expect(store.health.staleCopies == 2)
        #expect(store.health.liveBlocks == 2)
    }

    @Test func valuesSpanBlocksAndEmptyValuesSurvive() throws {
        let big = (0..<5000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let bytes = try TuyaStoreEncoder.encode(entries: [("em_sys_env", []), ("schema", big)])
        let store = try TuyaStoreReader.read(bytes)
        #expect(store.value(named: "em_sys_env") == [])
        #expect(store.value(named: "schema") == big)
    }

    @Test func encoderRejectsWhatCannotBeStored() {
        #expect(throws: TuyaStoreEncoderError.duplicateName("a")) {
            try TuyaStoreEncoder.encode(entries: [("a", [1]), ("a", [2])])
        }
        #expect(throws: TuyaStoreEncoderError.badName("has space")) {
            try TuyaStoreEncoder.encode(entries: [("has space", [1])])
        }
        #expect(throws: TuyaStoreEncoderError.storeFull("huge")) {
            try TuyaStoreEncoder.encode(entries: [("huge", [UInt8](repeating: 1, count: 20_000))],
                                        options: .init(dataSectors: 2))
        }
        #expect(throws: TuyaStoreEncoderError.badDeviceKey) {
            try TuyaStoreEncoder.encode(entries: [], options: .init(deviceKey: [1, 2, 3]))
        }
    }
}

struct TuyaStoreSearchTests {
    /// A file cut at an odd offset: the key block is found by its padding signature (bk7231tools analysis/kvstorage.py KeyBlock, KVStorage.find_storage).
    @Test func storeAtAnUnalignedOffsetIsFound() throws {
        let store = try TuyaStoreEncoder.encode(keys: ["user_param_key": Array("{module:CB2S,rl1_pin:26,}".utf8)])
        let file = [UInt8](repeating: 0x00, count: 100) + store + [UInt8](repeating: 0xFF, count: 50)
        let read = try TuyaStoreReader.read(file)
        #expect(read.offset == 100)
        #expect(read.text(named: "user_param_key") == "{module:CB2S,rl1_pin:26,}")
        #expect(read.health.dataSectors == 17)
    }
}
