import Testing
@testable import OpenBeken

@Test func moduleLinks() {
    #expect(OpenBekenModule.name == "OpenBeken")
}
