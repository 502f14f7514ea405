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

    /// - Parameter seed: mt19937, taus2 and ranlxd2 all keep only 32 bits of a seed, so that is what
    ///   this takes; 0 is remapped because GSL reads it as "use the default seed".
    public init(_ kind: GeneratorKind = .mt19937, seed: UInt32) {
        GSL.prepare()
        self.kind = kind
        guard let rng = gsl_rng_alloc(kind.gslType) else {
            fatalError("gsl_rng_alloc: out of memory")
        }
        self.rng = rng
        gsl_rng_set(rng, UInt(seed == 0 ? 0x9E37_79B9 : seed))
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

/// Generator seeds for blocks of paths. GSL's generators take 32-bit seeds, so a 64-bit mixer's
/// output would collide between blocks once there are tens of thousands of them (a birthday
/// collision replays a whole block of paths). Instead each run gets a 32-bit base from SplitMix64
/// of the scenario seed, and block b gets fmix32(base + b): fmix32 is a bijection on 32 bits, so
/// different blocks of one run always get different seeds, and neighbouring blocks get unrelated ones.
public enum SeedMixer {
    /// SplitMix64's output function.
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// MurmurHash3's 32-bit finalizer: invertible, so distinct inputs give distinct outputs.
    public static func fmix32(_ x: UInt32) -> UInt32 {
        var h = x
        h ^= h >> 16
        h &*= 0x85EB_CA6B
        h ^= h >> 13
        h &*= 0xC2B2_AE35
        h ^= h >> 16
        return h
    }

    public static func blockSeed(seed: UInt64, block: Int) -> UInt32 {
        let base = UInt32(truncatingIfNeeded: mix(seed) >> 32)
        return fmix32(base &+ UInt32(truncatingIfNeeded: block))
    }
}
