import BekenProtocol

/// Reads verified by the chip's CRC, hashing each byte once (docs/TESTING.md model limit). The flash is taken in
/// groups of 64 KiB: one burst of CheckCRC requests, one per 4 KiB sector, comes first (one turnaround for the
/// group); a sector whose CRC is that of blank flash (all 0xFF) is proven without reading it (a typical Tuya dump
/// is about 40 % blank, and blank sectors sit inside written regions too); the other sectors are read with
/// FlashRead4K requests pipelined two deep and each compared with its own CRC. Sectors whose reply was damaged or
/// whose bytes do not match are read by CarefulReader (pieces of ~510 bytes, each proven by its own chip CRC), and
/// so are the next groups until one comes back clean again; a CRC burst that lost a reply sends its whole group there.
/// Once the link has shown damage, fast groups are 16 KiB: a burst voided by one damaged reply wastes less hashing.
struct FlashReader {
    let operations: FlashOperations
    let memory: ReaderMemory
    /// Bytes per group (one CheckCRC burst).
    var groupSize = 0x10000
    /// Attempts per chunk (bk7231tools: 20 retries, bk7231tools base/data.py).
    var chunkAttempts = 20
    /// Keep one request in flight while a reply streams in.
    var pipelined = true

    /// Reads `range` (any alignment); `sink` gets verified pieces in order.
    func read(_ range: Range<Int>, progress: (Int) -> Void,
              sink: (_ address: Int, _ bytes: ArraySlice<UInt8>) throws -> Void) throws {
        let aligned = FlashGeometry.sectorFloor(range.lowerBound) ..< FlashGeometry.sectorCeil(range.upperBound)
        var done = 0
        var groupStart = aligned.lowerBound
        while groupStart < aligned.upperBound {
            let size = memory.carefulSpansLeft > 0 ? FlashReader.carefulSpanSize
                : memory.linkDamaged ? FlashReader.troubledGroupSize : groupSize
            let groupEnd = min(aligned.upperBound, (groupStart / size + 1) * size)
            let group = groupStart ..< groupEnd
            let data: [UInt8]
            if memory.carefulSpansLeft > 0 {
                let (bytes, rounds) = try readCarefully(group) { groupDone in progress(done + groupDone) }
                noteCarefulGroup(rounds: rounds)
                data = bytes
            } else {
                data = try readGroup(group) { groupDone in progress(done + groupDone) }
            }
            operations.relinker.noteProven(group.count)
            done += group.count
            progress(done)
            let wanted = max(group.lowerBound, range.lowerBound) ..< min(group.upperBound, range.upperBound)
            try sink(wanted.lowerBound, data[(wanted.lowerBound - group.lowerBound) ..< (wanted.upperBound - group.lowerBound)])
            groupStart = groupEnd
        }
    }

    /// Groups read carefully after the last one that needed a second round.
    static let carefulSpansAfterTrouble = 2
    /// Bytes per careful group (CarefulReader).
    static let carefulSpanSize = 0x10000
    /// Bytes per fast group once the link has damaged a reply: four sector CRCs per burst.
    static let troubledGroupSize = 0x4000

    /// The fast path: the sectors' CRCs in one burst, the non-blank sectors read, each checked against its CRC;
    /// whatever did not arrive intact is read carefully.
    private func readGroup(_ group: Range<Int>, progress: (Int) -> Void) throws -> [UInt8] {
        let sectors = stride(from: group.lowerBound, to: group.upperBound, by: FlashGeometry.sector).map {
            $0 ..< $0 + FlashGeometry.sector
        }
        guard let crcs = try operations.chipCRCs(sectors) else {
            let (data, rounds) = try readCarefully(group, progress: progress)
            noteCarefulGroup(rounds: rounds)
            return data
        }
        var data = [UInt8](repeating: 0xFF, count: group.count)
        let written = sectors.indices.filter { crcs[$0] != FlashReader.blankSectorCRC }
        let chunks = try readChunks(written.map { sectors[$0].lowerBound }, progress: progress)
        var unproven: [Int] = []
        for (position, index) in written.enumerated() {
            guard let bytes = chunks.received[position], BekenCRC32.raw(bytes) == crcs[index] else {
                if !chunks.damaged {
                    operations.events(.retry(operation: "read (CRC mismatch)", address: sectors[index].lowerBound,
                                             attempt: 2, reason: .crcDiffersAfterRead))
                }
                unproven.append(index)
                continue
            }
            let offset = sectors[index].lowerBound - group.lowerBound
            data.replaceSubrange(offset ..< offset + bytes.count, with: bytes)
        }
        guard !unproven.isEmpty else { return data }
        // Contiguous runs of sectors still unproven, each read carefully.
        var rounds = 0
        var runStart = 0
        while runStart < unproven.count {
            var runEnd = runStart + 1
            while runEnd < unproven.count, unproven[runEnd] == unproven[runEnd - 1] + 1 { runEnd += 1 }
            let run = sectors[unproven[runStart]].lowerBound ..< sectors[unproven[runEnd - 1]].upperBound
            let (bytes, runRounds) = try readCarefully(run) { _ in }
            rounds = max(rounds, runRounds)
            data.replaceSubrange(run.lowerBound - group.lowerBound ..< run.upperBound - group.lowerBound, with: bytes)
            runStart = runEnd
        }
        noteCarefulGroup(rounds: rounds)
        return data
    }

    private func readCarefully(_ range: Range<Int>, progress: (Int) -> Void) throws -> (data: [UInt8], rounds: Int) {
        try CarefulReader(operations: operations, memory: memory).read(range, progress: progress)
    }

    /// A group needed the careful reader: the next groups are read carefully too, until one takes a single round.
    private func noteCarefulGroup(rounds: Int) {
        memory.linkDamaged = true
        if rounds > 1 || memory.carefulSpansLeft == 0 {
            memory.carefulSpansLeft = FlashReader.carefulSpansAfterTrouble
        } else {
            memory.carefulSpansLeft -= 1
        }
    }

    /// The chip's raw CRC of `count` bytes of 0xFF (an erased range).
    static func blankCRC(_ count: Int) -> UInt32 {
        var crc = BekenCRC32.initial
        var left = count
        while left > 0 {
            let piece = min(left, blank.count)
            crc = BekenCRC32.update(crc, with: blank[0 ..< piece])
            left -= piece
        }
        return crc
    }

    private static let blank = [UInt8](repeating: 0xFF, count: 0x4000)

    /// The chip's raw CRC of one erased 4 KiB sector.
    private static let blankSectorCRC = blankCRC(FlashGeometry.sector)

    /// The 4 KiB chunks at `addresses`, unverified, and whether a reply arrived damaged. Requests stay `depth`
    /// deep; replies are matched by their echoed address, so a reply lost on a silent link costs a re-request of
    /// that chunk only (selective repeat), after a relink.
    ///
    /// A reply that arrives damaged (bytes heard, frame broken or lost) ends the attempt at once: what is still
    /// on its way is drained and the chunks without data are left to the careful reader.
    private func readChunks(_ addresses: [Int], progress: (Int) -> Void) throws -> (received: [[UInt8]?], damaged: Bool) {
        let wire = addresses.map { operations.addressing.wireAddress($0) }
        let depth = pipelined ? 2 : 1
        var received = [[UInt8]?](repeating: nil, count: addresses.count)
        var receivedCount = 0
        var queue = Array(addresses.indices)   // chunk indices still to request, in order
        var inFlight: [Int] = []               // requested, oldest first
        var attempts = [Int](repeating: 0, count: addresses.count)
        while receivedCount < addresses.count {
            while inFlight.count < depth, !queue.isEmpty {
                let index = queue.removeFirst()
                attempts[index] += 1
                try operations.session.sendFlashRead4K(wire[index])
                inFlight.append(index)
            }
            do {
                let reply = try operations.session.receiveAnyFlashRead4K(pending: inFlight.count)
                guard let position = inFlight.firstIndex(where: { wire[$0] == reply.wireAddress }) else { continue }
                // The chip answers in order: requests before this one lost their replies.
                let lost = !inFlight[..<position].isEmpty
                let index = inFlight[position]
                inFlight.removeFirst(position + 1)
                if received[index] == nil {
                    received[index] = reply.data
                    receivedCount += 1
                }
                guard !lost else { return drained(received) }
                operations.noteSuccess()
                progress(receivedCount * FlashGeometry.sector)
            } catch let error as FlasherError where error.isRetryable {
                if error.code != .noResponse || !error.isSilent { return drained(received) }
                let lost = inFlight
                inFlight = []
                try requeue(lost, into: &queue, attempts: attempts, error: error)
                try operations.recover(after: error, operation: "read", address: lost.first.map { addresses[$0] },
                                       attempt: lost.first.map { attempts[$0] } ?? 1)
            }
        }
        return (received, false)
    }

    /// Drops the replies still on their way, for the careful reader to start clean.
    private func drained(_ received: [[UInt8]?]) -> (received: [[UInt8]?], damaged: Bool) {
        operations.session.drainInput(quiet: .milliseconds(3), limit: .milliseconds(60))
        return (received, true)
    }

    /// Puts lost chunks back at the front of the queue; throws `error` once a chunk used up its attempts.
    private func requeue(_ lost: [Int], into queue: inout [Int], attempts: [Int],
                         error: FlasherError) throws {
        if lost.contains(where: { attempts[$0] >= chunkAttempts }) { throw error }
        queue.insert(contentsOf: lost, at: 0)
    }
}
