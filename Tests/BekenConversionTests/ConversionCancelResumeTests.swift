import BekenConversion
import BekenDemo
import BekenEmulator
import BekenFlasher
import BekenProtocol
import Dispatch
import Foundation
import OpenBeken
import SerialLink
import Testing

/// The whole conversion in-process through the library (no subprocess, no argv) against the virtual chip on a real
/// pseudo-terminal: cancelled from another thread in the middle of the write, the reported verified ranges hold
/// the new bytes on the chip; run again with the same stores, it resumes without rewriting them and ends verified.
@Suite(.serialized) struct ConversionCancelResumeTests {
    static let tool = ToolInfo(name: "tests", version: "0")

    /// A synthetic Tuya plug on a virtual BK7231N, served on a pty.
    final class Plug {
        let chip: VirtualChip
        let server: ChipServer
        let original = SyntheticTuyaPlug.flashImage()

        init(timing: TimingModel = .instant) throws {
            chip = VirtualChip(configuration: .init(personality: .bk7231n, flash: original, timing: timing,
                                                    initialState: .downloadMode, resetAfter: .milliseconds(100)))
            server = try ChipServer.onPseudoTerminal(chip)
        }

        func link() throws -> SerialPort { try SerialPort(path: server.path!) }
        deinit { server.stop() }
    }

    static func settings() throws -> ConversionSettings {
        let firmware = try #require(SyntheticOpenBeken.uaImage(for: .bk7231n))
        var settings = ConversionSettings(firmware: firmware, firmwareName: "OpenBK7231N_UA.bin", tool: tool)
        settings.network.wifiSSID = "TestNet"
        settings.network.wifiPassword = "test-password"
        settings.name = "test-plug"
        return settings
    }

    static func options(_ cancellation: CancellationHandle? = nil) -> Flasher.Options {
        var options = Flasher.Options()
        options.linkTimeout = .seconds(5)
        options.cancellation = cancellation
        return options
    }

    /// What the flash must hold where a planned write is proven: the original with the writes applied.
    static func expectedFlash(_ original: [UInt8], writes: [FlashProgressRecord.PlannedWrite], images: [[UInt8]]) -> [UInt8] {
        var flash = original
        for (write, bytes) in zip(writes, images) { flash.replaceSubrange(write.address ..< write.address + bytes.count, with: bytes) }
        return flash
    }

    @Test("cancelled mid-write from another thread, then resumed without rewriting verified sectors")
    func cancelDuringTheWriteThenResume() throws {
        let plug = try Plug()
        let settings = try Self.settings()
        let backups = MemoryBackupStore()
        let progress = MemoryProgressStore()
        let cancellation = CancellationHandle()

        // The runner's thread stops after the second range proven during the write and waits until another
        // thread has cancelled; the flasher must then stop at its next command boundary.
        let cancelRequested = DispatchSemaphore(value: 0)
        let cancelDone = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            cancelRequested.wait()
            cancellation.cancel()
            cancelDone.signal()
        }
        var writing = false
        var provenWhileWriting = 0
        var plan: ConversionPlan?
        let firstLink = try plug.link()
        let runner = ConversionRunner(link: firstLink, options: Self.options(cancellation), settings: settings,
                                      backups: backups, progress: progress) { event in
            switch event {
            case .stepStarted(let step): writing = step == .write
            case .flasher(.verified) where writing:
                provenWhileWriting += 1
                if provenWhileWriting == 2 {
                    cancelRequested.signal()
                    cancelDone.wait()
                }
            default: break
            }
        }
        var caught: ConversionError?
        do {
            _ = try runner.run()
        } catch let error as ConversionError {
            caught = error
        }
        firstLink.close()
        guard case .cancelled(let reported)? = caught, let reported else {
            Issue.record("expected a cancellation with progress, got \(String(describing: caught))")
            return
        }

        // The reported verified ranges hold the new bytes on the chip; the unverified rest does not (yet).
        let record = try #require(progress.load(chipKey: "BK7231N 02:42:4B:72:31:4E"))
        #expect(record.complete == false)
        #expect(reported.verified == record.verifiedRanges)
        #expect(!reported.verified.isEmpty && !reported.unverified.isEmpty)
        let backup = try #require(backups.all.values.first)
        #expect(backup.bytes == plug.original, "the backup is the plug's original flash")
        plan = try ConversionPlan.make(identity: try Self.identity(of: plug), firmware: CheckedFirmware.check(settings, chip: .bk7231n),
                                       settings: settings, backup: backup.bytes, backupName: backup.location.name, previous: nil)
        let planned = try #require(plan)
        let expected = Self.expectedFlash(plug.original, writes: planned.writes, images: planned.images)
        let flash = plug.chip.flash
        for range in reported.verified {
            #expect(Array(flash[range]) == Array(expected[range]), "verified \(range) holds the new bytes")
        }
        #expect(reported.unverified.contains { Array(flash[$0]) != Array(expected[$0]) }, "the write was cut short")
        #expect(reported.verifiedSectors == reported.verified.reduce(0) { $0 + $1.count } / 0x1000)

        // Again, same stores, no cancellation: it resumes, touches no verified sector and ends verified.
        let logBefore = plug.chip.commandLog.count
        let secondLink = try plug.link()
        defer { secondLink.close() }
        var resumedAt: Int?
        let result = try ConversionRunner(link: secondLink, options: Self.options(), settings: settings,
                                          backups: backups, progress: progress) { event in
            if case .resuming(_, let from) = event { resumedAt = from }
        }.run()
        #expect(result.backupReuse == .previousRun)
        #expect(result.resumedSectors == reported.verifiedSectors)
        #expect(resumedAt == reported.unverified.first?.lowerBound)
        let changing: Set<UInt8> = [FlashOp.write4K.rawValue, FlashOp.erase.rawValue, FlashOp.erase4K.rawValue]
        let rerunChanges = plug.chip.commandLog.dropFirst(logBefore).filter { $0.isLong && changing.contains($0.code) }
        #expect(!rerunChanges.isEmpty)
        for change in rerunChanges {
            let address = Int(change.address ?? 0) % SyntheticTuyaPlug.flashSize
            #expect(!reported.verified.contains { $0.contains(address) }, "rewrote verified sector \(hex(address))")
        }
        let final = plug.chip.flash
        for write in planned.writes {
            #expect(Array(final[write.address ..< write.address + write.length])
                    == Array(expected[write.address ..< write.address + write.length]), "\(write.what) in place")
        }
        let config = try OBKConfig(decoding: final[planned.config.offset ..< planned.config.offset + 0x1000])
        #expect(config.wifiSSID == "TestNet" && config.shortDeviceName == "test-plug")
        #expect(progress.load(chipKey: "BK7231N 02:42:4B:72:31:4E")?.complete == true)
    }

    @Test("a job driven from Swift concurrency: events as a stream, cancel() stops it with the progress so far")
    func asyncJobCancels() async throws {
        // Paced like a 1.5 Mbaud UART: linking alone takes longer than the cancel below needs to arrive. (A cancel
        // timed by the awaiting task could come late: other tests may keep the cooperative pool busy; the
        // mid-write cancellation from another thread is the runner test above.)
        let plug = try Plug(timing: .realistic)
        let path = plug.server.path!
        let progress = MemoryProgressStore()
        let job = ConversionJob(openLink: { try SerialPort(path: path) }, options: Self.options(),
                                settings: try Self.settings(), backups: MemoryBackupStore(), progress: progress)
        job.cancel()
        var steps: [Int] = []
        for await event in job.events {
            if case .stepStarted(let step) = event { steps.append(step.number) }
        }
        #expect(steps.count <= 1, "stopped while connecting: \(steps)")
        var stopped = false
        do {
            _ = try await job.result()
        } catch ConversionError.cancelled(let reported) {
            stopped = reported == nil  // nothing was written, so nothing is recorded
        }
        #expect(stopped)
        #expect(progress.saves == 0)
        #expect(plug.chip.flash == plug.original, "nothing on the chip changed")
    }

    @Test("cancelling the task that awaits a job cancels the conversion")
    func cancellingTheAwaitingTaskCancelsTheJob() async throws {
        let plug = try Plug(timing: .realistic)
        let path = plug.server.path!
        let job = ConversionJob(openLink: { try SerialPort(path: path) }, options: Self.options(),
                                settings: try Self.settings(), backups: MemoryBackupStore(), progress: MemoryProgressStore())
        let waiting = Task { try await job.result() }
        waiting.cancel()
        var cancelled = false
        do {
            _ = try await waiting.value
        } catch ConversionError.cancelled {
            cancelled = true
        }
        #expect(cancelled)
        #expect(job.cancellation.isCancelled)
        #expect(plug.chip.flash == plug.original)
    }

    /// The chip's identity as the flasher sees it (for planning the expected bytes in the test).
    static func identity(of plug: Plug) throws -> ChipIdentity {
        let link = try plug.link()
        defer { link.close() }
        let flasher = Flasher(link: link, options: options())
        _ = try flasher.connect()
        _ = try flasher.readMAC()
        return try #require(flasher.identity)
    }
}

private func hex(_ value: Int) -> String { "0x" + String(value, radix: 16, uppercase: true) }
