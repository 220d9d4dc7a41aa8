import Testing
@testable import SerialLink

@Test func moduleLinks() {
    #expect(SerialLinkModule.name == "SerialLink")
}
