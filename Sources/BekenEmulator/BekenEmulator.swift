// The BekenEmulator module. Its scope and boundaries: ../shared/docs/DESIGN.md, "Targets".
public enum BekenEmulatorModule {
    public static let name = "BekenEmulator"
}
