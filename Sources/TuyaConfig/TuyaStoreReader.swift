/// Finds and decodes the Tuya KV store anywhere in a file: full 2 MiB dumps, rotated dumps and
/// region-only files (searching like BK7231GUIFlashTool TuyaConfig.cs FindDeviceKeys and bk7231tools KVStorage.find_storage, then reading every sector).
public enum TuyaStoreReader {
    /// Decodes the store in `bytes`. Throws `TuyaStoreError` when there is none.
    public static func read(_ bytes: [UInt8]) throws(TuyaStoreError) -> TuyaStore {
        let sectorSize = TuyaStoreFormat.sectorSize
        guard bytes.count >= 2 * sectorSize else { throw .tooSmall(bytes.count) }
        // bk7231tools analysis/kvstorage.py find_user_param_key; BK7231GUIFlashTool TuyaConfig.cs: an erased region and OpenBeken's own config are recognised and rejected.
        if bytes.allSatisfy({ $0 == 0xFF }) { throw .erased }
        var candidates = keyBlocks(in: bytes)
        if candidates.isEmpty { candidates = unalignedKeyBlocks(in: bytes) }
        guard !candidates.isEmpty else {
            if bytes.starts(with: Array("CFG".utf8)) { throw .openBekenConfig }
            throw .noKeyBlock
        }
        // Normally one candidate; keep the one whose data key decrypts the most sectors (BK7231GUIFlashTool TuyaConfig.cs rule).
        var best: (store: TuyaStore, sectors: Int)?
        for candidate in candidates {
            let store = decode(bytes, keyBlock: candidate)
            if best == nil || store.health.dataSectors > best!.sectors {
                best = (store, store.health.dataSectors)
            }
        }
        guard let store = best?.store, store.health.dataSectors > 0 else { throw .noDataBlocks }
        return store
    }

    struct KeyBlock {
        var offset: Int
        var deviceKey: [UInt8]
        var checksumOK: Bool
    }

    /// The third cipher block of a key sector is always AES-ECB(master, 16×0xFF) (bk7231tools analysis/kvstorage.py KeyBlock, KVStorage.find_storage); bk7231tools
    /// and the web app find the store by searching it. Used when no 4 KiB-aligned sector is a key block
    /// (a file cut at an odd offset).
    static let keyBlockPaddingSignature: [UInt8] = [
        0x46, 0xDC, 0xED, 0x0E, 0x67, 0x2F, 0x3B, 0x70, 0xAE, 0x12, 0x76, 0xA3, 0xF8, 0x71, 0x2E, 0x03,
    ]

    static func unalignedKeyBlocks(in bytes: [UInt8]) -> [KeyBlock] {
        let master = TuyaCipher(key: TuyaStoreFormat.masterKey)
        let signature = keyBlockPaddingSignature
        var found: [KeyBlock] = []
        var p = 32
        while p + 16 <= bytes.count, p - 32 + TuyaStoreFormat.sectorSize <= bytes.count {
            if bytes[p] == signature[0], bytes[p..<p + 16].elementsEqual(signature) {
                let plain = master.decrypted(bytes, offset: p - 32, count: 32)
                if plain.u32(at: 0) == TuyaStoreFormat.keyBlockMagic {
                    let key = Array(plain[8..<24])
                    found.append(KeyBlock(offset: p - 32, deviceKey: key, checksumOK: plain.u32(at: 4) == TuyaStoreFormat.sum(key)))
                }
            }
            p += 1
        }
        return found
    }

    /// Like BK7231GUIFlashTool TuyaConfig.cs FindDeviceKeys: every 4 KiB-aligned sector whose first 16 bytes decrypt (master key) to the
    /// key-block magic. Candidates with a good checksum come first.
    static func keyBlocks(in bytes: [UInt8]) -> [KeyBlock] {
        let master = TuyaCipher(key: TuyaStoreFormat.masterKey)
        var found: [KeyBlock] = []
        var offset = 0
        while offset + TuyaStoreFormat.sectorSize <= bytes.count {
            let head = master.decrypted(bytes, offset: offset, count: 16)
            if head.u32(at: 0) == TuyaStoreFormat.keyBlockMagic {
                let plain = master.decrypted(bytes, offset: offset, count: 32)
                let key = Array(plain[8..<24])
                let ok = plain.u32(at: 4) == TuyaStoreFormat.sum(key)  // bk7231tools analysis/kvstorage.py KeyBlock, KVStorage.find_storage
                found.append(KeyBlock(offset: offset, deviceKey: key, checksumOK: ok))
            }
            offset += TuyaStoreFormat.sectorSize
        }
        return found.filter(\.checksumOK) + found.filter { !$0.checksumOK }
    }

    struct DataBlock {
        var offset: Int
        var id: Int
        var generation: UInt32
        var plain: [UInt8]

        func page(_ index: Int) -> ArraySlice<UInt8> {
            let start = index * TuyaStoreFormat.pageSize
            return plain[start..<start + TuyaStoreFormat.pageSize]
        }

        /// Bit (p % 8) of bitmap byte (p / 8) set ⇒ page p is an index page (bk7231tools analysis/kvstorage.py DataBlock).
        func isIndexPage(_ page: Int) -> Bool {
            let mapSize = Int(plain[14])
            guard page / 8 < mapSize, TuyaStoreFormat.bitmapOffset + page / 8 < TuyaStoreFormat.pageSize else {
                return false
            }
            return plain[TuyaStoreFormat.bitmapOffset + page / 8] & (1 << UInt8(page % 8)) != 0
        }
    }

    static func decode(_ bytes: [UInt8], keyBlock: KeyBlock) -> TuyaStore {
        let sectorSize = TuyaStoreFormat.sectorSize
        let cipher = TuyaCipher(key: TuyaStoreFormat.dataKey(deviceKey: keyBlock.deviceKey))
        var health = TuyaStoreHealth(
            keyChecksumOK: keyBlock.checksumOK, dataSectors: 0, badChecksumSectors: 0, liveBlocks: 0,
            staleCopies: 0, valueChecksumFailures: 0, invalidIndexPages: 0)
        // As BK7231GUIFlashTool TuyaConfig.cs ParseVaultKvStorage, but over the whole file: scan it, accept sectors whose magic and block checksum verify,
        // keep the highest generation per block id (tie: first physical occurrence).
        var live: [Int: DataBlock] = [:]
        // Data sectors are aligned like the key block (normally 4 KiB-aligned in the file).
        var offset = keyBlock.offset % sectorSize
        while offset + sectorSize <= bytes.count {
            defer { offset += sectorSize }
            if offset == keyBlock.offset { continue }
            let head = cipher.decrypted(bytes, offset: offset, count: 16)
            guard TuyaStoreFormat.dataBlockMagics.contains(head.u32(at: 0)) else { continue }
            health.dataSectors += 1
            let plain = cipher.decrypted(bytes, offset: offset, count: sectorSize)
            guard plain.u32(at: 4) == TuyaStoreFormat.sum(plain[8...]) else {  // bk7231tools analysis/kvstorage.py DataBlock block checksum
                health.badChecksumSectors += 1
                continue
            }
            let block = DataBlock(offset: offset, id: plain.u16(at: 8), generation: plain.u32(at: 10), plain: plain)
            if let existing = live[block.id] {
                health.staleCopies += 1
                if block.generation > existing.generation { live[block.id] = block }
            } else {
                live[block.id] = block
            }
        }
        health.liveBlocks = live.count
        var keys: [TuyaStoreKey] = []
        for id in live.keys.sorted() {
            let block = live[id]!
            for page in 1..<TuyaStoreFormat.pagesPerBlock where block.isIndexPage(page) {
                guard let key = indexEntry(block: block, page: page, live: live) else {
                    health.invalidIndexPages += 1
                    continue
                }
                if !key.checksumOK { health.valueChecksumFailures += 1 }
                // A repeated name: keep the highest element, then the longest value (BK7231GUIFlashTool TuyaConfig.cs ParseVaultKvStorage rule).
                if let i = keys.firstIndex(where: { $0.name == key.name }) {
                    let old = keys[i]
                    if (key.element, key.value.count) > (old.element, old.value.count) { keys[i] = key }
                } else {
                    keys.append(key)
                }
            }
        }
        return TuyaStore(offset: keyBlock.offset, deviceKey: keyBlock.deviceKey, keys: keys, health: health)
    }

    /// Parses one index page and reassembles its value from the listed data pages (bk7231tools analysis/kvstorage.py KVStorage.read_value).
    static func indexEntry(block: DataBlock, page: Int, live: [Int: DataBlock]) -> TuyaStoreKey? {
        let p = Array(block.page(page))
        let checksum = p.u32(at: 0)
        let length = Int(p.u32(at: 4))
        guard p.u16(at: 8) == block.id, Int(p[10]) == page else { return nil }
        let parts = p.u16(at: 11)
        let element = p.u32(at: 13)
        let nameLength = Int(p[17])
        let partsStart = TuyaStoreFormat.indexHeaderSize + nameLength
        guard nameLength >= 2, partsStart + 4 * parts <= TuyaStoreFormat.pageSize else { return nil }
        let nameBytes = p[TuyaStoreFormat.indexHeaderSize..<partsStart - 1]
        guard p[partsStart - 1] == 0, nameBytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
        let name = String(decoding: nameBytes, as: UTF8.self)
        var value: [UInt8] = []
        value.reserveCapacity(length)
        for part in 0..<parts {
            let at = partsStart + 4 * part
            let blockID = p.u16(at: at)
            let first = Int(p[at + 2])
            let last = Int(p[at + 3])
            guard let source = live[blockID], first >= 1, last < TuyaStoreFormat.pagesPerBlock, first <= last
            else { return nil }
            for dataPage in first...last { value += source.page(dataPage) }
        }
        guard value.count >= length else { return nil }
        value.removeSubrange(length...)
        return TuyaStoreKey(
            name: name, value: value, indexBlock: block.id, indexPage: page,
            checksumOK: TuyaStoreFormat.sum(value) == checksum, element: element)
    }
}

/// Why no store could be decoded. Messages say what happened and what to try.
public enum TuyaStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooSmall(Int)
    case erased
    case openBekenConfig
    case noKeyBlock
    case noDataBlocks

    public var description: String {
        switch self {
        case .tooSmall(let n):
            return "file is \(n) bytes, too small for a Tuya KV store (at least 8 KiB); pass a full dump or the 72 KiB region"
        case .erased:
            return "the file is all 0xFF (erased flash); no Tuya configuration to read"
        case .openBekenConfig:
            return "this is an OpenBeken config sector, not a Tuya KV store; read it as an OpenBeken config instead"
        case .noKeyBlock:
            return "no Tuya KV store found (no 4 KiB sector decrypts to the key-block magic); the device may have been erased or flashed already — try its boot log instead"
        case .noDataBlocks:
            return "found a Tuya key block but no data block decrypts with its key; the store is damaged"
        }
    }
}
