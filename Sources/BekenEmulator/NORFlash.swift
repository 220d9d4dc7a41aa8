import BekenChips
import BekenProtocol

/// An SPI NOR flash as the chip sees it: program only clears bits, erase sets 0xFF, status registers whose
/// protection bits silently block erase/program (bk7231tools cmd_hl_flash.py; bk_idk bl_extflash.c).
struct NORFlash: Sendable {
    private(set) var bytes: [UInt8]
    var jedecID: [UInt8]
    var sr1: UInt8
    var sr2: UInt8
    var sr3: UInt8 = 0
    /// SRP1/SRP0 lock-down: writes to the status register are ignored until the next power-up/reset
    /// (StatusRegisterQuirk.twoByteWriteSetsEveryBit).
    var statusRegisterLocked = false
    /// Fault: erases change nothing although the status registers say unprotected (FaultPlan.eraseIgnored).
    var ignoresErase = false
    private(set) var ignoredErases = 0

    /// SR bits that protect the array: SR1 BP4..BP0 (0x7C) and SR2 CMP (0x40) (bk7231tools cmd_hl_flash.py flash_unprotect mask 0x407C).
    static let sr1ProtectBits: UInt8 = 0x7C
    static let sr2ProtectBits: UInt8 = 0x40

    /// How the status register picks the protected area, for parts whose layout BekenChips knows; nil: any set
    /// BP/CMP bit protects the whole array (the model for every other part).
    let layout: BlockProtectLayout?

    init(contents: [UInt8], jedecID: [UInt8], sr1: UInt8, sr2: UInt8) {
        self.bytes = contents
        self.jedecID = jedecID
        self.sr1 = sr1
        self.sr2 = sr2
        layout = SPIFlashTable.blockProtectLayout(jedecBytes: jedecID)
    }

    var size: Int { bytes.count }

    /// Any BP/CMP bit is set: some of the array (for parts without a known layout, all of it) is protected.
    var isProtected: Bool {
        (sr1 & Self.sr1ProtectBits) != 0 || (sr2 & Self.sr2ProtectBits) != 0
    }

    /// The protected part of the array: the part's layout (BekenChips `BlockProtectLayout`), or — for parts
    /// whose layout is unknown — the whole array as soon as any BP/CMP bit is set (with CMP=1 and BP=0 a W25Q-style
    /// part is fully protected too; the tools only ever clear all of them, BK7231GUIFlashTool BK7231Flasher.cs
    /// setProtectState; bk7231tools cmd_hl_flash.py flash_unprotect).
    var protectedRange: Range<Int> {
        guard isProtected else { return 0 ..< 0 }
        guard let layout else { return 0 ..< bytes.count }
        return layout.protectedRange(status: UInt32(sr1) | UInt32(sr2) << 8, flashSize: bytes.count)
    }

    mutating func protectAll() { sr1 |= 0x1C }  // BP2..BP0 = 7, the tools' "protect" value (BK7231GUIFlashTool BK7231Flasher.cs setProtectState)
    mutating func unprotectAll() {
        sr1 &= ~Self.sr1ProtectBits
        sr2 &= ~Self.sr2ProtectBits
    }

    /// The SPI address: the low 24 bits (3 address bytes), then the flash ignores bits above its size (bk_idk bl_extflash.c; ltchiptool issue #34).
    func physical(_ address: UInt32) -> Int {
        Int(address & 0xFF_FFFF) % bytes.count
    }

    /// Reads `count` bytes starting at a chip address, wrapping at the end of the array.
    func read(_ address: UInt32, count: Int) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(count)
        var position = physical(address)
        var remaining = count
        while remaining > 0 {
            let run = min(remaining, bytes.count - position)
            out.append(contentsOf: bytes[position..<(position + run)])
            remaining -= run
            position = 0
        }
        return out
    }

    /// Continues a raw CRC over `count` bytes at a chip address (wrapping like `read`).
    func crc(_ seed: UInt32, _ address: UInt32, count: Int) -> UInt32 {
        var crc = seed
        var position = physical(address)
        var remaining = count
        bytes.withUnsafeBytes { all in
            while remaining > 0 {
                let run = min(remaining, all.count - position)
                crc = BekenCRC32.update(crc, with: UnsafeRawBufferPointer(rebasing: all[position..<(position + run)]))
                remaining -= run
                position = 0
            }
        }
        return crc
    }

    /// Page program: new = old AND data (NOR). Ignored while protected (status still 0, bk_idk bl_extflash.c; OpenBK7231T_App issue #1112).
    /// A page in the protected area is left alone (the protected area is whole 4 KiB sectors).
    mutating func program(_ address: UInt32, _ data: some Collection<UInt8>) {
        let guarded = protectedRange
        var position = physical(address)
        for byte in data {
            if !guarded.contains(position) { bytes[position] &= byte }
            position += 1
            if position == bytes.count { position = 0 }
        }
    }

    /// Erases the `blockSize`-aligned block containing the address (the flash ignores the low bits, bk_idk bl_bk_hci_protocol.c FLASH_SIZE_ERRASE_CMD).
    /// A block that overlaps the protected area is not erased at all (W25Q16JV datasheet: an erase of a block
    /// with a protected sector is not executed).
    mutating func erase(_ address: UInt32, blockSize: Int) {
        let start = physical(address) & ~(blockSize - 1)
        let end = min(start + blockSize, bytes.count)
        guard !protectedRange.overlaps(start ..< end) else { return }
        if ignoresErase {
            ignoredErases += 1
            return
        }
        for index in start..<end { bytes[index] = 0xFF }
    }

    mutating func eraseAll() {
        guard !isProtected else { return }
        if ignoresErase {
            ignoredErases += 1
            return
        }
        for index in bytes.indices { bytes[index] = 0xFF }
    }

    /// Replaces the whole contents (test and file loading helper; not a chip operation).
    mutating func replaceContents(_ contents: [UInt8]) { bytes = contents }
}
