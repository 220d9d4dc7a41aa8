/// Plain "firmware" made up here for the demo device: an ARM exception-vector table (the shape the inspector checks,
/// ltchiptool soc/bk72xx/binary.py detect_file_type), deterministic filler standing in for code, and the marker strings the inspector reads
/// (BK7231GUIFlashTool TuyaModules.cs, TuyaConfig.cs, BK7231Flasher.cs doGenericSetup; UPK2ESPHome config.py; bk7231tools dissect_dump; OpenBeken new_common.h). None of it is taken from a real device; it does not run on a chip.
enum SyntheticCode {
    /// `size` bytes of plain code: vector table, filler, then `strings` (each NUL-terminated, NUL before the first).
    /// `address` is the CPU address of the first byte (the handler addresses of the literal pool point into it).
    static func build(address: UInt32, branchOffset: UInt8, seed: UInt64, size: Int, strings: [String]) -> [UInt8] {
        // B reset; then LDR PC, [PC, #0x14] seven times (ltchiptool soc/bk72xx/binary.py detect_file_type: `?? ?? 00 EA 14 F0 9F E5`).
        var code: [UInt8] = [branchOffset, 0x00, 0x00, 0xEA]
        for _ in 0..<7 { code += [0x14, 0xF0, 0x9F, 0xE5] }
        // The literal pool the LDRs read: handler addresses inside the partition.
        for index in 0..<8 { appendLE32(&code, address + 0x100 + UInt32(index) * 0x40) }
        var generator = SplitMix64(seed: seed)
        var stringBlock: [UInt8] = [0]
        for text in strings { stringBlock += Array(text.utf8) + [0] }
        let fillerCount = max(0, size - code.count - stringBlock.count)
        let fillerEnd = code.count + fillerCount
        code.reserveCapacity(fillerEnd + stringBlock.count)
        while code.count < fillerEnd {
            let word = generator.next()
            for shift in 0..<8 where code.count < fillerEnd {
                code.append(UInt8(truncatingIfNeeded: word >> UInt64(8 * shift)))
            }
        }
        return code + stringBlock
    }

    static func appendLE32(_ bytes: inout [UInt8], _ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }
}

/// A small deterministic generator (SplitMix64), so every build of the demo image is byte-identical.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
