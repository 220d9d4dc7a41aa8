/// A decrypted Tuya KV store: where it was found, how healthy it is, and every key it holds
/// (bk7231tools analysis/kvstorage.py; BK7231GUIFlashTool TuyaConfig.cs). Values are raw bytes; `TuyaStore.value(named:)` and friends interpret them.
public struct TuyaStore: Sendable, Equatable {
    /// File offset of the key block (the store's start), e.g. 0x1EE000, 0x1DD000 (rotated) or 0 (region file).
    public var offset: Int
    /// The per-device key from the key block. A secret: never print it.
    public var deviceKey: [UInt8]
    /// Keys in stored order: by block id of their index page, then page (the order of the reader outputs beside the real dumps, docs/TESTING.md "Real data").
    public var keys: [TuyaStoreKey]
    public var health: TuyaStoreHealth

    public init(offset: Int, deviceKey: [UInt8], keys: [TuyaStoreKey], health: TuyaStoreHealth) {
        self.offset = offset
        self.deviceKey = deviceKey
        self.keys = keys
        self.health = health
    }

    /// The raw value of a key, if stored.
    public func value(named name: String) -> [UInt8]? {
        keys.first { $0.name == name }?.value
    }

    /// The value as text: trailing NULs stripped, decoded as UTF-8 (Latin-1 when not UTF-8).
    public func text(named name: String) -> String? {
        value(named: name).map(TuyaText.decode)
    }

    public var keyNames: [String] { keys.map(\.name) }
}

/// One reassembled key of the store.
public struct TuyaStoreKey: Sendable, Equatable {
    public var name: String
    public var value: [UInt8]
    /// Logical block id and page of the index page.
    public var indexBlock: Int
    public var indexPage: Int
    /// The stored value checksum matches the reassembled bytes (bk7231tools analysis/kvstorage.py KVStorage.read_value).
    public var checksumOK: Bool
    /// Per-key counter; the highest wins when a name repeats (BK7231GUIFlashTool TuyaConfig.cs ParseVaultKvStorage rule).
    public var element: UInt32

    public init(name: String, value: [UInt8], indexBlock: Int, indexPage: Int, checksumOK: Bool, element: UInt32) {
        self.name = name
        self.value = value
        self.indexBlock = indexBlock
        self.indexPage = indexPage
        self.checksumOK = checksumOK
        self.element = element
    }
}

/// What the reader saw while decoding (BK7231GUIFlashTool TuyaConfig.cs ParseVaultKvStorage, bk7231tools analysis/kvstorage.py).
public struct TuyaStoreHealth: Sendable, Equatable, Codable {
    /// The key block's checksum (sum of the device key) verified.
    public var keyChecksumOK: Bool
    /// Sectors whose decrypted magic is a data-block magic.
    public var dataSectors: Int
    /// Of those, sectors whose block checksum failed (ignored).
    public var badChecksumSectors: Int
    /// Distinct logical block ids found (live blocks).
    public var liveBlocks: Int
    /// Older copies of a block id that were skipped (swap copies).
    public var staleCopies: Int
    /// Keys whose reassembled value does not match its stored checksum (kept, with a warning).
    public var valueChecksumFailures: Int
    /// Index pages that failed validation and were skipped.
    public var invalidIndexPages: Int

    public var isHealthy: Bool {
        keyChecksumOK && badChecksumSectors == 0 && valueChecksumFailures == 0 && invalidIndexPages == 0
    }
}

/// Decoding of stored text values.
public enum TuyaText {
    /// Strips trailing NULs (and 0xFF padding), then decodes UTF-8, falling back to Latin-1.
    public static func decode(_ bytes: [UInt8]) -> String {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0 || bytes[end - 1] == 0xFF { end -= 1 }
        let slice = Array(bytes[0..<end])
        if let text = String(validating: slice, as: UTF8.self) { return text }
        return String(slice.map { Character(Unicode.Scalar($0)) })
    }
}
