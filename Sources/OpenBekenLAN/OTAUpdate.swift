/// Installing an OpenBeken OTA package over the network: check it against the device's chip, `POST /api/ota`
/// (raw body, not multipart), `POST /api/reboot`, wait for the device, confirm the new build. The firmware
/// validates nothing itself (OBK `hal_ota_bk7231.c`), so the checks happen here, before the upload.
public struct OTAUpdate: Sendable {
    public enum Event: Sendable, Equatable {
        case checked(fileChip: String, version: String)
        case uploading(sent: Int, total: Int)
        case rebooting
        case waiting(elapsedSeconds: Int)
    }

    public struct Outcome: Sendable, Equatable {
        public let before: DeviceInfo
        public let after: DeviceInfo
        public let packageVersion: String
    }

    public let client: OBKClient
    /// How long to wait for the device after the reboot.
    public var returnLimit: Duration

    public init(client: OBKClient, returnLimit: Duration = .seconds(60)) {
        self.client = client
        self.returnLimit = returnLimit
    }

    public func run(package bytes: [UInt8], onEvent: (Event) -> Void = { _ in }) throws(LANError) -> Outcome {
        let before = try client.info()
        let package: OTAPackage
        do {
            package = try OTAPackage(opening: bytes)
            try package.check(forChipset: before.chipset)
        } catch {
            throw LANError(error.code, error.facts + [.init("deviceChip", before.chipset)],
                           suggestion: .pickOTAFile(chip: before.chipset))
        }
        onEvent(.checked(fileChip: package.chipset ?? "", version: package.version))
        // Upload time grows with size: allow 20 KiB/s on top of the normal timeout.
        let uploadTimeout = client.timeout + .seconds(bytes.count / 20_000 + 5)
        onEvent(.uploading(sent: 0, total: bytes.count))
        let reply = try client.exchange(method: "POST", path: "/api/ota", body: bytes,
                                        contentType: "application/octet-stream", timeout: uploadTimeout, attempts: 1) { sent in
            if sent > 0, sent < bytes.count { onEvent(.uploading(sent: sent, total: bytes.count)) }
        }
        guard reply.status == 200 else { throw client.refusal(reply, path: "/api/ota") }
        onEvent(.uploading(sent: bytes.count, total: bytes.count))
        onEvent(.rebooting)
        try client.reboot()
        let after = try client.waitForReturn(uptimeBefore: before.uptimeSeconds, limit: returnLimit) { elapsed in
            onEvent(.waiting(elapsedSeconds: Int(elapsed.components.seconds)))
        }
        guard after.version == package.version || (after.build != before.build && after.build.contains(package.version)) else {
            throw LANError(.buildUnchanged, [.init("host", client.address.description), .init("build", after.build),
                                             .init("expected", package.version)], suggestion: .powerCycleAndCheck)
        }
        return Outcome(before: before, after: after, packageVersion: package.version)
    }
}
