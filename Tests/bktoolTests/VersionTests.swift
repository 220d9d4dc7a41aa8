import Testing
@testable import bktool

@Test func versionIsSemantic() {
    #expect(BKToolVersion.string.split(separator: ".").count == 3)
}
