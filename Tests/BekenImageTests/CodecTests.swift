import Testing
@testable import BekenImage
import BekenTestSupport

private let tuyaCipher = BekenCodeCipher(hexKey: "510fb093 a3cbeadc 5993a17e c7adeb03")!

@Suite struct CRC16Tests {
    @Test func checkValueOfCMS() {
        #expect(CRC16CMS.checksum(Array("123456789".utf8)) == 0xAEE7)  // ltchiptool util/crc16.py
        #expect(CRC16CMS.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x000C)  // ltchiptool soc/bk72xx/binary.py detect_file_type
    }

    @Test func addThenStripRoundTripsAndPadsWithFF() {
        let logical = (0..<100).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let physical = CRC16Interleave.add(logical)
        #expect(physical.count == 4 * 34)
        #expect(Array(physical[3 * 34 + 4..<3 * 34 + 32]) == [UInt8](repeating: 0xFF, count: 28))
        let (data, check) = CRC16Interleave.strip(physical)
        #expect(Array(data.prefix(100)) == logical)
        #expect(check.validBlocks == 4 && check.isClean && check.trailingBytes == 0)
    }

    @Test func flippedByteIsReportedAtItsBlockAndErasedBlocksAreNotErrors() {
        var physical = CRC16Interleave.add([UInt8](repeating: 0x5A, count: 320))
        physical += [UInt8](repeating: 0xFF, count: 68)
        physical[5 * 34 + 7] ^= 0x10
        let check = CRC16Interleave.check(physical)
        #expect(check.blockCount == 12)
        #expect(check.badBlockOffsets == [5 * 34])
        #expect(check.erasedBlocks == 2 && check.validBlocks == 9)
    }

    @Test func addressConversions() {
        #expect(CRC16Interleave.physicalOffset(logical: 0xFFA0) == 0x10F9A)  // bootloader RBL, ltchiptool soc/bk72xx/binary.py
        #expect(0x11000 + CRC16Interleave.physicalOffset(logical: 0x1086A0) == 0x129F0A)  // app RBL
        #expect(CRC16Interleave.logicalOffset(physical: 0x10F9A) == 0xFFA0)
        #expect(CRC16Interleave.physicalSize(logicalCount: 0x108700) == 0x118F70)  // BK7231GUIFlashTool FormMain.Decryption.cs ParsePartitions
    }
}

@Suite struct CipherTests {
    @Test func tuyaKeyMatchesPublishedVectors() {
        // ltchiptool soc/bk72xx/util/crypto.py test vectors.
        let expected: [(UInt32, UInt32)] = [(0x0, 0x7CB5_0721), (0x4, 0x7CB5_0F21), (0x8, 0x7CB5_1721),
                                            (0x10000, 0x7EB5_0721), (0x10004, 0x7EB5_0F21)]
        for (address, mask) in expected {
            #expect(tuyaCipher.mask(at: address) == mask)
            #expect(tuyaCipher.referenceMask(at: address) == mask)
        }
        let plain: [UInt8] = [0x0E, 0x00, 0x00, 0xEA] + [UInt8](repeating: 0, count: 0).self
            + Array(repeating: [0x14, 0xF0, 0x9F, 0xE5], count: 3).flatMap { $0 }
        #expect(tuyaCipher.applied(to: plain, startingAt: 0x10000) == [
            0x2F, 0x07, 0xB5, 0x94, 0x35, 0xFF, 0x2A, 0x9B, 0x35, 0xE7, 0x2A, 0x9B, 0x35, 0xEF, 0x2A, 0x9B])
    }

    @Test func fastTablesAgreeWithTheFormulaForManyKeys() {
        var random = SplitMix64(seed: 42)
        var keys = [tuyaCipher, BekenCodeCipher(hexKey: "4862379A 8612784B 85C5E258 75754528")!]
        for _ in 0..<40 {
            keys.append(BekenCodeCipher(c0: random.next32(), c1: random.next32(), c2: random.next32(),
                                        c3: random.next32()))
        }
        for key in keys {
            for _ in 0..<500 {
                let address = random.next32() & ~3
                #expect(key.mask(at: address) == key.referenceMask(at: address))
            }
        }
    }

    @Test func zeroKeyIsBypassAndApplyIsItsOwnInverseAtAnyAlignment() {
        let zero = BekenCodeCipher(c0: 0, c1: 0, c2: 0, c3: 0)
        #expect(zero.isBypass)
        let data = (0..<37).map { UInt8($0) }
        #expect(zero.applied(to: data, startingAt: 0x10000) == data)
        let encrypted = tuyaCipher.applied(to: data, startingAt: 0x10003)
        #expect(encrypted != data)
        #expect(tuyaCipher.applied(to: encrypted, startingAt: 0x10003) == data)
        // Byte-wise application agrees with word-wise application.
        let whole = tuyaCipher.applied(to: data, startingAt: 0x20000)
        let pieces = tuyaCipher.applied(to: data[0..<5], startingAt: 0x20000)
            + tuyaCipher.applied(to: data[5...], startingAt: 0x20005)
        #expect(whole == pieces)
    }
}


@Suite struct AlignmentTests {
    @Test func blockCheckGivesTheSameAnswerOnAnOddAddress() {
        var physical = CRC16Interleave.add((0..<640).map { UInt8(truncatingIfNeeded: $0 &* 3) })
        physical[3 * 34 + 5] ^= 4
        let shifted = [0x00] + physical  // slice at offset 1: odd base address, byte-wise fallback
        let aligned = CRC16Interleave.check(physical)
        let odd = CRC16Interleave.check(shifted[1...])
        #expect(aligned == odd)
        #expect(aligned.badBlockOffsets == [3 * 34] && aligned.validBlocks == 19)
        #expect(CRC16Interleave.strip(shifted[1...]).data == CRC16Interleave.strip(physical).data)
    }

    @Test func cipherGivesTheSameBytesOnAnUnalignedBuffer() {
        let data = (0..<203).map { UInt8(truncatingIfNeeded: $0 &* 11) }
        let expected = tuyaCipher.applied(to: data, startingAt: 0x10000)
        var padded = [0xEE] + data
        padded.withUnsafeMutableBytes { buffer in
            tuyaCipher.apply(to: UnsafeMutableRawBufferPointer(rebasing: buffer[1...]), startingAt: 0x10000)
        }
        #expect(Array(padded[1...]) == expected)
        // Runs that cross a 256-byte boundary of the address (the table fast path restarts there).
        let long = [UInt8](repeating: 0, count: 1000)
        let masks = tuyaCipher.applied(to: long, startingAt: 0x1FF80)
        for index in stride(from: 0, to: 1000, by: 4) {
            let word = UInt32(masks[index]) | UInt32(masks[index + 1]) << 8 | UInt32(masks[index + 2]) << 16
                | UInt32(masks[index + 3]) << 24
            #expect(word == tuyaCipher.referenceMask(at: 0x1FF80 + UInt32(index)))
        }
    }
}
