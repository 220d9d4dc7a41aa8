// The BekenImage module. Its scope and boundaries: ../shared/docs/DESIGN.md, "Targets".
public enum BekenImageModule {
    public static let name = "BekenImage"
}
