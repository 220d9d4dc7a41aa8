/// Beken's code encryption: every 32-bit little-endian word is XORed with `mask(address)`, address = the word's
/// logical (CPU) address; encryption and decryption are the same operation (ltchiptool soc/bk72xx/util/crypto.py).
///
/// Every term of the mask (pn15, pn16, pn32, the constant c2) is an affine function of the address over GF(2): bit
/// rotations, XOR with key words and nibble replication (`n * 0x1111…`, no carries). So
/// `mask(a) = mask(0) ^ L(a)` with L linear, and four 256-entry tables (one per address byte) give the mask with four
/// lookups. `referenceMask(at:)` is the formula itself; tests check both agree.
public struct BekenCodeCipher: Sendable {
    /// The four coefficients c0…c3 (the key string's words, big-endian in the string; ltchiptool soc/bk72xx/util/crypto.py).
    public let coefficients: [UInt32]
    /// True when c3 switches the cipher off (e.g. the all-zero key of BK7231M/U/Q builds).
    public let isBypass: Bool
    private let base: UInt32
    private let byteTables: [UInt32]  // 4 × 256: XOR contribution of each address byte

    public init(c0: UInt32, c1: UInt32, c2: UInt32, c3: UInt32) {
        coefficients = [c0, c1, c2, c3]
        let top = c3 >> 24
        isBypass = top == 0x00 || top == 0xFF || (c3 & 0xF) == 0xF
        let reference = ReferenceMask(c0: c0, c1: c1, c2: c2, c3: c3, bypass: isBypass)
        let zero = reference.mask(0)
        base = zero
        var tables = [UInt32](repeating: 0, count: 4 * 256)
        for byteIndex in 0..<4 {
            let bitMasks = (0..<8).map { bit in reference.mask(UInt32(1) << UInt32(byteIndex * 8 + bit)) ^ zero }
            for value in 0..<256 {
                var combined: UInt32 = 0
                for bit in 0..<8 where value & (1 << bit) != 0 { combined ^= bitMasks[bit] }
                tables[byteIndex * 256 + value] = combined
            }
        }
        byteTables = tables
    }

    /// Parses a key written as 32 hex digits (spaces allowed), e.g. "510fb093 a3cbeadc 5993a17e c7adeb03".
    public init?(hexKey: String) {
        let digits = hexKey.filter { !$0.isWhitespace }
        guard digits.count == 32, digits.allSatisfy(\.isHexDigit) else { return nil }
        let words = stride(from: 0, to: 32, by: 8).compactMap { offset -> UInt32? in
            let start = digits.index(digits.startIndex, offsetBy: offset)
            return UInt32(digits[start..<digits.index(start, offsetBy: 8)], radix: 16)
        }
        self.init(c0: words[0], c1: words[1], c2: words[2], c3: words[3])
    }

    /// The XOR mask applied to the word at logical `address` (a multiple of 4).
    @inline(__always)
    public func mask(at address: UInt32) -> UInt32 {
        byteTables.withUnsafeBufferPointer { tables in Self.mask(address, base: base, tables: tables.baseAddress!) }
    }

    /// The mask straight from the formula of ltchiptool soc/bk72xx/util/crypto.py (slow; for tests and table building).
    public func referenceMask(at address: UInt32) -> UInt32 {
        ReferenceMask(c0: coefficients[0], c1: coefficients[1], c2: coefficients[2], c3: coefficients[3],
                      bypass: isBypass).mask(address)
    }

    /// Encrypts or decrypts `bytes` in place; `bytes[0]` sits at logical `address`. Any alignment and length.
    public func apply(to bytes: inout [UInt8], startingAt address: UInt32) {
        bytes.withUnsafeMutableBytes { apply(to: $0, startingAt: address) }
    }

    /// A transformed copy of `bytes` (which sit at logical `address`).
    public func applied(to bytes: some Collection<UInt8>, startingAt address: UInt32) -> [UInt8] {
        var copy = Array(bytes)
        apply(to: &copy, startingAt: address)
        return copy
    }

    /// Encrypts or decrypts raw memory in place; the first byte sits at logical `address`.
    public func apply(to buffer: UnsafeMutableRawBufferPointer, startingAt address: UInt32) {
        guard !isBypass, let start = buffer.baseAddress, buffer.count > 0 else { return }
        byteTables.withUnsafeBufferPointer { tablesBuffer in
            let tables = tablesBuffer.baseAddress!
            var offset = 0
            var current = address
            // Leading bytes up to a word boundary.
            while offset < buffer.count && current & 3 != 0 {
                xorByte(start, offset, current, tables)
                offset &+= 1
                current &+= 1
            }
            // Whole words: aligned memory is rebound to UInt32 (the common case), else unaligned loads.
            let wordCount = (buffer.count - offset) / 4
            let wordStart = start + offset
            if wordCount > 0, Int(bitPattern: wordStart) & 3 == 0 {
                let base = base
                wordStart.withMemoryRebound(to: UInt32.self, capacity: wordCount) { words in
                    var index = 0
                    var address = current
                    while index < wordCount {
                        // Within a 256-byte run only the low address byte changes: reuse the upper three lookups.
                        let upper = base ^ tables[256 &+ Int(truncatingIfNeeded: (address &>> 8) & 0xFF)]
                            ^ tables[512 &+ Int(truncatingIfNeeded: (address &>> 16) & 0xFF)]
                            ^ tables[768 &+ Int(truncatingIfNeeded: address &>> 24)]
                        let run = min(wordCount &- index, Int(truncatingIfNeeded: (256 &- (address & 0xFF)) &>> 2))
                        var low = Int(truncatingIfNeeded: address & 0xFF)
                        let end = index &+ run
                        while index < end {
                            words[index] ^= (upper ^ tables[low]).littleEndian
                            index &+= 1
                            low &+= 4
                        }
                        address &+= UInt32(truncatingIfNeeded: run &* 4)
                    }
                }
                offset &+= wordCount &* 4
                current &+= UInt32(truncatingIfNeeded: wordCount &* 4)
            }
            while offset &+ 4 <= buffer.count {
                let word = start.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
                let plain = UInt32(littleEndian: word) ^ Self.mask(current, base: base, tables: tables)
                start.storeBytes(of: plain.littleEndian, toByteOffset: offset, as: UInt32.self)
                offset &+= 4
                current &+= 4
            }
            // Trailing bytes.
            while offset < buffer.count {
                xorByte(start, offset, current, tables)
                offset &+= 1
                current &+= 1
            }
        }
    }

    @inline(__always)
    private func xorByte(_ start: UnsafeMutableRawPointer, _ offset: Int, _ address: UInt32,
                         _ tables: UnsafePointer<UInt32>) {
        let mask = Self.mask(address & ~3, base: base, tables: tables)
        let maskByte = UInt8(truncatingIfNeeded: mask >> ((address & 3) * 8))
        let byte = start.load(fromByteOffset: offset, as: UInt8.self)
        start.storeBytes(of: byte ^ maskByte, toByteOffset: offset, as: UInt8.self)
    }

    @inline(__always)
    private static func mask(_ address: UInt32, base: UInt32, tables: UnsafePointer<UInt32>) -> UInt32 {
        base ^ tables[Int(address & 0xFF)]
            ^ tables[256 &+ Int((address &>> 8) & 0xFF)]
            ^ tables[512 &+ Int((address &>> 16) & 0xFF)]
            ^ tables[768 &+ Int(address &>> 24)]
    }
}

/// The keystream formula of ltchiptool soc/bk72xx/util/crypto.py `BekenCrypto`.
private struct ReferenceMask {
    let c0, c1, c2, c3: UInt32
    let bypass: Bool

    func mask(_ address: UInt32) -> UInt32 {
        if bypass { return 0 }
        var pn15Term: UInt32 = 0
        var pn16Term: UInt32 = 0
        var pn32Term: UInt32 = 0
        if c3 & 0b0001 == 0 {
            let high = address >> 16, low = address & 0xFFFF
            let swappedHigh = (high >> 8) | ((high & 0xFF) << 8)
            let swappedLow = (low >> 8) | ((low & 0xFF) << 8)
            let input: UInt32
            switch (c3 >> 5) & 3 {
            case 0: input = high ^ low
            case 1: input = high ^ swappedLow
            case 2: input = swappedHigh ^ low
            default: input = swappedHigh ^ swappedLow
            }
            pn15Term = Self.pn15(input ^ (c1 >> 16))
        }
        if c3 & 0b0010 == 0 {
            let shift = (c3 >> 8) & 3
            let input = (address >> shift) & 0x1FFFF
            let keyPart = (((c1 >> 8) & 0xFF) << 9) | (((c3 >> 4) & 1) << 8) | (c1 & 0xFF)
            pn16Term = Self.pn16(input ^ keyPart)
        }
        if c3 & 0b0100 == 0 {
            let rotation = ((c3 >> 11) & 3) * 8
            let rotated = rotation == 0 ? address : (address >> rotation) | (address << (32 - rotation))
            pn32Term = Self.pn32(rotated ^ c0)
        }
        let random: UInt32 = c3 & 0b1000 == 0 ? c2 : 0
        return pn32Term ^ ((pn15Term << 16) | (pn16Term & 0xFFFF)) ^ random
    }

    static func pn15(_ a: UInt32) -> UInt32 {
        let rotated = ((a & 0x7F) << 9) | ((a >> 7) & 0x1FF)
        return rotated ^ (0x6371 & (((a >> 5) & 0xF) * 0x1111))
    }

    static func pn16(_ a: UInt32) -> UInt32 {
        let rotated = ((a & 0x3FF) << 7) | ((a >> 10) & 0x7F)
        let bit = { (n: UInt32) in (a >> n) & 1 }
        let n = bit(13) | bit(9) << 1 | bit(5) << 2 | bit(1) << 3
        return rotated ^ (0x13659 & ((bit(4) << 16) | n * 0x1111))
    }

    static func pn32(_ a: UInt32) -> UInt32 {
        let rotated = ((a & 0x7FFF) << 17) | ((a >> 15) & 0x1FFFF)
        return rotated ^ (0xE519A4F1 & (((a >> 2) & 0xF) * 0x11111111))
    }
}
