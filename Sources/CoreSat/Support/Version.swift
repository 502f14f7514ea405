/// The version `coresat --version` prints; the one place it is kept.
public enum CoreSatVersion {
    public static let string = "0.2.0"
}
