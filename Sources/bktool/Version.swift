import BekenConversion

/// The tool version, written into backup sidecars and `--version`.
enum BKToolVersion {
    static let string = "0.1.0"
    /// How backups' sidecars name the tool that wrote them.
    static let tool = ToolInfo(name: "bktool", version: string)
}
