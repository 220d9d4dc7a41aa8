import Testing
@testable import TuyaConfig

@Test func moduleLinks() {
    #expect(TuyaConfigModule.name == "TuyaConfig")
}
