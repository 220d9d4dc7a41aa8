// The BekenProtocol module. Its scope and boundaries: ../shared/docs/DESIGN.md, "Targets".
public enum BekenProtocolModule {
    public static let name = "BekenProtocol"
}
