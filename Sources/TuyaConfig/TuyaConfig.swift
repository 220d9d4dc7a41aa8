// The TuyaConfig module. Its scope and boundaries: ../shared/docs/DESIGN.md, "Targets".
public enum TuyaConfigModule {
    public static let name = "TuyaConfig"
}
