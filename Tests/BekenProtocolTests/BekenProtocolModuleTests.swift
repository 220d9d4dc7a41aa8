import Testing
@testable import BekenProtocol

@Test func moduleLinks() {
    #expect(BekenProtocolModule.name == "BekenProtocol")
}
