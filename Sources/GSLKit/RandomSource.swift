import CGSL

/// The GSL generators a scenario may choose.
public enum GeneratorKind: String, CaseIterable, Sendable {
    case mt19937
    case taus2
    case ranlxd2

    var gslType: UnsafePointer<gsl_rng_type> {
        switch self {
        case .mt19937: cgsl_rng_mt19937()
        case .taus2: cgsl_rng_taus2()
        case .ranlxd2: cgsl_rng_ranlxd2()
        }
    }
}

/// One seeded GSL generator. Not thread-safe: each worker owns its own sources.
public final class RandomSource {
    public let kind: GeneratorKind
    let rng: UnsafeMutablePointer<gsl_rng>

    /// - Parameter seed: any value; 0 is remapped because GSL treats it as "use the default seed".
    public init(_ kind: GeneratorKind = .mt19937, seed: UInt64) {
        GSL.prepare()
        self.kind = kind
        guard let rng = gsl_rng_alloc(kind.gslType) else {
            fatalError("gsl_rng_alloc: out of memory")
        }
        self.rng = rng
        // GSL seeds are unsigned long (64-bit here); fold the high bits in for ranlxd2, which uses 32.
        var s = seed ^ (seed >> 32)
        if s == 0 { s = 0x9E37_79B9 }
        gsl_rng_set(rng, UInt(s))
    }

    deinit { gsl_rng_free(rng) }

    /// Uniform on [0, 1).
    @inline(__always) public func uniform() -> Double { gsl_rng_uniform(rng) }

    /// Uniform on (0, 1), never exactly 0.
    @inline(__always) public func uniformPositive() -> Double { gsl_rng_uniform_pos(rng) }

    /// Standard normal by GSL's ziggurat method.
    @inline(__always) public func normal() -> Double { gsl_ran_gaussian_ziggurat(rng, 1.0) }

    /// Student-t with `nu` degrees of freedom (unit scale, variance nu/(nu-2)).
    @inline(__always) public func studentT(_ nu: Double) -> Double { gsl_ran_tdist(rng, nu) }

    /// Chi-squared with `nu` degrees of freedom.
    @inline(__always) public func chiSquared(_ nu: Double) -> Double { gsl_ran_chisq(rng, nu) }

    /// Fills `buffer` with standard normals.
    @inline(__always) public func fillNormals(_ buffer: UnsafeMutableBufferPointer<Double>) {
        for i in buffer.indices { buffer[i] = gsl_ran_gaussian_ziggurat(rng, 1.0) }
    }
}

/// SplitMix64: turns (scenario seed, block index) into well-spread generator seeds so that
/// neighbouring blocks get unrelated streams.
public enum SeedMixer {
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public static func blockSeed(seed: UInt64, block: Int) -> UInt64 {
        mix(mix(seed) ^ UInt64(truncatingIfNeeded: block))
    }
}
