// The BekenChips module. Its scope and boundaries: ../shared/docs/DESIGN.md, "Targets".
public enum BekenChipsModule {
    public static let name = "BekenChips"
}
