import Testing
@testable import BekenChips

@Test func moduleLinks() {
    #expect(BekenChipsModule.name == "BekenChips")
}
