import BekenChips
import Testing

/// The one address formatter every target uses (records, sidecars, findings, messages).
@Test(arguments: [(0x11000, "0x11000"), (0, "0x0"), (0x1D0000, "0x1D0000"), (0xABCDEF, "0xABCDEF"), (4096, "0x1000")])
func hexAddressIsUpperCaseWithoutPadding(value: Int, text: String) {
    #expect(hexAddress(value) == text)
}

@Test(arguments: [(UInt32(0x0EAB98F5), "0x0EAB98F5"), (0, "0x00000000"), (0xFFFF_FFFF, "0xFFFFFFFF")])
func hex32HasEightDigits(value: UInt32, text: String) {
    #expect(hex32(value) == text)
}
