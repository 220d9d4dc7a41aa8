import Testing
@testable import bktool

@Test(arguments: [
    ("0x11000", 0x11000), ("69632", 69632), ("4M", 4 << 20), ("64k", 65536), ("0x1000k", 0x1000 * 1024),
    ("2M", 0x200000), ("0X1d0000", 0x1D0000), ("1_048_576", 1 << 20),
])
func parsesFlashNumbers(text: String, expected: Int) {
    #expect(FlashNumber.parse(text)?.value == expected)
}

@Test func allMeansWholeFlash() {
    let all = FlashNumber.parse("all")
    #expect(all != nil && all?.value == nil)
    #expect(all?.resolved(whole: 0x400000) == 0x400000)
}

@Test(arguments: ["", "0x", "-5", "12q", "0xZZ", "99999999999999999999M"])
func rejectsBadNumbers(text: String) {
    #expect(FlashNumber.parse(text) == nil)
}

@Test func formatsRatesAndDurations() {
    #expect(ProgressRenderer.formatRate(150_000) == "146.5 KiB/s")
    #expect(ProgressRenderer.formatDuration(75.2) == "1m16s")
}

@Test func failureLineCarriesHint() {
    let failure = CLIFailure.badInput("address-past-end", "address 0x300000 is past the end of the 2 MiB flash",
                                      hint: "use an address below 0x200000")
    #expect(failure.line == "error: address 0x300000 is past the end of the 2 MiB flash — hint: use an address below 0x200000")
    #expect(failure.kind.exitCode == 2)
}
