import Testing
@testable import BekenProtocol

@Suite struct CRC32Tests {
    @Test func zlibCheckValue() {
        #expect(BekenCRC32.standard(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func erasedSectorRawValue() {  // bk7231tools cmd_ll_chip.py read_flash_range_crc
        let sector = [UInt8](repeating: 0xFF, count: 4096)
        #expect(BekenCRC32.raw(sector) == BekenCRC32.erasedSector4K)
        #expect(BekenCRC32.standard(sector) == 0xF154_670A)
    }

    @Test func zeroBytes257() {  // bk7231tools cmd_ll_chip.py read_flash_range_crc, ltchiptool #29
        #expect(BekenCRC32.standard([UInt8](repeating: 0, count: 257)) == 0xB7BF_A0CE)
    }

    @Test func incrementalMatchesOneShot() {
        let data = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var crc = BekenCRC32.initial
        for start in stride(from: 0, to: data.count, by: 333) {
            crc = BekenCRC32.update(crc, with: data[start..<min(start + 333, data.count)])
        }
        #expect(crc == BekenCRC32.raw(data))
        #expect(BekenCRC32.raw(data) == bitwiseCRC(data))
    }

    @Test func nonContiguousAndRawBuffer() {
        let data: [UInt8] = Array(0...200)
        let lazy = data.lazy.map { $0 }
        #expect(BekenCRC32.raw(lazy) == BekenCRC32.raw(data))
        #expect(data.withUnsafeBytes { BekenCRC32.raw($0) } == bitwiseCRC(data))
        #expect(BekenCRC32.raw([UInt8]()) == 0xFFFF_FFFF)
    }

    private func bitwiseCRC(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return crc
    }
}
