import BekenChips
import BekenProtocol

/// Identifying the chip (bk7231tools linking.py detect_chip; BK7231GUIFlashTool BK7231Flasher.cs): bootloader CRC → protocol and chip; chip-ID register;
/// JEDEC ID → flash size and unprotect recipe; boot version on Tuya T bootloaders.
struct Identification {
    let session: Session
    let events: FlasherEventHandler

    func identify() throws -> ChipIdentity {
        // bk7231tools linking.py detect_chip: CheckCRC(0, 256) without end adjustment (a ROM chip hashes 257 bytes).
        let rawCRC = try confirmed { try session.checkCRC(start: 0, end: 256, hashedBytes: 257) }
        let bootloader = BootloaderTable.lookup(rawCRC: rawCRC)
        var variant: ProtocolVariant
        if let bootloader {
            variant = bootloader.protocolVariant
        } else {
            variant = try classifyUnknown(rawCRC: rawCRC)
        }
        // Until the profile exists, the variant's capabilities decide what may be asked.
        if variant.capabilities.crcProtectLock {
            _ = try? session.linkCheck(timeout: .milliseconds(100))   // bk7231tools base/enums.py crc_flash_protect_lock, cmd_ll_chip.py
        }

        var chipID: UInt32?
        var family: ChipFamily
        if variant.capabilities.registerAccess {
            chipID = try confirmed { try session.readRegister(ChipFamily.sctrlChipIDRegister) }
            if let bootloader {
                family = bootloader.chip.family
            } else if let id = chipID, let match = ChipFamily.forChipID(id) {
                family = match
            } else {
                family = ChipKind.bk7231n.family
                events(.notice(.unknownChipID(chipID ?? 0, assumed: ChipKind.bk7231n.displayName)))
            }
        } else {
            family = bootloader?.chip.family ?? ChipKind.bk7231u.family
        }

        var bootVersion: String?
        if variant.capabilities.bootVersion || (bootloader == nil && variant == .basicBeken) {
            bootVersion = try? session.readBootVersion()
            if bootloader == nil, let text = bootVersion, text.uppercased().hasPrefix("BK7231S") {
                family = ChipKind.bk7231t.family
                variant = .basicTuya
            }
        }

        var flashID: [UInt8]?
        var flashChip: SPIFlashChip?
        var flashSize = bootloader?.flashSize ?? family.typicalFlashSize ?? 0x200000
        if variant.capabilities.flashStatusAccess {
            let id = try confirmed { try session.readJEDECID() }
            flashID = id
            flashChip = SPIFlashTable.lookup(jedecBytes: id)
            if let size = flashChip?.size ?? SPIFlashChip.sizeFromCapacity(id[2]) {
                flashSize = size
            } else {
                events(.notice(.flashSizeUnknown(flashID: id, assumedSize: flashSize)))
            }
        }
        if bootloader == nil {
            events(.notice(.unknownBootloader(crc: rawCRC ^ 0xFFFF_FFFF, protocolVariant: variant)))
        }
        let profile = ChipProfile(family: family, protocolVariant: variant, bootloader: bootloader, flashID: flashID,
                                  flashChip: flashChip, flashSize: flashSize)
        return ChipIdentity(profile: profile, bootloaderRawCRC: rawCRC, chipIDRegister: chipID,
                            bootVersion: bootVersion, flashID: flashID, efuseKey: nil, mac: nil)
    }

    /// bk7231tools linking.py detect_chip: CheckCRC(0x11000, 0x11100) against the bytes read at 0x11000: 257 bytes hashed → FULL, 256 → BASIC.
    private func classifyUnknown(rawCRC: UInt32) throws -> ProtocolVariant {
        let probe = BootloaderTable.classificationProbe
        let chipCRC = try confirmed { try session.checkCRC(start: probe.start, end: probe.end, hashedBytes: 257) }
        // Only the first 257 bytes matter: take them even from a Read4K reply damaged further on (a noisy link
        // rarely delivers 4 KiB intact); a damaged prefix matches neither CRC and is read again.
        for attempt in 1 ... 12 {
            let (replies, _) = try session.exchangeBatch([.flashRead4K(address: probe.start)],
                                                         replyBytes: 15 + FlashGeometry.sector, work: .zero)
            for reply in replies where reply.isLong && reply.code == FlashOp.read4K.rawValue && reply.body.count >= 5 + 257
                && reply.body[0] == 0
                && LE.u32(reply.body, at: 1) == probe.start {
                let data = reply.body[5 ..< 5 + 257]
                if let variant = BootloaderTable.classifyUnknown(chipRawCRC: chipCRC,
                                                                 rawCRCOf257Bytes: BekenCRC32.raw(data),
                                                                 rawCRCOf256Bytes: BekenCRC32.raw(data.prefix(256))) {
                    return variant
                }
            }
            if attempt > 1 {
                events(.retry(operation: "identify", address: Int(probe.start), attempt: attempt,
                              reason: .crcConventionUnclear))
            }
        }
        throw FlasherError(.unknownBootloader,
                           "unknown bootloader (CRC 0x\(String(rawCRC ^ 0xFFFF_FFFF, radix: 16, uppercase: true))) and its CRC range test matched neither protocol",
                           hint: .lowerBaudOrReportBootloader(to: 115_200))
    }

    /// The eFuse key: 16 bytes through SCTRL_EFUSE_CTRL/OPTR (ltchiptool soc/bk72xx/flash.py flash_read_raw).
    func readEFuseKey(_ registers: EFuseRegisters) throws -> CodeKey? {
        var bytes: [UInt8] = []
        for index in 0..<16 {
            guard let byte = try readEFuseByte(registers, index: index) else { return nil }
            bytes.append(byte)
        }
        return CodeKey(efuseBytes: bytes)
    }

    /// One eFuse byte, nil when the controller does not deliver it.
    func readEFuseByte(_ registers: EFuseRegisters, index: Int) throws -> UInt8? {
        let control = try retrying { try session.readRegister(registers.control) }
        let start = (control & ~UInt32(0x1F02)) | UInt32(index) << 8 | 1
        try retrying { try session.writeRegister(registers.control, start) }
        var polls = 0
        while try retrying({ try session.readRegister(registers.control) }) & 1 != 0 {
            polls += 1
            if polls > 100 { return nil }
        }
        let value = try retrying { try session.readRegister(registers.result) }
        guard value & 0x100 != 0 else { return nil }
        return UInt8(value & 0xFF)
    }

    /// Asks until the same answer came twice: one corrupted reply must not decide the chip, its protocol or its
    /// flash size.
    private func confirmed<T: Equatable>(_ body: () throws -> T) throws -> T {
        var seen: [T] = []
        for _ in 0 ..< 6 {
            let value = try retrying(body)
            if seen.contains(value) { return value }
            seen.append(value)
        }
        throw FlasherError(.badResponse, "the chip's answers to the same identification request kept differing",
                           hint: .checkWiringThenLowerBaud(to: 115_200))
    }

    private func retrying<T>(_ body: () throws -> T) throws -> T {
        var attempt = 1
        while true {
            do { return try body() } catch let error as FlasherError where error.isRetryable && attempt < 4 {
                events(.retry(operation: "identify", address: nil, attempt: attempt + 1, reason: .failed(error)))
                _ = try session.resync()
                attempt += 1
            }
        }
    }
}

extension ChipFamily {
    /// SCTRL_CHIP_ID (bk7231tools base/enums.py BkChipType; BK7231GUIFlashTool BKChipIdentity.cs).
    static let sctrlChipIDRegister: UInt32 = 0x0080_0000
}
