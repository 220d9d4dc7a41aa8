// CRC-32 as the Beken chips compute it for CheckCRC (short 0x10): reflected polynomial 0xEDB88320,
// initial value 0xFFFFFFFF and NO final XOR (bk7231tools cmd_ll_chip.py read_flash_range_crc). `standard` adds the final XOR and equals
// zlib's crc32. Table-driven, slice-by-8, so megabyte-sized images hash quickly.
public enum BekenCRC32 {
    /// The chip's initial register value (bk7231tools cmd_ll_chip.py read_flash_range_crc).
    public static let initial: UInt32 = 0xFFFF_FFFF

    /// Raw CRC that the chip reports for an erased (all 0xFF) 4 KiB sector (bk7231tools cmd_ll_chip.py read_flash_range_crc, cmd_ll_flash.py CRC32_FF_4K).
    public static let erasedSector4K: UInt32 = 0x0EAB_98F5

    /// The chip's value: reflected CRC-32, init `seed`, no final XOR.
    public static func raw<C: Collection>(_ bytes: C, seed: UInt32 = initial) -> UInt32 where C.Element == UInt8 {
        update(seed, with: bytes)
    }

    /// The chip's value over raw memory.
    public static func raw(_ buffer: UnsafeRawBufferPointer, seed: UInt32 = initial) -> UInt32 {
        update(seed, with: buffer)
    }

    /// zlib / IEEE CRC-32 (= raw ^ 0xFFFFFFFF).
    public static func standard<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        raw(bytes) ^ 0xFFFF_FFFF
    }

    /// zlib / IEEE CRC-32 over raw memory.
    public static func standard(_ buffer: UnsafeRawBufferPointer) -> UInt32 {
        raw(buffer) ^ 0xFFFF_FFFF
    }

    /// Converts between the chip's raw value and the zlib value (the conversion is its own inverse).
    public static func toggleFinalXOR(_ crc: UInt32) -> UInt32 { crc ^ 0xFFFF_FFFF }

    /// Continues a raw CRC with more bytes (incremental hashing; no final XOR applied).
    public static func update<C: Collection>(_ crc: UInt32, with bytes: C) -> UInt32 where C.Element == UInt8 {
        if let result = bytes.withContiguousStorageIfAvailable({ update(crc, with: UnsafeRawBufferPointer($0)) }) {
            return result
        }
        return Array(bytes).withUnsafeBytes { update(crc, with: $0) }
    }

    /// Continues a raw CRC over raw memory.
    public static func update(_ crc: UInt32, with buffer: UnsafeRawBufferPointer) -> UInt32 {
        CRC32Tables.update(crc, buffer)
    }
}
