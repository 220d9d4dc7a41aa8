/// Builds a synthetic Tuya KV store from keys and values — the exact inverse of `TuyaStoreReader`
/// (layout: bk7231tools analysis/kvstorage.py). Used by the property tests and by the demo device.
public enum TuyaStoreEncoder {
    public struct Options: Sendable {
        /// The per-device key written into the key block. The default is a fixed, made-up key.
        public var deviceKey: [UInt8]
        /// Data sectors after the key block (a real store has 17: 14 block ids + 3 swap copies, BK7231GUIFlashTool TuyaConfig.cs ParseVaultKvStorage).
        public var dataSectors: Int
        /// How many of the data sectors hold stale, older-generation copies of live block ids.
        public var staleCopies: Int
        /// Put the stale copies physically before the live blocks, so "first occurrence" readers pick them.
        public var staleCopiesFirst: Bool
        /// Generation written into live blocks (stale copies get a lower one).
        public var generation: UInt32

        public init(
            deviceKey: [UInt8] = Options.demoDeviceKey, dataSectors: Int = 17,
            staleCopies: Int = 0, staleCopiesFirst: Bool = false, generation: UInt32 = 7
        ) {
            self.deviceKey = deviceKey
            self.dataSectors = dataSectors
            self.staleCopies = staleCopies
            self.staleCopiesFirst = staleCopiesFirst
            self.generation = generation
        }

        /// A made-up device key (not taken from any real device).
        public static let demoDeviceKey: [UInt8] = Array("synth-device-key".utf8)
    }

    /// Encodes `keys` (written in name order) into a store of `1 + options.dataSectors` sectors.
    public static func encode(keys: [String: [UInt8]], options: Options = Options()) throws(TuyaStoreEncoderError) -> [UInt8] {
        try encode(entries: keys.keys.sorted().map { ($0, keys[$0]!) }, options: options)
    }

    /// Encodes `entries` in the given order (the reader returns them in this order).
    public static func encode(entries: [(name: String, value: [UInt8])], options: Options = Options()) throws(TuyaStoreEncoderError) -> [UInt8] {
        guard options.deviceKey.count == 16 else { throw .badDeviceKey }
        let liveCount = options.dataSectors - options.staleCopies
        guard liveCount >= 1, options.staleCopies >= 0, options.staleCopies <= liveCount,
            options.staleCopies == 0 || options.generation >= 1
        else {
            throw .badSectorCount(options.dataSectors, options.staleCopies)
        }
        var names = Set<String>()
        for entry in entries {
            guard !entry.name.isEmpty, entry.name.utf8.count <= 40, entry.name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
            else { throw .badName(entry.name) }
            guard names.insert(entry.name).inserted else { throw .duplicateName(entry.name) }
        }
        let pageSize = TuyaStoreFormat.pageSize
        let pagesPerBlock = TuyaStoreFormat.pagesPerBlock
        // Plain blocks, header page left for later.
        var blocks = (0..<liveCount).map { _ in [UInt8](repeating: 0xFF, count: TuyaStoreFormat.sectorSize) }
        var indexPages = Array(repeating: Set<Int>(), count: liveCount)
        // Free slots (block, page) in order; index page first, then the value's data pages.
        var slots: [(block: Int, page: Int)] = []
        for b in 0..<liveCount { for p in 1..<pagesPerBlock { slots.append((b, p)) } }
        var next = 0
        for (element, entry) in entries.enumerated() {
            let dataPages = (entry.value.count + pageSize - 1) / pageSize
            guard next + 1 + dataPages <= slots.count else { throw .storeFull(entry.name) }
            let index = slots[next]
            next += 1
            // Group consecutive data pages of one block into parts (block id, first page, last page).
            var parts: [(block: Int, first: Int, last: Int)] = []
            for k in 0..<dataPages {
                let slot = slots[next + k]
                if let last = parts.last, last.block == slot.block, last.last + 1 == slot.page {
                    parts[parts.count - 1].last = slot.page
                } else {
                    parts.append((slot.block, slot.page, slot.page))
                }
                let start = k * pageSize
                let chunk = entry.value[start..<min(start + pageSize, entry.value.count)]
                let at = slot.page * pageSize
                blocks[slot.block].replaceSubrange(at..<at + chunk.count, with: chunk)
                // Pad the rest of the last page with NULs like the firmware does (bk7231tools analysis/kvstorage.py parse_user_param_key "NUL padding").
                for i in at + chunk.count..<at + pageSize { blocks[slot.block][i] = 0 }
            }
            next += dataPages
            let nameBytes = Array(entry.name.utf8) + [0]
            guard TuyaStoreFormat.indexHeaderSize + nameBytes.count + 4 * parts.count <= pageSize else {
                throw .tooFragmented(entry.name)
            }
            var page = [UInt8](repeating: 0xFF, count: pageSize)
            page.put(u32: TuyaStoreFormat.sum(entry.value), at: 0)
            page.put(u32: UInt32(entry.value.count), at: 4)
            page.put(u16: index.block, at: 8)
            page[10] = UInt8(index.page)
            page.put(u16: parts.count, at: 11)
            page.put(u32: UInt32(element + 1), at: 13)
            page[17] = UInt8(nameBytes.count)
            page.replaceSubrange(18..<18 + nameBytes.count, with: nameBytes)
            var at = 18 + nameBytes.count
            for part in parts {
                page.put(u16: part.block, at: at)
                page[at + 2] = UInt8(part.first)
                page[at + 3] = UInt8(part.last)
                at += 4
            }
            blocks[index.block].replaceSubrange(index.page * pageSize..<(index.page + 1) * pageSize, with: page)
            indexPages[index.block].insert(index.page)
        }
        let dataCipher = TuyaCipher(key: TuyaStoreFormat.dataKey(deviceKey: options.deviceKey))
        func sealed(_ id: Int, _ plain: [UInt8], indexPages: Set<Int>, generation: UInt32) -> [UInt8] {
            var block = plain
            block.replaceSubrange(0..<pageSize, with: [UInt8](repeating: 0xFF, count: pageSize))
            block.put(u32: TuyaStoreFormat.dataBlockMagics[0], at: 0)
            block.put(u16: id, at: 8)
            block.put(u32: generation, at: 10)
            block[14] = 4  // bitmap size, 4 in every dump (bk7231tools analysis/kvstorage.py DataBlock)
            for i in 0..<4 { block[TuyaStoreFormat.bitmapOffset + i] = 0 }
            for p in indexPages { block[TuyaStoreFormat.bitmapOffset + p / 8] |= 1 << UInt8(p % 8) }
            block.put(u32: TuyaStoreFormat.sum(block[8...]), at: 4)
            dataCipher.encrypt(&block, range: 0..<block.count)
            return block
        }
        var live: [[UInt8]] = []
        for id in 0..<liveCount {
            live.append(sealed(id, blocks[id], indexPages: indexPages[id], generation: options.generation))
        }
        // Stale copies: an older generation of block i with its index pages pointing at nothing useful.
        var stale: [[UInt8]] = []
        for i in 0..<options.staleCopies {
            let old = [UInt8](repeating: 0xFF, count: TuyaStoreFormat.sectorSize)
            stale.append(sealed(i, old, indexPages: [], generation: options.generation &- 1))
        }
        var keySector = [UInt8](repeating: 0xFF, count: TuyaStoreFormat.sectorSize)
        keySector.put(u32: TuyaStoreFormat.keyBlockMagic, at: 0)
        keySector.put(u32: TuyaStoreFormat.sum(options.deviceKey), at: 4)
        keySector.replaceSubrange(8..<24, with: options.deviceKey)
        TuyaCipher(key: TuyaStoreFormat.masterKey).encrypt(&keySector, range: 0..<keySector.count)
        let data = options.staleCopiesFirst ? stale + live : live + stale
        return keySector + data.flatMap { $0 }
    }
}

public enum TuyaStoreEncoderError: Error, Equatable, Sendable, CustomStringConvertible {
    case badDeviceKey
    case badSectorCount(Int, Int)
    case badName(String)
    case duplicateName(String)
    case storeFull(String)
    case tooFragmented(String)

    public var description: String {
        switch self {
        case .badDeviceKey: return "the device key must be 16 bytes"
        case .badSectorCount(let n, let s): return "\(n) data sectors cannot hold \(s) stale copies and a live block"
        case .badName(let name): return "key name '\(name)' must be 1–40 printable ASCII characters without spaces"
        case .duplicateName(let name): return "key '\(name)' is given twice"
        case .storeFull(let name): return "the store is full at key '\(name)'; use more data sectors or smaller values"
        case .tooFragmented(let name): return "key '\(name)' needs more parts than its index page can list"
        }
    }
}
