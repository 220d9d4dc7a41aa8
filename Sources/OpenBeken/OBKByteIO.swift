/// Little-endian field access over the config bytes (BK7231 is little-endian; OpenBeken new_pins.h).
struct OBKByteReader {
    let bytes: [UInt8]

    func byte(at field: OBKConfigField) -> UInt8 { bytes[field.offset] }
    func bytes(of field: OBKConfigField) -> [UInt8] { Array(bytes[field.range]) }

    func uint16(at field: OBKConfigField) -> UInt16 { uint16(at: field.offset) }
    func uint32(at field: OBKConfigField) -> UInt32 { uint32(at: field.offset) }
    func int32(at field: OBKConfigField) -> Int32 { Int32(bitPattern: uint32(at: field.offset)) }

    func uint16s(of field: OBKConfigField) -> [UInt16] {
        stride(from: field.offset, to: field.offset + field.size, by: 2).map(uint16(at:))
    }

    func uint32s(of field: OBKConfigField) -> [UInt32] {
        stride(from: field.offset, to: field.offset + field.size, by: 4).map(uint32(at:))
    }

    private func uint16(at offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    private func uint32(at offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) }
    }
}

struct OBKByteWriter {
    private(set) var bytes: [UInt8]

    init(count: Int) {
        bytes = Array(repeating: 0, count: count)
    }

    mutating func put(byte: UInt8, at field: OBKConfigField) {
        bytes[field.offset] = byte
    }

    /// Writes exactly `field.size` bytes; anything else is a caller's mistake reported as an error.
    mutating func put(bytes value: [UInt8], at field: OBKConfigField) throws(OBKConfigError) {
        guard value.count == field.size else {
            throw .wrongElementCount(field: field, count: value.count, expected: field.size)
        }
        bytes.replaceSubrange(field.range, with: value)
    }

    mutating func put(uint32: UInt32, at field: OBKConfigField) {
        put(uint32s: [uint32], at: field)
    }

    mutating func put(int32: Int32, at field: OBKConfigField) {
        put(uint32s: [UInt32(bitPattern: int32)], at: field)
    }

    mutating func put(uint32s values: [UInt32], at field: OBKConfigField) {
        for (index, value) in values.enumerated() {
            for byteIndex in 0..<4 {
                bytes[field.offset + 4 * index + byteIndex] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(byteIndex)))
            }
        }
    }

    mutating func put(uint16s values: [UInt16], at field: OBKConfigField) {
        for (index, value) in values.enumerated() {
            bytes[field.offset + 2 * index] = UInt8(truncatingIfNeeded: value)
            bytes[field.offset + 2 * index + 1] = UInt8(truncatingIfNeeded: value >> 8)
        }
    }
}
