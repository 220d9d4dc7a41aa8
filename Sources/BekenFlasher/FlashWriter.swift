import BekenChips
import BekenProtocol

/// What a write did; `verifiedRanges` lets a later resume skip work that is known good.
public struct WriteReport: Sendable, Equatable {
    public let range: Range<Int>
    public var writtenSectors = 0
    /// Sectors whose chip CRC already matched the new data: neither erased nor written.
    public var skippedSectors = 0
    /// Sectors of the new data that are blank (0xFF): erased, not written.
    public var blankSectors = 0
    public var eraseCommands = 0
    public var retries = 0
    /// Sector-aligned ranges whose chip CRC matched after the write (or before it, when skipped).
    public var verified = FlashRanges()
    /// `verified` as ranges, in address order.
    public var verifiedRanges: [Range<Int>] { verified.ranges }

    public var skippedBytes: Int { skippedSectors * FlashGeometry.sector }
}

/// Writing with skip-identical (bk7231tools cmd_hl_flash.py program_flash: no peer compares before erasing), erase by 64 KiB blocks where
/// possible, Write4K, and a chip CRC over every written run; mismatching sectors are re-erased and rewritten.
///
/// Hashing on the chip is slow (~440 kB/s, docs/TESTING.md), so the skip test is cheap first. Rewrite shortcut: when the
/// first and the last sector of the range already match, one CheckCRC over the rest decides — rewriting the same
/// image costs one hash pass. (Firmware built with the same SDK often shares its first bytes, so a single small probe
/// is not enough evidence to spend a whole pass.) Otherwise each 64 KiB group is probed by its first 256 bytes (the
/// CRC granularity of the T bootloaders, bk7231tools cmd_ll_chip.py read_flash_range_crc); only groups whose probe matches are checked sector by
/// sector. A fresh image therefore pays one 256-byte hash per 64 KiB.
struct FlashWriter {
    let operations: FlashOperations
    let memory: WriterMemory
    /// Erase-and-write attempts per sector at one rate (a step-down on the way starts them again; a protected flash
    /// is caught when the CRC after a redo repeats, so only a corrupting link uses them all). At 0.01 % byte faults a 4 KiB
    /// frame arrives damaged a third of the time, so 8 attempts failed about one sector in 5 000 — one 1 MiB write
    /// in 20; 16 make it one in 10^7 sectors.
    var sectorAttempts = 16

    static let blankSectorCRC = BekenCRC32.raw([UInt8](repeating: 0xFF, count: FlashGeometry.sector))
    /// Bytes hashed to test whether a 64 KiB group may already hold the new data.
    static let probeSize = 256

    /// `image` covers the sector-aligned `range` exactly.
    func write(_ image: [UInt8], range: Range<Int>, progress: (Int) -> Void) throws -> WriteReport {
        precondition(image.count == range.count && range.lowerBound % FlashGeometry.sector == 0
                     && range.count % FlashGeometry.sector == 0)
        var report = WriteReport(range: range)
        guard !range.isEmpty else { return report }
        let sector = FlashGeometry.sector
        func slice(_ r: Range<Int>) -> ArraySlice<UInt8> { image[(r.lowerBound - range.lowerBound) ..< (r.upperBound - range.lowerBound)] }
        func expected(_ r: Range<Int>) -> UInt32 { BekenCRC32.raw(slice(r)) }
        func matches(_ r: Range<Int>) throws -> Bool { try operations.chipCRC(r) == expected(r) }

        // Rewrite shortcut: first sector, last sector, then the rest in one CheckCRC.
        let probeSize = FlashWriter.probeSize
        let firstSector = range.lowerBound ..< range.lowerBound + sector
        let firstMatches = try matches(firstSector)
        if firstMatches {
            let lastSector = range.upperBound - sector ..< range.upperBound
            let lastMatches = try lastSector == firstSector || matches(lastSector)
            // One or two sectors: nothing lies between the first and the last.
            let middle = firstSector.upperBound ..< max(firstSector.upperBound, lastSector.lowerBound)
            let allMatch = try lastMatches && (middle.isEmpty || matches(middle))
            if allMatch {
                report.skippedSectors = range.count / sector
                report.verified.insert(range)
                markVerified(range)
                progress(range.count)
                return report
            }
        }

        var done = 0
        for group in Self.groupsInWriteOrder(range) {
            let sectors = Array(stride(from: group.lowerBound, to: group.upperBound, by: sector))

            // Which sectors already hold the new data? Sectors this write proved before a relink are not checked
            // again (the edge groups come last, so a resume starts at the range's first sector while most of the
            // range is done; a garbled command since is caught by WriterMemory.rangesToCheckAgain).
            let provenBefore = Set(sectors.filter { memory.verified.contains($0) && memory.verified.contains($0 + sector - 1) })
            if provenBefore.count == sectors.count {
                done += group.count
                progress(done)
                continue
            }
            var identical = Set<Int>()
            let isFirstGroup = group.lowerBound == range.lowerBound
            let probeMatches = isFirstGroup ? firstMatches
                : try matches(group.lowerBound ..< group.lowerBound + probeSize)
            if probeMatches {
                for address in sectors where !provenBefore.contains(address) {
                    if isFirstGroup && address == range.lowerBound {
                        identical.insert(address)   // proven by the shortcut's first probe
                    } else if try matches(address ..< address + sector) {
                        identical.insert(address)
                    }
                }
            }
            for address in sectors where identical.contains(address) {
                report.verified.insert(address ..< address + sector)
                markVerified(address ..< address + sector)
            }
            report.skippedSectors += identical.count
            let dirty = sectors.filter { !identical.contains($0) && !provenBefore.contains($0) }

            if !dirty.isEmpty {
                // Erase: one 64 KiB block when the whole aligned block is dirty, else 4 KiB sectors.
                let steps: [EraseStep] = dirty.count == FlashGeometry.sectorsPerBlock
                    ? EraseStep.plan(for: group) : dirty.map { .sector($0) }
                if report.eraseCommands == 0 { try beforeFirstChange?() }
                for step in steps { try operations.erase(step, memory: memory) }
                var writtenInGroup = 0
                report.eraseCommands += steps.count
                // The rate each sector's data crossed the wire at (an erase or a write may step the baud down on
                // the way): a sector's check counts for or against that rate only. Blank sectors carry no data.
                var writtenAt: [Int: Int] = [:]
                var checkedAtOnce = Set<Int>()
                for address in dirty {
                    let data = slice(address ..< address + sector)
                    if data.allSatisfy({ $0 == 0xFF }) {
                        report.blankSectors += 1
                    } else {
                        try operations.write4K(address, data, memory: memory)
                        writtenAt[address] = operations.session.baudRate
                        report.writtenSectors += 1
                        // Until this rate has written a few sectors intact, each is checked at once: on a line that
                        // is noisy at this rate the baud steps down after a few sectors, not after a whole 64 KiB
                        // group written at a rate that damages most of it. (Hashing costs the same either way.)
                        if !rateProven() {
                            let one = address ..< address + sector
                            let found = try operations.chipCRC(one)
                            if found == expected(one) {
                                noteIntactSector()
                            } else {
                                try noteDamagedSector()
                                try redo(address, data: data, found: found, range: range, report: &report)
                            }
                            checkedAtOnce.insert(address)
                            report.verified.insert(one)
                            markVerified(one)
                        }
                    }
                    writtenInGroup += sector
                    progress(done + (identical.count + provenBefore.count) * sector + writtenInGroup)
                }
                // Verify each written run with one CheckCRC; locate and redo failing sectors. After a run failed,
                // the next runs are checked sector by sector straight away (on a link that corrupts one sector in
                // three, a run's CRC almost never matches and only costs a second pass of hashing).
                func writtenAtCurrentRate(_ address: Int) -> Bool { writtenAt[address] == operations.session.baudRate }
                for run in FlashRanges(sectorsAt: dirty.filter { !checkedAtOnce.contains($0) }, sectorSize: sector) {
                    let runSectors = stride(from: run.lowerBound, to: run.upperBound, by: sector)
                    if !memory.checkSectorsSeparately, try matches(run) {
                        for address in runSectors where writtenAtCurrentRate(address) { noteIntactSector() }
                        report.verified.insert(run)
                        markVerified(run)
                        continue
                    }
                    var everySectorMatchedAtOnce = true
                    defer { memory.checkSectorsSeparately = !everySectorMatchedAtOnce }
                    // The sectors' CRCs in one burst (one turnaround for the run, as the reader's groups). They
                    // stand only while no command has needed a retry since: a redo whose command went astray may
                    // have changed a later sector of the run (its reply said so, or said nothing).
                    let burst = try operations.chipCRCs(runSectors.map { $0 ..< $0 + sector })
                    let retriesAtBurst = operations.retryCount
                    for (index, address) in runSectors.enumerated() {
                        let one = address ..< address + sector
                        let found = try burst.flatMap { operations.retryCount == retriesAtBurst ? $0[index] : nil }
                            ?? operations.chipCRC(one)
                        if found != expected(one) {
                            everySectorMatchedAtOnce = false
                            if writtenAtCurrentRate(address) { try noteDamagedSector() }
                            try redo(address, data: slice(one), found: found, range: range, report: &report)
                        } else if writtenAtCurrentRate(address) {
                            noteIntactSector()
                        }
                        report.verified.insert(one)
                        markVerified(one)
                    }
                }
            }
            done += group.count
            progress(done)
        }
        return report
    }

    /// The range cut at 64 KiB block boundaries, the groups that fill a whole block first and those that cover a
    /// block only in part last. A sector erase whose size byte arrives garbled (0x20 read as 0x52 or 0xD8) erases
    /// the 32 or 64 KiB block around it: in a whole block that stays inside the range, in a partial block it
    /// reaches the flash beside the write, and a 4 KiB restore seldom gets through the noise that garbled it
    /// (issue 18: a 0.1 % garbage line cleared 0x10000 while the first sector, 0x11000, was redone 21 times before
    /// the write gave up). On a link that hopeless the write now gives up inside a whole block, before an edge
    /// sector was ever erased.
    static func groupsInWriteOrder(_ range: Range<Int>) -> [Range<Int>] {
        var groups: [Range<Int>] = []
        var start = range.lowerBound
        while start < range.upperBound {
            let end = min(range.upperBound, FlashGeometry.blockFloor(start) + FlashGeometry.block)
            groups.append(start ..< end)
            start = end
        }
        let whole = groups.filter { $0.count == FlashGeometry.block }
        return whole + groups.filter { $0.count != FlashGeometry.block }
    }

    /// Records a CRC-proven range and announces it (`.verified`, for a later resume).
    private func markVerified(_ range: Range<Int>) {
        memory.markVerified(range)
        operations.relinker.noteProven(range.count)
        operations.events(.verified(range: range))
    }

    /// Erases and rewrites the sector at `address` (its chip CRC, `found`, differs from `data`) until the CRC matches, or
    /// gives up saying why. A flash that ignores erases (protected) leaves the same bytes after every attempt, so
    /// when the CRC after a redo equals the one before it, the writer checks that an erase takes (twice: a command
    /// can be garbled once) and stops if not — rewriting cannot help. Data damaged on the way differs from attempt
    /// to attempt, so a noisy link never pays for that check (at 0.01 % byte faults a third of the redos need
    /// another; each check costs a 4 KiB hash).
    func redo(_ address: Int, data: ArraySlice<UInt8>, found: UInt32, range: Range<Int>,
              report: inout WriteReport) throws {
        let one = address ..< address + FlashGeometry.sector
        let expected = BekenCRC32.raw(data)
        let blankData = data.allSatisfy { $0 == 0xFF }
        // The rate the last redo's data crossed the wire at (nil: nothing written yet, or blank data).
        var lastWrittenAt: Int?
        var crcBefore: UInt32?
        var crcAfter = found
        var attempt = 1
        // Attempts count per rate: a step-down on the way starts them again (the damage was the other rate's).
        var attemptsAtRate = 1
        var rate = operations.session.baudRate
        repeat {
            try operations.checkDeadline()
            if operations.session.baudRate != rate {
                rate = operations.session.baudRate
                attemptsAtRate = 1
            }
            guard attemptsAtRate < sectorAttempts else {
                try requireErasesTake(address, range: range, report: &report)
                throw FlasherError(.verifyFailed,
                                   "the data written at 0x\(String(address, radix: 16, uppercase: true)) keeps arriving corrupted (chip CRC differs after \(attempt) erase-and-write attempts; erasing works)",
                                   flash: .partlyWritten(range: range),
                                   hint: .lowerBaudForDamagedWrites(rates: [921_600, 115_200]))
            }
            // The last redo's data arrived damaged: it counts against the rate it was written at.
            if lastWrittenAt == operations.session.baudRate { try noteDamagedSector() }
            report.retries += 1
            operations.events(.retry(operation: "write (CRC mismatch)", address: address,
                                     attempt: attempt + 1, reason: .crcDiffersAfterWrite))
            if crcAfter == crcBefore {
                try requireErasesTake(address, range: range, report: &report)
            } else {
                try operations.erase(.sector(address), memory: memory)
                report.eraseCommands += 1
            }
            if !blankData {
                try operations.write4K(address, data, memory: memory)
                lastWrittenAt = operations.session.baudRate
            }
            attempt += 1
            attemptsAtRate += 1
            crcBefore = crcAfter
            crcAfter = try operations.chipCRC(one)
        } while crcAfter != expected
        if lastWrittenAt == operations.session.baudRate { noteIntactSector() }
    }

    /// Erases the sector at `address` and checks by its chip CRC that it is blank, erasing once more if not (the
    /// first erase may have been garbled); throws when it stays written: the flash ignores erases.
    private func requireErasesTake(_ address: Int, range: Range<Int>, report: inout WriteReport) throws {
        let one = address ..< address + FlashGeometry.sector
        for _ in 0 ..< 2 {
            try operations.erase(.sector(address), memory: memory)
            report.eraseCommands += 1
            if try operations.chipCRC(one) == FlashWriter.blankSectorCRC { return }
        }
        throw FlasherError(.eraseFailed,
                           "the sector at 0x\(String(address, radix: 16, uppercase: true)) is not blank after an erase the chip acknowledged: \(operations.flashLabel) ignores erases",
                           flash: .partlyWritten(range: range),
                           hint: .flashWriteProtected(flash: operations.flashLabel, reportIfPersisting: true))
    }

    /// A sector write found damaged: it counts as evidence against the rate it was written at (WriteDamageEvidence);
    /// enough of it steps the baud down one rate.
    private func noteDamagedSector() throws {
        syncDamageRate()
        guard memory.damageEvidence.note(damaged: true) else { return }
        let evidence = memory.damageEvidence
        // One entry per rate (at the lowest rate the evidence stays high; its latest state counts).
        let rate = operations.session.baudRate
        if memory.noisyRates.last?.rate == rate { memory.noisyRates.removeLast() }
        memory.noisyRates.append((rate, evidence.recentDamaged, evidence.recentWrites))
        let lastRates = memory.noisyRates.suffix(WriteDamageEvidence.hopelessRatesInARow)
        if lastRates.count == WriteDamageEvidence.hopelessRatesInARow,
           lastRates.allSatisfy({ Double($0.damaged) >= WriteDamageEvidence.hopelessShare * Double($0.written) }) {
            let seen = lastRates.map { "\($0.damaged) of \($0.written) at \($0.rate)" }.joined(separator: ", ")
            throw FlasherError(.verifyFailed,
                               "nearly every sector written arrives damaged, and stepping the baud rate down does not help this link (\(seen) baud)",
                               hint: .lowerBaudForDamagedWrites(rates: Self.ratesToSuggest(below: rate)))
        }
        try operations.stepDownForDamagedWrites(damaged: evidence.recentDamaged, of: evidence.recentWrites)
        memory.steppedDownForDamage = true
        syncDamageRate()
    }

    /// The fastest and the slowest rate of the ladder below `rate` (115 200 when none is).
    static func ratesToSuggest(below rate: Int) -> [Int] {
        let lower = BaudController.ladder.filter { $0 < rate }
        guard let fastest = lower.first, let slowest = lower.last else { return [115_200] }
        return fastest == slowest ? [fastest] : [fastest, slowest]
    }

    /// Sectors written intact at a rate before its writes are checked a run at a time.
    static let intactSectorsToTrustRate = 3

    /// Whether the current rate has written `intactSectorsToTrustRate` sectors intact.
    private func rateProven() -> Bool {
        syncDamageRate()
        return memory.intactAtRate >= Self.intactSectorsToTrustRate
    }

    private func noteIntactSector() {
        syncDamageRate()
        memory.intactAtRate += 1
        _ = memory.damageEvidence.note(damaged: false)
    }

    /// Called once, before the first erase of a write that changes anything (not when the rewrite shortcut or
    /// the skip test finds the data already there): the Flasher reads the sectors beside the range that one flipped
    /// address bit reaches (FlashGeometry.neighbourSectors), so a garbled command there can be put back. Before the
    /// first change, not at the first sign of noise: by then the sector beside the first one may be hit already
    /// (a steady 0.01 % garbage line changed 0x10000 in one of 20 writes), and reading in the middle of a write
    /// costs two more status writes; reading at the first damaged sector raised the 0.01 % rows' slowest trials to
    /// 2.03–2.10 x.
    var beforeFirstChange: (() throws -> Void)?

    /// Damage counts belong to one rate: they start again after any rate change.
    private func syncDamageRate() {
        let rate = operations.session.baudRate
        guard rate != memory.damageRate else { return }
        memory.damageRate = rate
        memory.damageEvidence = WriteDamageEvidence(afterStepDown: memory.steppedDownForDamage)
        memory.intactAtRate = 0
    }

    /// Sectors that a write or erase with a garbled address may have changed (WriterMemory.takeSuspectSectors),
    /// each checked by its chip CRC: inside `range` against the image (redone when it differs), outside it against
    /// what the flash is known to hold (`known`: restored when it differs). Suspect sectors outside the range whose
    /// old bytes nobody kept cannot be checked: they are returned in `unknown`.
    /// Called before a sector outside the range is restored (the Flasher lifts a protection that covers it: the
    /// sector differs, so the protection was not in effect there, and a protected sector cannot be put back).
    var beforeRestoring: ((Range<Int>) throws -> Void)?

    /// Outside the range and not known, a sector is checked against `earlier` (EarlierBackup: only where the rest
    /// of its block proves the backup current), except inside `protected`, which kept its bytes whatever the backup says.
    func recheckSuspects(_ image: [UInt8], range: Range<Int>, known: KnownFlash, earlier: EarlierBackup? = nil,
                         protected: Range<Int>? = nil,
                         report: inout WriteReport) throws -> (restored: FlashRanges, unknown: FlashRanges) {
        var restored = FlashRanges(), unknown = FlashRanges()
        // Echoed addresses are chip addresses: the flash wraps them (mirror window, bits above its size).
        let sectors = Set(memory.takeSuspectSectors().map { operations.addressing.physicalAddress($0) }).sorted()
        let suspects = FlashRanges(sectorsAt: sectors, sectorSize: FlashGeometry.sector)
        for address in sectors {
            let one = address ..< address + FlashGeometry.sector
            let data: ArraySlice<UInt8>
            if range.contains(address) {
                data = image[(one.lowerBound - range.lowerBound) ..< (one.upperBound - range.lowerBound)]
            } else if let old = known.contents(of: one) {
                data = old
            } else if protected?.contains(address) != true, let earlier,
                      let old = try earlier.contents(of: one, written: range, suspects: suspects,
                                                     chipCRC: { try operations.chipCRC($0) }) {
                data = old
            } else {
                unknown.insert(one)
                continue
            }
            let found = try operations.chipCRC(one)
            if found != BekenCRC32.raw(data) {
                if !range.contains(address) { try beforeRestoring?(one) }
                try redo(address, data: data, found: found, range: range, report: &report)
                if !range.contains(address) { restored.insert(one) }
            }
        }
        return (restored, unknown)
    }

    /// Every whole sector outside `range` whose bytes are known, compared by chip CRC (a span at a time, then its
    /// 64 KiB blocks, then sectors where a CRC differs) and restored where it differs: after trouble that leaves
    /// unknown where a garbled erase or write acted (WriterMemory.placeUnknown). Returns the restored sectors.
    func sweepOutside(_ range: Range<Int>, known: KnownFlash, flashSize: Int,
                      report: inout WriteReport) throws -> FlashRanges {
        var restored = FlashRanges()
        let outside = known.ranges.clamped(to: 0 ..< range.lowerBound)
            .union(known.ranges.clamped(to: range.upperBound ..< flashSize))
        func differs(_ span: Range<Int>) throws -> Bool {
            guard let old = known.contents(of: span) else { return false }
            return try operations.chipCRC(span) != BekenCRC32.raw(old)
        }
        for span in outside {
            let whole = FlashGeometry.sectorCeil(span.lowerBound) ..< FlashGeometry.sectorFloor(span.upperBound)
            guard !whole.isEmpty, try differs(whole) else { continue }
            var blockStart = whole.lowerBound
            while blockStart < whole.upperBound {
                let block = blockStart ..< min(whole.upperBound, FlashGeometry.blockFloor(blockStart) + FlashGeometry.block)
                blockStart = block.upperBound
                guard try differs(block) else { continue }
                for address in stride(from: block.lowerBound, to: block.upperBound, by: FlashGeometry.sector) {
                    let one = address ..< address + FlashGeometry.sector
                    guard let old = known.contents(of: one) else { continue }
                    let found = try operations.chipCRC(one)
                    guard found != BekenCRC32.raw(old) else { continue }
                    try beforeRestoring?(one)
                    try redo(address, data: old, found: found, range: range, report: &report)
                    restored.insert(one)
                }
            }
        }
        return restored
    }
}
