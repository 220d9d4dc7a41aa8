// Little helpers for reading and writing integers in byte arrays (callers check bounds).

func readLE32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
    UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
        | UInt32(bytes[offset + 3]) << 24
}

func readBE32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
    UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
        | UInt32(bytes[offset + 3])
}

func appendLE32(_ bytes: inout [UInt8], _ value: UInt32) {
    bytes += [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8),
              UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 24)]
}

func readLE16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
    UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
}

/// True when every byte of `bytes[range]` equals `value`.
func allBytes(_ bytes: [UInt8], in range: Range<Int>, equal value: UInt8) -> Bool {
    bytes.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return true }
        var index = range.lowerBound
        while index < range.upperBound {
            if base[index] != value { return false }
            index &+= 1
        }
        return true
    }
}

/// Lower-case hex with a 0x prefix, at least `digits` digits: `hex(0x11000)` = "0x11000", `hex(5, digits: 8)`.
func hex(_ value: some BinaryInteger, digits: Int = 1) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return "0x" + String(repeating: "0", count: max(0, digits - text.count)) + text
}
