import BekenProtocol

/// Reads verified by the chip's CRC, hashing each byte once (TESTING.md model limit): for every 16 KiB span the
/// chip's CheckCRC comes first; a span whose CRC is that of blank flash (all 0xFF) is proven without reading it
/// (a typical Tuya dump is about 40 % blank); other spans are read with FlashRead4K requests pipelined two deep and
/// compared with that CRC; on a mismatch, per-chunk CRCs find the chunks to read again (protocol.md §9.1: BKT checks
/// every 4 KiB, ltchiptool every 32 KiB).
struct FlashReader {
    let operations: FlashOperations
    /// Bytes per CheckCRC span.
    var spanSize = 0x4000
    /// Attempts per chunk (bk7231tools: 20 retries, §9.1).
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
            let spanEnd = min(aligned.upperBound, (spanStart / spanSize + 1) * spanSize)
            let span = spanStart ..< spanEnd
            let chipCRC = try operations.chipCRC(span)
            var data: [UInt8]
            if chipCRC == FlashReader.blankCRC(span.count) {
                data = [UInt8](repeating: 0xFF, count: span.count)
            } else {
                data = try readChunks(span) { chunkDone in progress(done + chunkDone) }
                if BekenCRC32.raw(data) != chipCRC { try repair(span, data: &data) }
            }
            operations.markVerified(span, announce: false)
            done += span.count
            progress(done)
            let wanted = max(span.lowerBound, range.lowerBound) ..< min(span.upperBound, range.upperBound)
            try sink(wanted.lowerBound, data[(wanted.lowerBound - span.lowerBound) ..< (wanted.upperBound - span.lowerBound)])
            spanStart = spanEnd
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

    /// All chunks of `span`, unverified.
    private func readChunks(_ span: Range<Int>, progress: (Int) -> Void) throws -> [UInt8] {
        var data = [UInt8]()
        data.reserveCapacity(span.count)
        let chunks = Array(stride(from: span.lowerBound, to: span.upperBound, by: FlashGeometry.sector))
        var index = 0
        var inFlight: Int? = nil   // index of a chunk whose request is already sent
        while index < chunks.count {
            do {
                if inFlight != index {
                    try operations.session.sendFlashRead4K(operations.addressing.wireAddress(chunks[index]))
                }
                if pipelined, index + 1 < chunks.count {
                    try operations.session.sendFlashRead4K(operations.addressing.wireAddress(chunks[index + 1]))
                    inFlight = index + 1
                } else {
                    inFlight = nil
                }
                data += try operations.session.receiveFlashRead4K(operations.addressing.wireAddress(chunks[index]),
                                                                     extraWait: .zero)
            } catch let error as FlasherError where error.isRetryable {
                // Drop the pipeline, resync, then read this chunk alone with retries.
                inFlight = nil
                try operations.recover(after: error, operation: "read", address: chunks[index], attempt: 1)
                data += try readChunkAlone(chunks[index], firstAttempt: 2)
            }
            index += 1
            progress(data.count)
        }
        return data
    }

    func readChunkAlone(_ address: Int, firstAttempt: Int = 1) throws -> [UInt8] {
        try operations.withRetries("read", address: address, attempts: chunkAttempts, firstAttempt: firstAttempt) {
            try operations.session.flashRead4K(operations.addressing.wireAddress(address))
        }
    }

    /// The span's bytes disagree with its chip CRC: per-chunk CRCs, and re-reads until each chunk matches.
    private func repair(_ span: Range<Int>, data: inout [UInt8]) throws {
        for chunk in stride(from: span.lowerBound, to: span.upperBound, by: FlashGeometry.sector) {
            let offset = chunk - span.lowerBound
            var attempt = 1
            while try operations.chipCRC(chunk ..< chunk + FlashGeometry.sector)
                != BekenCRC32.raw(data[offset ..< offset + FlashGeometry.sector]) {
                guard attempt < chunkAttempts else {
                    throw FlasherError(.readFailed,
                                       "the data read at 0x\(String(chunk, radix: 16, uppercase: true)) never matched the chip's CRC",
                                       hint: "the link corrupts data: lower the baud rate (-b 921600 or 115200) and check the wiring")
                }
                operations.events(.retry(operation: "read (CRC mismatch)", address: chunk, attempt: attempt + 1,
                                         reason: "chip CRC differs from the bytes received"))
                let fresh = try readChunkAlone(chunk)
                data.replaceSubrange(offset ..< offset + FlashGeometry.sector, with: fresh)
                attempt += 1
            }
        }
    }
}
