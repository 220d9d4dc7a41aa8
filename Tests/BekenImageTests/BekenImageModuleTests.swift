import Testing
@testable import BekenImage

@Test func moduleLinks() {
    #expect(BekenImageModule.name == "BekenImage")
}
