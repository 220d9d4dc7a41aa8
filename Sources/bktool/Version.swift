import BekenConversion
import CBuildInfo

/// The tool version, written into backup sidecars and `--version`.
enum BKToolVersion {
    static let string = "0.1.0"
    /// How backups' sidecars name the tool that wrote them.
    static let tool = ToolInfo(name: "bktool", version: string)

    /// The git commit of a release build (scripts/release.sh), nil in a development build.
    static let commit: String? = {
        let commit = String(cString: bktool_build_commit())
        return commit.isEmpty ? nil : commit
    }()

    /// What `--version` prints, e.g. "0.1.0 (commit 1a2b3c4d5e6f)".
    static let full = "\(string) (\(commit.map { "commit \($0)" } ?? "development build"))"
}
