#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Beken's "CRC-interleaved" storage of the bootloader and app partitions: every 32 data bytes are followed by their
/// CRC-16/CMS, big-endian; the last partial block is padded with 0xFF before its CRC (ltchiptool util/crc16.py, soc/bk72xx/binary.py to_offset).
/// physical = logical + (logical / 32) × 2.
public enum CRC16Interleave {
    public static let dataBytesPerBlock = 32
    public static let blockSize = 34

    /// Physical (on-flash) offset of a logical (CPU-visible) offset, both relative to the partition start.
    public static func physicalOffset(logical: Int) -> Int {
        logical + (logical / dataBytesPerBlock) * 2
    }

    /// Logical offset of a physical offset that lies on a data byte (ltchiptool soc/bk72xx/binary.py to_offset).
    public static func logicalOffset(physical: Int) -> Int {
        physical - (physical / blockSize) * 2
    }

    /// Physical size of `logicalCount` data bytes once interleaved (whole blocks).
    public static func physicalSize(logicalCount: Int) -> Int {
        ((logicalCount + dataBytesPerBlock - 1) / dataBytesPerBlock) * blockSize
    }

    /// Checks every complete 34-byte block of `physical`. Offsets in the result are relative to its first byte.
    public static func check(_ physical: some Collection<UInt8>, keepingBadOffsets limit: Int = 64) -> CRC16BlockCheck {
        withContiguous(physical) { scan($0, into: nil, keepingBadOffsets: limit) }
    }

    /// Removes the CRC bytes and checks every block: the logical data plus the check. A trailing partial block
    /// contributes its first (at most 32) bytes, unverified.
    public static func strip(_ physical: some Collection<UInt8>, keepingBadOffsets limit: Int = 64)
        -> (data: [UInt8], check: CRC16BlockCheck) {
        withContiguous(physical) { buffer in
            let fullBlocks = buffer.count / blockSize
            let tail = min(buffer.count - fullBlocks * blockSize, dataBytesPerBlock)
            var result = CRC16BlockCheck()
            let data = [UInt8](unsafeUninitializedCapacity: fullBlocks * dataBytesPerBlock + tail) { out, count in
                result = scan(buffer, into: out.baseAddress, keepingBadOffsets: limit)
                if tail > 0, let base = buffer.baseAddress, let target = out.baseAddress {
                    (target + fullBlocks * dataBytesPerBlock).update(from: base + fullBlocks * blockSize, count: tail)
                }
                count = fullBlocks * dataBytesPerBlock + tail
            }
            return (data, result)
        }
    }

    /// Interleaves `logical` data: pads the last block with 0xFF and appends each block's CRC, big-endian.
    public static func add(_ logical: some Collection<UInt8>) -> [UInt8] {
        let source = Array(logical)
        let blocks = (source.count + dataBytesPerBlock - 1) / dataBytesPerBlock
        var output = [UInt8](repeating: 0xFF, count: blocks * blockSize)
        CRC16CMS.wordTable.withUnsafeBufferPointer { table in
            source.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { out in
                    guard let tablePointer = table.baseAddress, let outBase = out.baseAddress else { return }
                    var block = 0
                    while block < blocks {
                        let target = outBase + block * blockSize
                        let start = block * dataBytesPerBlock
                        let count = min(dataBytesPerBlock, source.count - start)
                        if let inBase = input.baseAddress { target.update(from: inBase + start, count: count) }
                        let crc = CRC16CMS.checksum(UnsafePointer(target), count: dataBytesPerBlock,
                                                    wordTable: tablePointer)
                        target[32] = UInt8(truncatingIfNeeded: crc >> 8)
                        target[33] = UInt8(truncatingIfNeeded: crc)
                        block += 1
                    }
                }
            }
        }
        return output
    }

    /// The common loop: verifies each block and, if `output` is given, copies its 32 data bytes there.
    private static func scan(_ buffer: UnsafeBufferPointer<UInt8>, into output: UnsafeMutablePointer<UInt8>?,
                             keepingBadOffsets limit: Int) -> CRC16BlockCheck {
        var result = CRC16BlockCheck()
        let fullBlocks = buffer.count / blockSize
        result.blockCount = fullBlocks
        result.trailingBytes = buffer.count - fullBlocks * blockSize
        guard let base = buffer.baseAddress, fullBlocks > 0 else { return result }
        CRC16CMS.wordTable.withUnsafeBufferPointer { table in
            guard let tablePointer = table.baseAddress else { return }
            if Int(bitPattern: base) & 1 == 0 {
                // Blocks are 34 bytes: on a 2-aligned base every block is 17 aligned 16-bit words.
                UnsafeRawPointer(base).withMemoryRebound(to: UInt16.self, capacity: fullBlocks * blockSize / 2) {
                    words in
                    var block = 0
                    var word = words
                    var valid = 0
                    while block < fullBlocks {
                        if CRC16CMS.isValidBlock(word, wordTable: tablePointer) {
                            valid &+= 1
                        } else {
                            recordInvalid(block: block, base: base, limit: limit, into: &result)
                        }
                        word += 17
                        block &+= 1
                    }
                    result.validBlocks = valid
                }
            } else {
                var block = 0
                while block < fullBlocks {
                    if CRC16CMS.checksum(base + block &* blockSize, count: blockSize, wordTable: tablePointer) == 0 {
                        result.validBlocks &+= 1
                    } else {
                        recordInvalid(block: block, base: base, limit: limit, into: &result)
                    }
                    block &+= 1
                }
            }
        }
        if let output { copyData(base, blocks: fullBlocks, to: output) }
        return result
    }

    /// An erased block or a bad one.
    private static func recordInvalid(block: Int, base: UnsafePointer<UInt8>, limit: Int,
                                      into result: inout CRC16BlockCheck) {
        if isErased(base + block &* blockSize) {
            result.erasedBlocks &+= 1
        } else {
            result.badBlockCount &+= 1
            if result.badBlockOffsets.count < limit { result.badBlockOffsets.append(block * blockSize) }
        }
    }

    /// Copies the 32 data bytes of every block (the CRC bytes are dropped).
    private static func copyData(_ base: UnsafePointer<UInt8>, blocks: Int, to output: UnsafeMutablePointer<UInt8>) {
        var block = 0
        while block < blocks {
            memcpy(output + block &* dataBytesPerBlock, base + block &* blockSize, dataBytesPerBlock)
            block &+= 1
        }
    }

    /// A block of 34 × 0xFF is erased flash, not a CRC error (CRC of 32 × 0xFF is 0x000C; ltchiptool soc/bk72xx/util/binary.py uncrc skips such blocks).
    @inline(__always)
    private static func isErased(_ start: UnsafePointer<UInt8>) -> Bool {
        var index = 0
        while index < blockSize {
            if start[index] != 0xFF { return false }
            index &+= 1
        }
        return true
    }
}

/// The outcome of checking a CRC-interleaved region block by block.
public struct CRC16BlockCheck: Sendable, Equatable, Codable {
    /// Complete 34-byte blocks examined.
    public var blockCount = 0
    public var validBlocks = 0
    /// Blocks of 34 × 0xFF (erased flash).
    public var erasedBlocks = 0
    public var badBlockCount = 0
    /// Offsets (relative to the region checked) of the first bad blocks, in order.
    public var badBlockOffsets: [Int] = []
    /// Bytes after the last complete block (not verifiable).
    public var trailingBytes = 0

    public init() {}

    public var isClean: Bool { badBlockCount == 0 }

    /// Shifts every offset by `base` (to report file or flash offsets).
    public func offset(by base: Int) -> CRC16BlockCheck {
        var copy = self
        copy.badBlockOffsets = badBlockOffsets.map { $0 + base }
        return copy
    }
}

/// Runs `body` on contiguous storage of `bytes`, copying only when the collection has none.
func withContiguous<R>(_ bytes: some Collection<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let result = bytes.withContiguousStorageIfAvailable(body) { return result }
    return Array(bytes).withUnsafeBufferPointer(body)
}
