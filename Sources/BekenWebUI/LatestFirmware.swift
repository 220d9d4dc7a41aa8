import FirmwareReleases
import Foundation

/// "Fetch the latest OpenBeken for this chip": FirmwareReleases' finder (cache checked by size and SHA-256,
/// the newest cached file when offline), bridged to the server's blocking connection threads.
struct LatestFirmware: Sendable {
    let finder: ReleaseFinder

    /// The app-only (UA) image of the latest release for `chip` (bktool's chip name, e.g. `bk7231n`).
    func fetch(chip: String) -> Result<(name: String, bytes: [UInt8], tag: String), FirmwareError> {
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let finder = finder
        Task {
            do {
                let fetched = try await finder.fetch(FirmwareRequest(chip: chip, kind: .ua))
                if let data = FileManager.default.contents(atPath: fetched.path.path) {
                    box.set(.success((fetched.entry.name, Array(data), fetched.entry.tag)))
                } else {
                    box.set(.failure(FirmwareError(.cacheNotWritable, ["path": fetched.path.path])))
                }
            } catch let error as FirmwareError {
                box.set(.failure(error))
            } catch {
                box.set(.failure(FirmwareError(.downloadFailed, ["reason": "\(error)"])))
            }
            done.signal()
        }
        done.wait()
        return box.value ?? .failure(FirmwareError(.downloadFailed))
    }

    private final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Result<(name: String, bytes: [UInt8], tag: String), FirmwareError>?
        var value: Result<(name: String, bytes: [UInt8], tag: String), FirmwareError>? { lock.withLock { stored } }
        func set(_ result: Result<(name: String, bytes: [UInt8], tag: String), FirmwareError>) { lock.withLock { stored = result } }
    }
}
