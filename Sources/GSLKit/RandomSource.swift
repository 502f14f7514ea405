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

    /// - Parameter seed: passed to GSL as is. GSL reads 0 as its default seed (4357 for mt19937, 1 for
    ///   taus2 and ranlxd2), and ranlxd2 reads a seed as a signed 32-bit integer and keeps only its
    ///   magnitude (x and 2^32 - x give one stream). Seeds 1 ... 2^31 - 1 give distinct streams on
    ///   every generator here; `SeedMixer` hands out only those.
    public init(_ kind: GeneratorKind = .mt19937, seed: UInt32) {
        GSL.prepare()
        self.kind = kind
        guard let rng = gsl_rng_alloc(kind.gslType) else {
            fatalError("gsl_rng_alloc: out of memory")
        }
        self.rng = rng
        gsl_rng_set(rng, UInt(seed))
    }

    deinit { gsl_rng_free(rng) }

    /// Uniform on [0, 1).
    @inline(__always) public func uniform() -> Double { gsl_rng_uniform(rng) }

    /// Uniform on 0 ..< n, every value equally likely (GSL rejects the uneven top of its range).
    @inline(__always) public func index(below n: Int) -> Int { Int(gsl_rng_uniform_int(rng, UInt(n))) }

    /// Geometric on 1, 2, ...: the number of trials up to the first success of probability `p`.
    @inline(__always) public func geometric(_ p: Double) -> Int { Int(gsl_ran_geometric(rng, p)) }

    /// Chi-squared with `nu` degrees of freedom.
    @inline(__always) public func chiSquared(_ nu: Double) -> Double { gsl_ran_chisq(rng, nu) }

    /// Fills `buffer` with standard normals (GSL's ziggurat method).
    @inline(__always) public func fillNormals(_ buffer: UnsafeMutableBufferPointer<Double>) {
        for i in buffer.indices { buffer[i] = gsl_ran_gaussian_ziggurat(rng, 1.0) }
    }
}

/// Generator seeds for blocks of paths. Two blocks with the same stream would replay the same paths,
/// so block seeds must be distinct as streams, not only as numbers: ranlxd2 gives seeds x and
/// 2^32 - x one stream, taus2 gives two seeds above 2^31 one stream, and every generator reads 0
/// as another seed. Seeds 1 ... 2^31 - 1 avoid all of these, so a run's block b gets
/// P((base + b) mod (2^31 - 1)) + 1, with base from SplitMix64 of the scenario seed and P a
/// bijection of [0, 2^31 - 1): distinct blocks (fewer than 2^31 - 1 of them) get distinct streams.
public enum SeedMixer {
    /// SplitMix64's output function.
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 2^31 - 1: the number of seeds every generator reads as distinct streams.
    public static let seedCount: UInt32 = 0x7FFF_FFFF

    /// A bijection of [0, 2^31): xor-shifts and odd multipliers modulo 2^31 are each invertible.
    static func permute31(_ x: UInt32) -> UInt32 {
        let mask: UInt32 = 0x7FFF_FFFF
        var h = x & mask
        h ^= h >> 16
        h = (h &* 0x85EB_CA6B) & mask
        h ^= h >> 13
        h = (h &* 0xC2B2_AE35) & mask
        h ^= h >> 16
        return h
    }

    /// A bijection of [0, 2^31 - 1) by cycle walking: the one value outside, 2^31 - 1, is stepped over.
    static func permute(_ x: UInt32) -> UInt32 {
        var h = permute31(x)
        while h >= seedCount { h = permute31(h) }
        return h
    }

    /// The seed of block `block` of a run: in 1 ... 2^31 - 1, and different for different blocks.
    public static func blockSeed(seed: UInt64, block: Int) -> UInt32 {
        precondition(block >= 0 && block < Int(seedCount), "block index out of range")
        let base = mix(seed) % UInt64(seedCount)
        let index = UInt32((base + UInt64(block)) % UInt64(seedCount))
        return permute(index) + 1
    }
}
