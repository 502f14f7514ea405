/// Names for fitted regimes, which are ordered by the mean of one column, lowest first.
public enum RegimeFitNames {
    public static func defaults(_ k: Int) -> [String] {
        switch k {
        case 2: ["low", "high"]
        case 3: ["low", "middle", "high"]
        default: (1...max(k, 1)).map { "regime \($0)" }
        }
    }
}
