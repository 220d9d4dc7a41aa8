import BekenChips
import FirmwareReleases
import Foundation

/// "Flash the latest OpenBeken": instead of a file, the conversion fetches the newest release for the chip it
/// has just identified, through the release finder and its cache (reused offline). The QIO image is asked for
/// first — the write planner keeps the chip's own bootloader and writes its app part at 0x11000 — and the UA
/// (app-only) image when the release has no QIO build for the chip; both land at the same place.
public struct LatestFirmware: Sendable {
    public let finder: ReleaseFinder
    /// A build variant suffix (nil: the plain build).
    public var variant: String?
    /// A release tag (nil: the latest release).
    public var version: String?

    public init(finder: ReleaseFinder, variant: String? = nil, version: String? = nil) {
        self.finder = finder
        self.variant = variant
        self.version = version
    }

    /// The kinds tried, in order.
    static let kinds: [FirmwareKind] = [.qio, .ua]

    /// The file for `chip` and its bytes. Blocking: it waits for the finder (the runner runs on its own thread).
    func fetch(chip: ChipKind) throws(ConversionError) -> (firmware: FetchedFirmware, bytes: [UInt8]) {
        let finder = finder
        let requests = Self.kinds.map { FirmwareRequest(chip: chip.rawValue, kind: $0, variant: variant, version: version) }
        let outcome = BlockingWait.result { () async -> Result<ReleaseFinder.Fetched, FirmwareError> in
            var firstError: FirmwareError?
            for request in requests {
                do throws(FirmwareError) {
                    return .success(try await finder.fetch(request))
                } catch {
                    // Only a missing file of this kind (online or in the cache) moves on to the next kind.
                    guard error.code == .assetNotFound || error.code == .offlineNothingCached else { return .failure(error) }
                    if firstError == nil { firstError = error }
                }
            }
            return .failure(firstError ?? FirmwareError(.assetNotFound, ["chip": chip.rawValue]))
        }
        let fetched: ReleaseFinder.Fetched
        switch outcome {
        case .success(let value): fetched = value
        case .failure(let error): throw .firmwareUnavailable(error, chip: chip)
        }
        guard let data = try? Data(contentsOf: fetched.path), data.count == fetched.entry.size else {
            throw .firmwareUnavailable(FirmwareError(.downloadFailed, ["url": fetched.path.path,
                                                                       "reason": "the cached file cannot be read"]),
                                       chip: chip)
        }
        let firmware = FetchedFirmware(name: fetched.entry.name, tag: fetched.entry.tag, kind: fetched.entry.request.kind,
                                       path: fetched.path.path, size: fetched.entry.size, sha256: fetched.entry.sha256,
                                       source: fetched.source, offlineReason: fetched.offlineReason)
        return (firmware, Array(data))
    }
}

/// The release file a conversion fetched (`LatestFirmware`): which one, where it is cached, and whether it was
/// downloaded now, already cached, or taken from the cache because the releases server was unreachable.
public struct FetchedFirmware: Sendable, Equatable {
    public let name: String
    public let tag: String
    public let kind: FirmwareKind
    /// The cached file.
    public let path: String
    public let size: Int
    public let sha256: String
    public let source: ReleaseFinder.Source
    /// Why the server was not used (offline reuse only).
    public let offlineReason: String?
}

/// Runs async work to its end from a blocking caller (a thread of its own, never the cooperative pool).
enum BlockingWait {
    static func result<Value: Sendable>(_ work: @escaping @Sendable () async -> Value) -> Value {
        let box = Box<Value>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            box.value = await work()
            done.signal()
        }
        done.wait()
        return box.value!
    }

    /// Written by the task before the semaphore is signalled, read after the wait.
    private final class Box<Value>: @unchecked Sendable {
        var value: Value?
    }
}
