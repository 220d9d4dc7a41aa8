// The OpenBeken module. Its scope and boundaries: ../shared/docs/DESIGN.md, "Targets".
public enum OpenBekenModule {
    public static let name = "OpenBeken"
}
