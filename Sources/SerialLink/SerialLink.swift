// The SerialLink module. Its scope and boundaries: ../shared/docs/DESIGN.md, "Targets".
public enum SerialLinkModule {
    public static let name = "SerialLink"
}
