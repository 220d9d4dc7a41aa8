// How to clear (or set) the write protection of one SPI flash part through ReadSR (0x0C) / WriteSR (0x0D).
// Parameters and algorithm of Beken's tools (BK7231GUIFlashTool BKFlashList.cs `BKFlash`, hid_download_py flash_list.py): BK7231GUIFlashTool BK7231Flasher.cs setProtectState.
public struct UnprotectRecipe: Sendable, Hashable {
    /// Number of status bytes to read (szSR, 0…3). 0 = nothing to do.
    public let statusRegisterCount: Int
    /// SPI opcodes that read status byte i (cwdRd without the 0xFF fillers): 0x05 SR1, 0x35 SR2, 0x15 SR3/config.
    public let readOpcodes: [UInt8]
    /// Write opcodes as listed in the table (cwdWr without fillers); tools only ever use the first (bk7231tools base/packets.py BkFlashReg16WriteCmnd; BK7231GUIFlashTool BK7231Flasher.cs setProtectState).
    public let listedWriteOpcodes: [UInt8]
    /// Protection bits inside the combined status word SR1 | SR2 << 8 | SR3 << 16 (cwMsk).
    public let mask: UInt32
    /// Start bit and width of the protection field (sb, lb).
    public let startBit: Int
    public let bitLength: Int
    /// Field value meaning "unprotected" (cwUnp, always 0) and "protected" (cwEnp, always 7).
    public let unprotectedField: UInt32
    public let protectedField: UInt32

    /// The opcode sent with WriteSR: cwdWr[0] (0x01 in every row; BK7231GUIFlashTool BK7231Flasher.cs setProtectState).
    public var writeOpcode: UInt8 { listedWriteOpcodes.first ?? 0x01 }

    /// Status read opcodes actually used: the first `statusRegisterCount` of `readOpcodes`.
    public var statusReadOpcodes: [UInt8] { Array(readOpcodes.prefix(statusRegisterCount)) }

    /// WriteSR payload length: 1 byte when szSR == 1, else 2 (even for 3-byte parts), 0 when szSR == 0 (BK7231GUIFlashTool BK7231Flasher.cs setProtectState, BKFlashList.cs).
    public var writeByteCount: Int { statusRegisterCount == 0 ? 0 : (statusRegisterCount == 1 ? 1 : 2) }

    /// BFD(v, sb, lb) = (v & ((1 << lb) − 1)) << sb (BK7231GUIFlashTool BK7231Flasher.cs setProtectState).
    public func field(_ value: UInt32) -> UInt32 {
        (value & ((1 << UInt32(bitLength)) &- 1)) << UInt32(startBit)
    }

    /// True when the masked status already equals the unprotected field (BK7231GUIFlashTool BK7231Flasher.cs setProtectState).
    public func isUnprotected(_ status: UInt32) -> Bool {
        statusRegisterCount == 0 || (status & mask) == field(unprotectedField)
    }

    /// The status word to write to unprotect: (sr & ~mask) | BFD(cwUnp) (BK7231GUIFlashTool BK7231Flasher.cs setProtectState).
    public func unprotectedValue(from status: UInt32) -> UInt32 { (status & ~mask) | field(unprotectedField) }

    /// The status word to write to protect again: (sr & ~mask) | BFD(cwEnp).
    public func protectedValue(from status: UInt32) -> UInt32 { (status & ~mask) | field(protectedField) }

    /// WriteSR value bytes (little-endian: SR1 first) for a status word.
    public func writeBytes(for status: UInt32) -> [UInt8] {
        (0..<writeByteCount).map { UInt8(truncatingIfNeeded: status >> (8 * UInt32($0))) }
    }
}
