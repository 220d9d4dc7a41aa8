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

    @Test func demoChipBK7238ConvertsTheT1PlugAndExitsZero() throws {
        let directory = try TemporaryDirectory()
        let run = try Subprocess.bktool(["demo", "--chip", "bk7238", "--backup-dir", directory.path("backups")])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        for step in 1...8 { #expect(run.stdout.contains("[\(step)/8]")) }
        #expect(run.stdout.contains("virtual BK7238"), "\(run.stdout.prefix(600))")
        #expect(run.stdout.contains("copying it to 0x1E0000, where OpenBeken reads it"))
        #expect(run.stdout.contains("the MAC is at 0x1E0000") && run.stdout.contains("Checked on the virtual chip itself"))
        #expect(!run.stdout.contains("demo-password-123") && !run.stdout.contains("demo-mqtt-secret"))
        #expect(Conversion.files(in: directory.path("backups"), endingWith: "-backup.bin").count == 1)
    }

    @Test func demoChipBK7252NConvertsTheT4PlugAndExitsZero() throws {
        let directory = try TemporaryDirectory()
        let run = try Subprocess.bktool(["demo", "--chip", "bk7252n", "--backup-dir", directory.path("backups")])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("virtual BK7252N"), "\(run.stdout.prefix(600))")
        #expect(run.stdout.contains("the MAC is at 0x1E0000") && run.stdout.contains("Checked on the virtual chip itself"))
        #expect(!run.stdout.contains("copying it to 0x1E0000"), "no RF move on the BK7252N")
        #expect(!run.stdout.contains("demo-password-123") && !run.stdout.contains("demo-mqtt-secret"))
    }
}
