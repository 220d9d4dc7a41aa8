import ArgumentParser
import BekenConversion

/// `flash --latest`: the newest OpenBeken release for the identified chip instead of a FIRMWARE file
/// (fetched by the conversion library through the `bktool firmware` cache).
struct LatestFirmwareOptions: ParsableArguments {
    @Flag(help: "Flash the latest OpenBeken release for the chip (QIO build, else UA), downloaded or from the cache; see `bktool firmware`.")
    var latest = false

    @Option(help: "Build variant for --latest (default: the plain build).")
    var variant: String?

    @OptionGroup var releases: ReleaseOptions

    /// What the conversion fetches; nil without --latest.
    func request() -> LatestFirmware? {
        latest ? LatestFirmware(finder: releases.finder(), variant: variant) : nil
    }
}
