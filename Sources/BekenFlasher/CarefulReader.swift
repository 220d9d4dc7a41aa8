import BekenProtocol

/// Reads on a link that corrupts bytes often (long wires at 1.5 Mbaud, issue 7): at a byte error rate of 0.1 % a
/// 4 KiB reply arrives intact only ~2 % of the time, so waiting for clean Read4K frames never ends.
///
/// Instead every piece (510 or 2040 bytes, see `Layout`) is proven on its own by the chip's CRC of that piece. Each round sends,
/// back to back in one burst, for every piece not yet proven: FlashRead (0x08) of each part of up to 255 bytes (the
/// chip uses only the low byte of the size, hid_download_py boot_protocol.py) and, when needed, CheckCRC of the piece. `ReplyScan` finds the replies,
/// so a damaged frame costs only itself, and the next round asks again for what is still missing; the parts that
/// did arrive are kept as candidates. Requests sent back to back also hide the adapter's turnaround (docs/TESTING.md
/// timing model: 1 ms before each reply).
///
/// FlashRead also fails safe: a flipped bit in its op byte gives 0x09/0x0A/0x0B/0x0C with the wrong len16 for those
/// ops (status 4, bk_idk bl_bk_hci_protocol.c), whereas one flipped bit turns Read4K (0x09) into Erase4K (0x0B). BL bootloaders lack
/// FlashRead (bk7231tools base/enums.py BkProtocolType): there each round asks Read4K for the chunks that still have unproven pieces.
///
/// Nothing is accepted unless the bytes' CRC equals a CRC the chip sent for that piece (a false match is a 2^-32
/// event per comparison; at most 2^4 × 2 comparisons per piece, 2 per wide one).
///
/// A chip that stops answering mid-burst is either still swallowing bytes into a frame whose length byte was
/// corrupted (it drops that frame after an idle gap, bk_idk bl_tra_hcit.c TRAhcit_Rx_Char) or busy hashing a huge CheckCRC range (only a reset
/// ends that): the reader first stays quiet for `idleGap`, then asks once, then relinks — or, once an RTS pulse is
/// known to reset the chip, resets it at once.
struct CarefulReader {
    let operations: FlashOperations
    let memory: ReaderMemory
    /// Rounds per span before giving up (each round re-asks only what is still missing).
    var rounds = 24

    /// Silence that makes the chip drop a half-received frame (bk_idk bl_tra_hcit.c TRAhcit_Rx_Char; the virtual chip uses 100 ms).
    var idleGap: Duration = .milliseconds(110)

    /// How a span is cut up. Each CheckCRC request is a risk of its own — one flipped bit in the top byte of its end
    /// address asks the chip to hash gigabytes, which only a reset ends (about once per 700 requests at 0.1 % bit
    /// flips) — and so is each FlashRead (a flipped bit in its len16 makes the chip swallow the following
    /// requests), so pieces and parts are as large as the protocol allows.
    struct Layout: Sendable, Equatable {
        /// Bytes proven by one CheckCRC.
        let pieceSize: Int
        /// Bytes per FlashRead (or per candidate slice of a Read4K reply).
        let partSize: Int

        /// ROM chips: FlashRead of 255 bytes (the most its one-byte size allows), pieces of two parts.
        static let flashRead = Layout(pieceSize: 510, partSize: 255)
        /// ROM chips on a link whose damage shows (bytes lost or inserted change a reply's length): eight parts per
        /// CheckCRC, a quarter of the CheckCRC requests — each one a chance, at 0.1 % inserted bytes about 0.8 %,
        /// of a shifted end address that keeps the chip hashing until a reset. A wide piece whose parts all
        /// arrived but do not match its CRC (damage that does not show: flipped bits) is split into `flashRead`
        /// pieces.
        static let flashReadWide = Layout(pieceSize: 2040, partSize: 255)
        /// BL chips: CheckCRC there hashes whole 256-byte blocks (bk7231tools cmd_ll_chip.py read_flash_range_crc), so pieces are 512 bytes.
        static let read4K = Layout(pieceSize: 512, partSize: 128)
    }

    /// Distinct candidates kept per part and CRCs kept per piece: at most 2^4 × 2 comparisons per proof, so a
    /// false match stays below 10^-8 per piece.
    private static let keep = 2

    private struct Piece {
        let range: Range<Int>
        let parts: [Range<Int>]
        /// Taken in the wide layout: proven by the newest candidates only, split into narrow pieces on a failure.
        let isWide: Bool
        var candidates: [[[UInt8]]]
        var crcs: [UInt32] = []
        var proven: [UInt8]?
        /// Rounds that ended with every part and a CRC at hand and still no proof (a part or the CRC is wrong).
        var failedProofs = 0

        /// Every part has a candidate and the chip sent at least one CRC: a proof could be tried.
        var isComplete: Bool { !crcs.isEmpty && candidates.allSatisfy { !$0.isEmpty } }

        /// FlashRead parts start at safe low bytes (ReadRequestShape); Read4K slices keep the plain stride.
        static func cut(_ range: Range<Int>, partSize: Int, shaped: Bool) -> [Range<Int>] {
            if shaped { return ReadRequestShape.cut(range, maxSize: partSize) }
            return stride(from: range.lowerBound, to: range.upperBound, by: partSize).map {
                $0 ..< min(range.upperBound, $0 + partSize)
            }
        }

        init(range: Range<Int>, partSize: Int, isWide: Bool = false, shaped: Bool = true) {
            self.range = range
            self.isWide = isWide
            parts = Self.cut(range, partSize: partSize, shaped: shaped)
            candidates = Array(repeating: [], count: parts.count)
        }
    }

    /// FlashRead turned out to be unsupported mid-span: start the span again with the Read4K layout.
    private struct LayoutChanged: Error {}

    /// How a round's burst of replies ended.
    private enum RoundOutcome {
        /// The terminating LinkCheck answered: whatever is missing was lost on the wire.
        case complete
        /// Replies stopped before the end.
        case cutShort
        /// Not one byte came back.
        case silent
    }

    /// Reads `span` (sector aligned); every byte returned is proven by a chip CRC. Also returns the rounds it took.
    func read(_ span: Range<Int>, progress: (Int) -> Void) throws -> (data: [UInt8], rounds: Int) {
        do {
            let layout: Layout = !memory.flashReadWorks ? .read4K : memory.carefulWide ? .flashReadWide : .flashRead
            return try read(span, layout: layout, progress: progress)
        } catch is LayoutChanged {
            return try read(span, layout: .read4K, progress: progress)
        }
    }

    private func read(_ span: Range<Int>, layout: Layout, progress: (Int) -> Void) throws -> (data: [UInt8], rounds: Int) {
        let shaped = layout != .read4K
        var pieces = Piece.cut(span, partSize: layout.pieceSize, shaped: shaped).map {
            Piece(range: $0, partSize: layout.partSize, isWide: layout == .flashReadWide, shaped: shaped)
        }
        var silentRounds = 0
        var roundsTaken = 0
        // Pieces whose parts and CRC all arrived, and how many of those did not match: damage that does not show.
        var proofAttempts = 0
        var proofFailures = 0
        defer { chooseNextLayout(current: layout, attempts: proofAttempts, failures: proofFailures) }
        for round in 1 ... rounds {
            let pending = pieces.indices.filter { pieces[$0].proven == nil }
            if pending.isEmpty { break }
            roundsTaken = round
            try operations.checkDeadline()
            if round > 1 {
                operations.events(.retry(operation: "read (careful)", address: pieces[pending[0]].range.lowerBound, attempt: round,
                                         reason: .piecesUnproven(pieces: pending.count, pieceSize: layout.pieceSize)))
            }
            let outcome: RoundOutcome
            if layout != .read4K {
                outcome = try roundWithFlashRead(&pieces, pending: pending)
                if !memory.flashReadWorks { throw LayoutChanged() }
            } else {
                outcome = try roundWithRead4K(&pieces, pending: pending)
            }
            for index in pending {
                Self.tryProve(&pieces[index])
                guard pieces[index].isComplete else { continue }
                proofAttempts += 1
                if pieces[index].proven == nil {
                    proofFailures += 1
                    pieces[index].failedProofs += 1
                }
            }
            operations.relinker.noteProven(pending.reduce(0) { $0 + (pieces[$1].proven == nil ? 0 : pieces[$1].range.count) })
            if layout == .flashReadWide { Self.splitFailedWidePieces(&pieces, into: Layout.flashRead) }
            progress(pieces.reduce(0) { $0 + ($1.proven == nil ? 0 : $1.range.count) })
            switch outcome {
            case .complete:
                silentRounds = 0
                operations.noteSuccess()
            case .cutShort, .silent:
                // Replies stopped before the end. Quiet for `idleGap` (a chip swallowing bytes into a frame with a
                // corrupted length drops it), then one LinkCheck; no answer: reset (brown-out) or busy hashing a
                // huge range — link again (boot window, then the reset ladder). Where a pulse is known to reset
                // the chip, reset at once: that ends both cases sooner than the quiet alone.
                if !operations.relinker.pulseResetsChip {
                    Pause.sleep(idleGap)
                    operations.session.dropPendingInput()
                    if try operations.session.linkCheck(timeout: .milliseconds(15)) {
                        silentRounds = 0
                        continue
                    }
                }
                silentRounds += 1
                try operations.recoverSilentChip(operation: "read", address: pieces[pending[0]].range.lowerBound,
                                                 attempt: silentRounds)
            }
        }
        guard let unproven = pieces.first(where: { $0.proven == nil }) else {
            return (pieces.flatMap { $0.proven! }, roundsTaken)
        }
        throw FlasherError(.readFailed,
                           "the \(unproven.range.count) bytes at 0x\(String(unproven.range.lowerBound, radix: 16, uppercase: true)) never matched the chip's CRC in \(rounds) rounds",
                           hint: .lowerBaudForDamagedReplies(rates: [921_600, 115_200]))
    }

    // MARK: wide and narrow pieces

    /// Wide pieces that had all their parts and a CRC and still are not proven become narrow ones, keeping the
    /// parts they have (the next round asks them again with a CheckCRC of each narrow piece).
    private static func splitFailedWidePieces(_ pieces: inout [Piece], into narrow: Layout) {
        guard pieces.contains(where: { $0.proven == nil && $0.isComplete && $0.isWide }) else { return }
        pieces = pieces.flatMap { piece -> [Piece] in
            guard piece.proven == nil, piece.isComplete, piece.isWide else { return [piece] }
            return ReadRequestShape.cut(piece.range, maxSize: narrow.pieceSize).map { range in
                var small = Piece(range: range, partSize: narrow.partSize)
                for (number, part) in small.parts.enumerated() {
                    if let whole = piece.parts.firstIndex(of: part) { small.candidates[number] = piece.candidates[whole] }
                }
                return small
            }
        }
    }

    /// Wide pieces for the next span when damage that does not show is rare: under 5 % of narrow proofs failed
    /// (then about a fifth of wide ones would), and wide ones stay while under a quarter of them split. Two
    /// failures more are allowed: a garbled CheckCRC request fails a proof whatever the damage kind, and a span
    /// cut short by relinks may see only a few proofs.
    private func chooseNextLayout(current: Layout, attempts: Int, failures: Int) {
        guard current != .read4K, attempts > 0 else { return }
        let limit = current == .flashReadWide ? 25 : 5
        memory.carefulWide = failures * 100 < attempts * limit + 200
    }

    // MARK: rounds

    /// A piece asks for its CRC again only when it has none, or when proofs with all its parts failed twice (one of
    /// its CRCs may have arrived corrupted). Parts still missing are no reason: their CRC is not in doubt.
    private static func needsCRC(_ piece: Piece) -> Bool { piece.crcs.isEmpty || piece.failedProofs >= 2 }

    /// One burst: per pending piece, FlashRead of the parts it lacks (of all its parts once a proof with them
    /// failed) and, when needed, CheckCRC of the piece.
    private func roundWithFlashRead(_ pieces: inout [Piece], pending: [Int]) throws -> RoundOutcome {
        var commands: [HostCommand] = []
        // Per command: the piece a CheckCRC is for (nil for FlashRead); FlashReads found again by their address.
        var crcFor: [Int?] = []
        var byWireAddress: [UInt32: (piece: Int, part: Int, command: Int)] = [:]
        var replyBytes = 0
        var hashed = 0
        for index in pending {
            let askAll = pieces[index].isComplete
            for (number, part) in pieces[index].parts.enumerated() where askAll || pieces[index].candidates[number].isEmpty {
                let wire = operations.addressing.wireAddress(part.lowerBound)
                byWireAddress[wire] = (index, number, commands.count)
                commands.append(.flashRead(address: wire, size: UInt16(part.count)))
                crcFor.append(nil)
                replyBytes += 15 + part.count
            }
            if Self.needsCRC(pieces[index]) {
                commands.append(operations.addressing.crcCommand(pieces[index].range))
                crcFor.append(index)
                replyBytes += 11
                hashed += pieces[index].range.count
            }
        }
        let (replies, terminated) = try operations.session.exchangeBatch(
            commands, replyBytes: replyBytes, work: operations.session.timeouts.crcWork(bytes: hashed))
        // A CheckCRC reply belongs to the next CheckCRC request after the last request whose reply was recognised
        // (FlashRead replies carry their address; a wrong guess only costs a comparison that fails).
        var cursor = -1
        for reply in replies {
            if reply.isLong, reply.code == FlashOp.read.rawValue {
                if reply.isComplete, reply.body == [ChipStatus.unknownCommand.rawValue] {
                    memory.flashReadWorks = false  // a bootloader without FlashRead: Read4K from the next round
                    continue
                }
                guard reply.isComplete, reply.body.count > 5, reply.body[0] == 0,
                      let slot = byWireAddress[Self.address(reply.body)],
                      reply.body.count == 5 + pieces[slot.piece].parts[slot.part].count else { continue }
                Self.remember(Array(reply.body[5...]), in: &pieces[slot.piece].candidates[slot.part])
                cursor = slot.command
            } else if let crc = Self.crcValue(reply),
                      let next = crcFor.indices.dropFirst(cursor + 1).first(where: { crcFor[$0] != nil }) {
                Self.remember(crc, in: &pieces[crcFor[next]!].crcs)
                cursor = next
            }
        }
        return terminated ? .complete : replies.isEmpty ? .silent : .cutShort
    }

    /// BL chips: Read4K of each chunk with pending pieces, followed by CheckCRC of those pieces that need one.
    private func roundWithRead4K(_ pieces: inout [Piece], pending: [Int]) throws -> RoundOutcome {
        var chunks: [Int: [Int]] = [:]   // chunk → pending pieces starting in it
        for index in pending { chunks[FlashGeometry.sectorFloor(pieces[index].range.lowerBound), default: []].append(index) }
        var commands: [HostCommand] = []
        var hashed = 0
        var asked: [UInt32: (chunk: Int, asking: [Int])] = [:]
        for chunk in chunks.keys.sorted() {
            let wire = operations.addressing.wireAddress(chunk)
            commands.append(.flashRead4K(address: wire))
            let asking = chunks[chunk]!.filter { Self.needsCRC(pieces[$0]) }
            for index in asking { commands.append(operations.addressing.crcCommand(pieces[index].range)) }
            hashed += asking.reduce(0) { $0 + pieces[$1].range.count }
            asked[wire] = (chunk, asking)
        }
        let replyBytes = chunks.count * (15 + FlashGeometry.sector) + hashed / CarefulReader.Layout.read4K.pieceSize * 11
        let (replies, terminated) = try operations.session.exchangeBatch(
            commands, replyBytes: replyBytes, work: operations.session.timeouts.crcWork(bytes: hashed))
        var queue: [Int] = []   // pieces whose CRC replies come next, in order
        for reply in replies {
            if reply.isLong, reply.code == FlashOp.read4K.rawValue {
                queue = []
                guard reply.isComplete, reply.body.count == 5 + FlashGeometry.sector, reply.body[0] == 0,
                      let owner = asked[Self.address(reply.body)] else { continue }
                queue = owner.asking
                let data = reply.body[5...]
                for index in chunks[owner.chunk]! {
                    for (number, part) in pieces[index].parts.enumerated() where part.upperBound <= owner.chunk + FlashGeometry.sector {
                        let start = data.startIndex + part.lowerBound - owner.chunk
                        Self.remember(Array(data[start ..< start + part.count]), in: &pieces[index].candidates[number])
                    }
                }
            } else if let crc = Self.crcValue(reply), !queue.isEmpty {
                Self.remember(crc, in: &pieces[queue.removeFirst()].crcs)
            }
        }
        return terminated ? .complete : replies.isEmpty ? .silent : .cutShort
    }

    // MARK: helpers

    /// The address a FlashRead/Read4K reply echoes after its status byte (hid_download_py boot_protocol.py).
    private static func address(_ body: [UInt8]) -> UInt32 { LE.u32(body, at: 1) ?? UInt32.max }

    /// The raw CRC of a complete CheckCRC reply (short 0x10, 4 bytes, bk7231tools cmd_ll_chip.py read_flash_range_crc).
    private static func crcValue(_ reply: ScannedReply) -> UInt32? {
        guard !reply.isLong, reply.code == ShortCommand.checkCRC.rawValue, reply.isComplete, reply.body.count == 4 else {
            return nil
        }
        return LE.u32(reply.body, at: 0)
    }

    /// Keeps the newest `keep` distinct values.
    private static func remember<T: Equatable>(_ value: T, in list: inout [T]) {
        list.removeAll { $0 == value }
        list.append(value)
        if list.count > keep { list.removeFirst() }
    }

    /// Proven when some choice of one candidate per part hashes to a CRC the chip sent for this piece.
    private static func tryProve(_ piece: inout Piece) {
        guard piece.proven == nil, piece.isComplete else { return }
        // Wide pieces try only the newest candidate of each part (one comparison per CRC); a failure splits them.
        let parts = piece.isWide ? piece.candidates.map { [$0.last!] } : piece.candidates
        let crcs = piece.crcs
        func search(_ part: Int, _ crc: UInt32, _ chosen: [[UInt8]]) -> [[UInt8]]? {
            if part == parts.count { return crcs.contains(crc) ? chosen : nil }
            for candidate in parts[part].reversed() {
                if let found = search(part + 1, BekenCRC32.update(crc, with: candidate), chosen + [candidate]) { return found }
            }
            return nil
        }
        if let chosen = search(0, BekenCRC32.initial, []) { piece.proven = chosen.flatMap { $0 } }
    }
}
