import BekenChips

/// Clearing the flash's block protection before erase/write on ROM chips (protocol.md §7.2 algorithm with the
/// table's recipe; unknown parts get bk7231tools' generic SR1/SR2 mask 0x407C, §7.3 — but only written when a
/// protection bit is actually set, because a needless write bricked SR bits on some BK7238 parts, §7.3/§14.10).
struct Unprotect {
    let session: Session
    let events: FlasherEventHandler

    /// The parts of a recipe this algorithm uses.
    struct Recipe {
        let readOpcodes: [UInt8]
        let writeOpcode: UInt8
        let writeByteCount: Int
        let mask: UInt32
        let unprotectedField: UInt32

        init(_ recipe: UnprotectRecipe) {
            readOpcodes = recipe.statusReadOpcodes
            writeOpcode = recipe.writeOpcode
            writeByteCount = recipe.writeByteCount
            mask = recipe.mask
            unprotectedField = recipe.field(recipe.unprotectedField)
        }

        init(readOpcodes: [UInt8], writeOpcode: UInt8, writeByteCount: Int, mask: UInt32) {
            self.readOpcodes = readOpcodes
            self.writeOpcode = writeOpcode
            self.writeByteCount = writeByteCount
            self.mask = mask
            unprotectedField = 0
        }

        var statusReadOpcodes: [UInt8] { readOpcodes }
        func isUnprotected(_ status: UInt32) -> Bool { readOpcodes.isEmpty || status & mask == unprotectedField }
        func unprotectedValue(from status: UInt32) -> UInt32 { (status & ~mask) | unprotectedField }
        func writeBytes(for status: UInt32) -> [UInt8] {
            (0..<writeByteCount).map { UInt8(truncatingIfNeeded: status >> (8 * UInt32($0))) }
        }
    }

    /// bk7231tools' mask: CMP + BP4…BP0 over SR1 | SR2 << 8, written with opcode 0x01 (§7.3).
    static let genericRecipe = Recipe(readOpcodes: [0x05, 0x35], writeOpcode: 0x01, writeByteCount: 2, mask: 0x407C)

    func run(flash: SPIFlashChip?, flashIDText: String?) throws {
        let recipe = flash.map { Recipe($0.unprotect) } ?? Unprotect.genericRecipe
        guard !recipe.readOpcodes.isEmpty else { return }
        var status = try readStatus(recipe)
        if recipe.isUnprotected(status) { return }
        for _ in 0..<10 {
            let target = recipe.unprotectedValue(from: status)
            try session.writeStatusRegister(recipe.writeOpcode, recipe.writeBytes(for: target))
            Pause.sleep(.milliseconds(10))
            status = try readStatus(recipe)
            if recipe.isUnprotected(status) {
                events(.notice(.flashUnprotected(status: status)))
                return
            }
        }
        let part = flash.map { "\($0.name) (\(flashIDText ?? "?"))" } ?? "unknown flash \(flashIDText ?? "")"
        throw FlasherError(.unprotectFailed,
                           "could not clear the write protection of \(part): status register stays 0x\(String(status, radix: 16, uppercase: true))",
                           hint: flash == nil ? .reportUnknownFlash : .powerCycleAndRetry)
    }

    private func readStatus(_ recipe: Recipe) throws -> UInt32 {
        var status: UInt32 = 0
        for (index, opcode) in recipe.statusReadOpcodes.enumerated() {
            status |= UInt32(try session.readStatusRegister(opcode)) << (8 * UInt32(index))
        }
        return status
    }
}
