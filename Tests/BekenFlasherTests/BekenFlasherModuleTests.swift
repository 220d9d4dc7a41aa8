import Testing
@testable import BekenFlasher

@Test func moduleLinks() {
    #expect(BekenFlasherModule.name == "BekenFlasher")
}
