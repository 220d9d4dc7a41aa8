// The BekenFlasher module. Its scope and boundaries: ../shared/docs/DESIGN.md, "Targets".
public enum BekenFlasherModule {
    public static let name = "BekenFlasher"
}
