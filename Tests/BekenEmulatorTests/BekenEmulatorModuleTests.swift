import Testing
@testable import BekenEmulator

@Test func moduleLinks() {
    #expect(BekenEmulatorModule.name == "BekenEmulator")
}
