import BekenChips

/// Reading flash through `GET /api/flash/<hexstart>-<hexlen>` (OBK `rest_interface.c`
/// `http_rest_get_flash_advanced`): raw physical bytes, start+length at most 2 MiB.
extension OBKClient {
    /// Easy Flasher reads 4 KiB per request and takes a chunk only when exactly that many bytes came back,
    /// up to 10 tries (Easy Flasher `OBKDeviceAPI.cs`).
    public static let flashChunkSize = 0x1000
    public static let flashChunkTries = 10
    /// The server refuses anything past 2 MiB (`http_rest_get_flash_advanced`).
    public static let flashLimit = 0x200000

    /// Reads `length` bytes from `start`, chunk by chunk; `progress` gets the bytes read so far.
    public func readFlash(start: Int, length: Int, progress: (Int) -> Void = { _ in }) throws(LANError) -> [UInt8] {
        guard start >= 0, length > 0, start + length <= Self.flashLimit else {
            throw LANError(.badSetting, [.init("start", hexAddress(start)), .init("length", hexAddress(length))],
                           suggestion: .checkSetting)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(length)
        var offset = start
        while offset < start + length {
            let size = min(Self.flashChunkSize, start + length - offset)
            bytes += try readChunk(at: offset, size: size)
            offset += size
            progress(bytes.count)
        }
        return bytes
    }

    private func readChunk(at offset: Int, size: Int) throws(LANError) -> [UInt8] {
        let path = "/api/flash/" + String(offset, radix: 16, uppercase: true) + "-" + String(size, radix: 16, uppercase: true)
        var lastProblem = ""
        for _ in 1...Self.flashChunkTries {
            do throws(LANError) {
                let reply = try exchange(method: "GET", path: path, maxReplyBytes: size + 4096, attempts: 1)
                guard reply.status == 200 else { throw refusal(reply, path: path) }
                if reply.body.count == size { return reply.body }
                lastProblem = "\(reply.body.count) bytes instead of \(size)"
            } catch {
                if !error.isTransient && error.code != .replyTooLarge { throw error }
                lastProblem = error.fact("reason") ?? error.code.rawValue
            }
        }
        throw LANError(.flashReadFailed, [.init("host", address.description), .init("address", hexAddress(offset)),
                                          .init("tries", "\(Self.flashChunkTries)"), .init("last", lastProblem)],
                       suggestion: .retryLater)
    }
}

/// The regions a network backup reads for a chip.
public struct NetworkBackupPlan: Sendable, Hashable {
    public struct Region: Sendable, Hashable {
        /// "obk-config", "tuya-config" or "flash".
        public let name: String
        public let start: Int
        public let length: Int
    }

    public let regions: [Region]

    /// The OpenBeken config sector and the Tuya region (Easy Flasher's "OBK config" and "Tuya config"
    /// downloads: 1 sector at the config address, 0x12000 bytes from 0x1EE000), or the whole 2 MiB with `full`.
    public init(chipset: String, full: Bool) throws(LANError) {
        guard let family = ChipFamily.named(chipset.lowercased()) else {
            throw LANError(.badSetting, [.init("chip", chipset)], suggestion: .checkItIsOpenBeken)
        }
        if full {
            regions = [Region(name: "flash", start: 0, length: OBKClient.flashLimit)]
            return
        }
        var regions: [Region] = []
        if let config = family.layout.openBekenConfig {
            regions.append(Region(name: "obk-config", start: Int(config), length: 0x1000))
        }
        if let tuya = family.layout.tuyaStorage, Int(tuya) < OBKClient.flashLimit {
            let length = Int(family.layout.tuyaStorageLength ?? 0x12000)
            regions.append(Region(name: "tuya-config", start: Int(tuya), length: min(length, OBKClient.flashLimit - Int(tuya))))
        }
        guard !regions.isEmpty else {
            throw LANError(.badSetting, [.init("chip", chipset)], suggestion: .checkItIsOpenBeken)
        }
        self.regions = regions
    }
}
