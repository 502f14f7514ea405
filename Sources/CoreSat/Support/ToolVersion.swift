/// The version of coresat, printed by `--version` and written into saved results.
public enum ToolVersion {
    public static let string = "0.2.0"
}
