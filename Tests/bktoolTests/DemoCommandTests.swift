import Foundation
import Testing

/// `bktool demo` as a user runs it on a fresh machine: the whole conversion on the paced virtual plug.
struct DemoCommandTests {
    @Test func demoRunsTheWholeConversionAndExitsZero() throws {
        let directory = try TemporaryDirectory()
        let run = try Subprocess.bktool(["demo", "--backup-dir", directory.path("backups")])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        for step in 1...8 { #expect(run.stdout.contains("[\(step)/8]")) }
        #expect(run.stdout.contains("Checked on the virtual chip itself"))
        #expect(run.stdout.contains("BL0937"), "the plug's power-metering pins are shown")
        #expect(!run.stdout.contains("demo-password-123") && !run.stdout.contains("demo-mqtt-secret"))
        #expect(Conversion.files(in: directory.path("backups"), endingWith: "-backup.bin").count == 1)
    }
}
