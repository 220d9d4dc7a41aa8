import BekenProtocol

/// Reads verified by the chip's CRC, hashing each byte once (docs/TESTING.md model limit): for every 16 KiB span the
/// chip's CheckCRC comes first; a span whose CRC is that of blank flash (all 0xFF) is proven without reading it
/// (a typical Tuya dump is about 40 % blank); other spans are read with FlashRead4K requests pipelined two deep and
/// compared with that CRC. On a mismatch or a damaged reply the span and the next ones are read by CarefulReader
/// (pieces of ~510 bytes, each proven by its own chip CRC) until spans come back clean again.
struct FlashReader {
    let operations: FlashOperations
    let memory: ReaderMemory
    /// Bytes per CheckCRC span.
    var spanSize = 0x4000
    /// Attempts per chunk (bk7231tools: 20 retries, bk7231tools base/data.py).
    var chunkAttempts = 20
    /// Keep one request in flight while a reply streams in.
    var pipelined = true

    /// Reads `range` (any alignment); `sink` gets verified pieces in order.
    func read(_ range: Range<Int>, progress: (Int) -> Void,
              sink: (_ address: Int, _ bytes: ArraySlice<UInt8>) throws -> Void) throws {
        let aligned = FlashGeometry.sectorFloor(range.lowerBound) ..< FlashGeometry.sectorCeil(range.upperBound)
        var done = 0
        var spanStart = aligned.lowerBound
        while spanStart < aligned.upperBound {
            // Careful spans are larger: a burst per span, so fewer rounds pay the fixed cost of a burst.
            let size = memory.carefulSpansLeft > 0 ? FlashReader.carefulSpanSize : spanSize
            let spanEnd = min(aligned.upperBound, (spanStart / size + 1) * size)
            let span = spanStart ..< spanEnd
            var data: [UInt8]
            if memory.carefulSpansLeft > 0 {
                data = try readCarefully(span) { spanDone in progress(done + spanDone) }
            } else {
                let chipCRC = try operations.chipCRC(span)
                if chipCRC == FlashReader.blankCRC(span.count) {
                    data = [UInt8](repeating: 0xFF, count: span.count)
                } else {
                    do {
                        data = try readChunks(span) { chunkDone in progress(done + chunkDone) }
                        if BekenCRC32.raw(data) != chipCRC {
                            operations.events(.retry(operation: "read (CRC mismatch)", address: span.lowerBound, attempt: 2,
                                                     reason: .crcDiffersAfterRead))
                            data = try readCarefully(span) { spanDone in progress(done + spanDone) }
                        }
                    } catch is CarefulModeNeeded {
                        data = try readCarefully(span) { spanDone in progress(done + spanDone) }
                    }
                }
            }
            operations.relinker.noteProven(span.count)
            done += span.count
            progress(done)
            let wanted = max(span.lowerBound, range.lowerBound) ..< min(span.upperBound, range.upperBound)
            try sink(wanted.lowerBound, data[(wanted.lowerBound - span.lowerBound) ..< (wanted.upperBound - span.lowerBound)])
            spanStart = spanEnd
        }
    }

    /// Spans read carefully after the last one that needed a second round.
    static let carefulSpansAfterTrouble = 2
    /// Bytes per careful span (CarefulReader).
    static let carefulSpanSize = 0x10000

    /// The link corrupted a reply: this span and the next few are read by CarefulReader, in pieces proven one by one.
    private struct CarefulModeNeeded: Error {}

    private func readCarefully(_ span: Range<Int>, progress: (Int) -> Void) throws -> [UInt8] {
        let (data, rounds) = try CarefulReader(operations: operations, memory: memory).read(span, progress: progress)
        if rounds > 1 || memory.carefulSpansLeft == 0 {
            memory.carefulSpansLeft = FlashReader.carefulSpansAfterTrouble
        } else {
            memory.carefulSpansLeft -= 1
        }
        return data
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

    /// All chunks of `span`, unverified. Requests stay `depth` deep; replies are matched by their echoed address,
    /// so a reply lost or garbled on the wire costs a re-request of that chunk only (selective repeat). After a
    /// timeout or a broken frame, everything in flight is requested again after a resync.
    ///
    /// A reply that arrives damaged (bytes heard, frame broken or lost) ends the attempt at once with
    /// `CarefulModeNeeded`; a chip that went silent is relinked here and the chunks in flight asked again.
    private func readChunks(_ span: Range<Int>, progress: (Int) -> Void) throws -> [UInt8] {
        let chunks = Array(stride(from: span.lowerBound, to: span.upperBound, by: FlashGeometry.sector))
        let wire = chunks.map { operations.addressing.wireAddress($0) }
        let depth = pipelined ? 2 : 1
        var received = [[UInt8]?](repeating: nil, count: chunks.count)
        var receivedCount = 0
        var queue = Array(chunks.indices)   // chunk indices still to request, in order
        var inFlight: [Int] = []            // requested, oldest first
        var attempts = [Int](repeating: 0, count: chunks.count)
        while receivedCount < chunks.count {
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
                let lost = Array(inFlight[..<position])
                let index = inFlight[position]
                inFlight.removeFirst(position + 1)
                if received[index] == nil {
                    received[index] = reply.data
                    receivedCount += 1
                }
                guard lost.isEmpty else { throw carefulModeAfterDrain() }
                operations.noteSuccess()
                progress(receivedCount * FlashGeometry.sector)
            } catch let error as FlasherError where error.isRetryable {
                if error.code != .noResponse || !error.isSilent { throw carefulModeAfterDrain() }
                let lost = inFlight
                inFlight = []
                try requeue(lost, into: &queue, attempts: attempts, error: error)
                try operations.recover(after: error, operation: "read", address: lost.first.map { chunks[$0] },
                                       attempt: lost.first.map { attempts[$0] } ?? 1)
            }
        }
        var data = [UInt8]()
        data.reserveCapacity(span.count)
        for piece in received { data += piece ?? [] }
        return data
    }

    /// Drops the replies still on their way, for the careful reader to start clean.
    private func carefulModeAfterDrain() -> CarefulModeNeeded {
        operations.session.drainInput(quiet: .milliseconds(3), limit: .milliseconds(60))
        return CarefulModeNeeded()
    }

    /// Puts lost chunks back at the front of the queue; throws `error` once a chunk used up its attempts.
    private func requeue(_ lost: [Int], into queue: inout [Int], attempts: [Int],
                         error: FlasherError) throws {
        if lost.contains(where: { attempts[$0] >= chunkAttempts }) { throw error }
        queue.insert(contentsOf: lost, at: 0)
    }
}
