import Testing
@testable import bktool

@Test func versionIsSemantic() {
    #expect(BKToolVersion.string.split(separator: ".").count == 3)
}

@Test func versionLineNamesTheCommitOrADevelopmentBuild() throws {
    #expect(BKToolVersion.full.hasPrefix(BKToolVersion.string + " ("))
    if let commit = BKToolVersion.commit {
        #expect(BKToolVersion.full.contains("commit \(commit)"))
    } else {
        #expect(BKToolVersion.full.hasSuffix("(development build)"))
    }
    let outcome = try Subprocess.bktool(["--version"])
    #expect(outcome.status == 0)
    #expect(outcome.stdout == BKToolVersion.full + "\n")
}
