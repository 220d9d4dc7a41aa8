/// The tool version, written into backup sidecars and `--version`.
enum BKToolVersion {
    static let string = "0.1.0"
}
