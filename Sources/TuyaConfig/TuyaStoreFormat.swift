/// Layout constants and small helpers of the Tuya KV store ("vault"), bk7231tools analysis/kvstorage.py; BK7231GUIFlashTool TuyaConfig.cs.
enum TuyaStoreFormat {
    /// Sector (block) size — bk7231tools analysis/kvstorage.py (`SECTOR_SIZE`, `BLOCK_PADDING`).
    static let sectorSize = 4096
    /// Page size; 32 pages per block, page 0 is the block header — bk7231tools analysis/kvstorage.py.
    static let pageSize = 128
    static let pagesPerBlock = 32
    /// Key-block master key, ASCII `qwertyuiopasdfgh` — bk7231tools analysis/kvstorage.py (`KEY_MASTER`).
    static let masterKey: [UInt8] = Array("qwertyuiopasdfgh".utf8)
    /// Key-block magic 0x13579753 (u32 LE) — bk7231tools analysis/kvstorage.py.
    static let keyBlockMagic: UInt32 = 0x1357_9753
    /// Data-block magics: 0x98761234 (usual) or 0x135726AB — bk7231tools analysis/kvstorage.py.
    static let dataBlockMagics: [UInt32] = [0x9876_1234, 0x1357_26AB]
    /// `KEY_PART_1 = "8710_2M"` (only its first 4 bytes are used) — bk7231tools analysis/kvstorage.py make_data_aes.
    static let keyPart1: [UInt8] = Array("8710".utf8)
    /// `KEY_PART_2 = "HHRRQbyemofrtytf"` — bk7231tools analysis/kvstorage.py make_data_aes.
    static let keyPart2: [UInt8] = Array("HHRRQbyemofrtytf".utf8)
    /// A store is 1 key sector + 17 data sectors (0x12000 bytes) — BK7231GUIFlashTool TuyaConfig.cs.
    static let usualDataSectors = 17
    /// Offset of a 2 MiB BK7231T/N store — BK7231GUIFlashTool TuyaConfig.cs (`USUAL_BK7231_MAGIC_POSITION`).
    static let usualOffset = 0x1E_E000
    /// Offset of a BK7238 (Tuya T1) store, 1 key + 10 data sectors to the end of 2 MiB — BK7231GUIFlashTool
    /// TuyaConfig.cs getMagicOffset/getMagicSize.
    static let t1Offset = 0x1F_5000
    /// Index-page field offsets — bk7231tools analysis/kvstorage.py KVStorage.read_value.
    static let indexHeaderSize = 18
    /// Block header: the page-type bitmap starts at byte 15 — bk7231tools analysis/kvstorage.py DataBlock.
    static let bitmapOffset = 15

    /// data_key[i] = KEY_PART_1[i & 3] + KEY_PART_2[i] + device_key[i] (mod 256) — bk7231tools analysis/kvstorage.py make_data_aes.
    static func dataKey(deviceKey: [UInt8]) -> [UInt8] {
        (0..<16).map { i in keyPart1[i & 3] &+ keyPart2[i] &+ deviceKey[i] }
    }

    /// 32-bit wrapping sum of bytes — every checksum of the store (bk7231tools analysis/kvstorage.py KeyBlock, KVStorage.find_storage, DataBlock, KVStorage.read_value).
    static func sum<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        bytes.reduce(UInt32(0)) { $0 &+ UInt32($1) }
    }
}

extension Array where Element == UInt8 {
    func u16(at offset: Int) -> Int {
        Int(self[offset]) | Int(self[offset + 1]) << 8
    }

    func u32(at offset: Int) -> UInt32 {
        UInt32(self[offset]) | UInt32(self[offset + 1]) << 8 | UInt32(self[offset + 2]) << 16
            | UInt32(self[offset + 3]) << 24
    }

    mutating func put(u16 value: Int, at offset: Int) {
        self[offset] = UInt8(value & 0xFF)
        self[offset + 1] = UInt8((value >> 8) & 0xFF)
    }

    mutating func put(u32 value: UInt32, at offset: Int) {
        for i in 0..<4 { self[offset + i] = UInt8((value >> (8 * UInt32(i))) & 0xFF) }
    }
}
