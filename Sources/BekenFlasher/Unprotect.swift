import BekenChips

/// Clearing the flash's block protection before erase/write on ROM chips (BK7231GUIFlashTool BK7231Flasher.cs setProtectState algorithm with the
/// recipe the chip's profile chose: the table's, or bk7231tools' generic SR1/SR2 mask 0x407C for unknown parts) —
/// written only when a protection bit is actually set, because a needless write bricked SR bits on some BK7238
/// parts (bk7231tools PR #29). Every write is checked by reading the status back; a write that sets protection bits
/// instead of clearing them, or a chip and flash pair known to ignore the write, stops at once with what it read.
struct Unprotect {
    let session: Session
    let events: FlasherEventHandler

    func run(_ recipe: StatusRegisterUnprotect, chip: ChipKind, flash: SPIFlashChip?, flashIDText: String?) throws {
        guard !recipe.readOpcodes.isEmpty else { return }
        let before = try readStatus(recipe)
        if recipe.isUnprotected(before) { return }
        var status = before
        for _ in 0 ..< recipe.maxWrites {
            let target = recipe.unprotectedValue(from: status)
            try session.writeStatusRegister(recipe.writeOpcode, recipe.writeBytes(for: target))
            Pause.sleep(.milliseconds(10))
            status = try readStatus(recipe)
            if recipe.isUnprotected(status) {
                events(.notice(.flashUnprotected(status: status)))
                return
            }
            // Protection bits that were clear before and are set now: writing again would only set more.
            if status & ~before & recipe.mask != 0 { break }
        }
        let part = flash.map { "\($0.name) (\(flashIDText ?? "?"))" } ?? "unknown flash \(flashIDText ?? "")"
        var message = "could not clear the write protection of \(part): status register stays 0x\(hex(status))"
        if let quirk = recipe.knownQuirk {
            let what = quirk.behaviour == .writeIgnored ? "ignores" : "sets every bit on"
            message += " (was 0x\(hex(before))); this flash on a \(chip.displayName) is known to \(what) the "
                + "status-register write (\(quirk.source)), so it was written once only"
        } else if status & ~before & recipe.mask != 0 {
            message += " (was 0x\(hex(before))): the write set protection bits instead of clearing them, so it was "
                + "not repeated"
        }
        throw FlasherError(.unprotectFailed, message,
                           hint: recipe.knownQuirk != nil ? .flashStaysProtected
                               : flash == nil ? .reportUnknownFlash : .powerCycleAndRetry)
    }

    /// Sets the block protection for a read (Tuya firmware runs with its flash protected, so this is the device's
    /// normal state). Returns the status read back, or why the flash stays unprotected; never writes to a pair with a
    /// known quirk, and writes at most twice.
    func protectForRead(_ recipe: StatusRegisterUnprotect) throws -> ReadProtectionOutcome {
        guard !recipe.readOpcodes.isEmpty, recipe.knownQuirk == nil else { return .unprotected(.statusRegisterQuirk) }
        var status = try readStatus(recipe)
        for _ in 0 ..< 2 where !recipe.isProtected(status) {
            try session.writeStatusRegister(recipe.writeOpcode, recipe.writeBytes(for: recipe.protectedValue(from: status)))
            Pause.sleep(.milliseconds(10))
            status = try readStatus(recipe)
        }
        return recipe.isProtected(status) ? .protected(status: status) : .unprotected(.writeNotTaken(status: status))
    }

    /// Sets the block-protect bits inside `mask` to `bits` (the part's layout protecting what lies outside a range
    /// being written), every other status bit kept. Returns the status read back once it holds `bits`, nil when
    /// the part has no 2-byte status write, has a known quirk, or does not take the write (at most two writes).
    func protectOutsideWrite(_ recipe: StatusRegisterUnprotect, bits: UInt32, mask: UInt32) throws -> UInt32? {
        guard !recipe.readOpcodes.isEmpty, recipe.writeByteCount >= 2, recipe.knownQuirk == nil else { return nil }
        var status = try readStatus(recipe)
        for _ in 0 ..< 2 where status & mask != bits {
            try session.writeStatusRegister(recipe.writeOpcode, recipe.writeBytes(for: (status & ~mask) | bits))
            Pause.sleep(.milliseconds(10))
            status = try readStatus(recipe)
        }
        return status & mask == bits ? status : nil
    }

    private func readStatus(_ recipe: StatusRegisterUnprotect) throws -> UInt32 {
        var status: UInt32 = 0
        for (index, opcode) in recipe.readOpcodes.enumerated() {
            status |= UInt32(try session.readStatusRegister(opcode)) << (8 * UInt32(index))
        }
        return status
    }

    private func hex(_ value: UInt32) -> String { String(value, radix: 16, uppercase: true) }
}

/// What `Unprotect.protectForRead` achieved.
enum ReadProtectionOutcome {
    case protected(status: UInt32)
    case unprotected(ReadProtectionGap)
}
