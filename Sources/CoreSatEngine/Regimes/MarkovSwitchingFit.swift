import Dispatch
import Foundation
import GSLKit
import Synchronization

/// Fits a K-regime Gaussian Markov-switching model (y_t | S_t = k ~ N(mu_k, Sigma_k), S_t a Markov
/// chain started in its ergodic distribution) to T months x N assets by maximum likelihood, the way
/// statsmodels' MarkovRegression `fit(search_reps=...)` does:
/// 1. starts: the quantile start (`StandardizedSample.quantileStart`) and `restarts` random ones
///    around it, each with `searchIterations` EM iterations; restart r draws from a generator
///    seeded from (seed, r), so the restarts may run on any number of threads with one result;
/// 2. the start of highest log-likelihood (the lowest restart on ties) goes on with EM until the
///    log-likelihood changes by less than `tolerance`, or `maxIterations`;
/// 3. BFGS on the exact log-likelihood over unconstrained parameters (`UnconstrainedParameters`,
///    gradient from `LikelihoodGradient`):
///    EM's transition step ignores the ergodic start, so its fixed point falls short of the maximum
///    (by about 1e-3 in log-likelihood on 99 years of US market returns).
public enum MarkovSwitchingFit {
    /// `returns`: [month][asset], for a market spec monthly log returns.
    public static func fit(_ returns: [[Double]], options: RegimeFitOptions = RegimeFitOptions()) throws(RegimeFitError) -> RegimeFit {
        let sample = try StandardizedSample(returns)
        try check(options, sample)
        do {
            return try fit(sample, options)
        } catch let error as RegimeFitError {
            throw error
        } catch {
            throw RegimeFitError("regime fit: \(error)")
        }
    }

    private static func check(_ options: RegimeFitOptions, _ sample: StandardizedSample) throws(RegimeFitError) {
        let k = options.regimeCount
        guard k >= 1 else { throw RegimeFitError("the number of regimes must be at least 1") }
        guard options.orderColumn >= 0 && options.orderColumn < sample.dimension else {
            throw RegimeFitError("order column \(options.orderColumn) is not one of the \(sample.dimension) columns")
        }
        guard options.restarts >= 0, options.threads >= 1, options.searchIterations >= 1, options.maxIterations >= 1 else {
            throw RegimeFitError("restarts must be at least 0, threads and iterations at least 1")
        }
        guard options.tolerance > 0, options.perturbation >= 0, options.varianceFloor > 0 && options.varianceFloor < 1 else {
            throw RegimeFitError("the tolerance must be positive, the perturbation not negative, the variance floor in (0, 1)")
        }
        let p = SwitchingParameters.count(regimes: k, dimension: sample.dimension)
        guard sample.months > p else {
            throw RegimeFitError("\(sample.months) months are too few for \(p) parameters")
        }
    }

    private static func fit(_ sample: StandardizedSample, _ options: RegimeFitOptions) throws -> RegimeFit {
        let k = options.regimeCount
        let floor = options.varianceFloor * sample.smallestVariance
        let unconstrained = UnconstrainedParameters(regimeCount: k, dimension: sample.dimension, shift: floor / 2)
        let start = try sample.quantileStart(regimes: k, column: options.orderColumn, floor: floor)
        let em = ExpectationMaximization(data: sample.z, dimension: sample.dimension, floor: floor, tolerance: options.tolerance)

        let trials = search(from: start, em: em, unconstrained: unconstrained, options: options)
        guard let best = trials.indices.filter({ trials[$0] != nil }).max(by: { a, b in
            // Highest log-likelihood; on ties the lower restart, so the choice ignores thread timing.
            (trials[a]?.logLikelihood ?? -.infinity, b) < (trials[b]?.logLikelihood ?? -.infinity, a)
        }), var kept = trials[best] else {
            throw RegimeFitError("every start failed")
        }
        kept = try em.run(kept, until: options.maxIterations)

        var parameters = kept.parameters
        var polish: QuasiNewton.Result?
        if options.polish {
            (parameters, polish) = try polished(parameters, em: em, unconstrained: unconstrained)
        }
        let smoothing = try em.data.withUnsafeBufferPointer { (data) throws(GSLError) in try KimSmoother.smooth(parameters, data: data) }
        return result(parameters, smoothing, sample, options, kept, polish, trials)
    }

    /// Every start's search, on up to `threads` threads; nil for a start that failed numerically.
    private static func search(
        from start: SwitchingParameters, em: ExpectationMaximization, unconstrained: UnconstrainedParameters,
        options: RegimeFitOptions
    ) -> [ExpectationMaximization.State?] {
        let count = options.restarts + 1
        let trials = Mutex<[ExpectationMaximization.State?]>(Array(repeating: nil, count: count))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(options.threads, count)) { _ in
            while true {
                let restart = next.add(1, ordering: .relaxed).oldValue
                if restart >= count { break }
                let trial = try? em.run(
                    em.begin(startingPoint(restart, start, unconstrained, options)), until: min(options.searchIterations, options.maxIterations))
                trials.withLock { $0[restart] = trial }
            }
        }
        return trials.withLock { $0 }
    }

    /// Restart 0 is the start itself; restart r > 0 moves each unconstrained parameter by a uniform
    /// draw in +-perturbation, from its own generator.
    private static func startingPoint(
        _ restart: Int, _ start: SwitchingParameters, _ unconstrained: UnconstrainedParameters, _ options: RegimeFitOptions
    ) throws -> SwitchingParameters {
        guard restart > 0 else { return start }
        let random = RandomSource(seed: SeedMixer.blockSeed(seed: options.seed, block: restart))
        let u = try unconstrained.pack(start).map { $0 + options.perturbation * (2 * random.uniform() - 1) }
        return unconstrained.unpack(u)
    }

    /// BFGS on -log L / T over unconstrained parameters; kept only if it improves on EM.
    private static func polished(
        _ parameters: SwitchingParameters, em: ExpectationMaximization, unconstrained: UnconstrainedParameters
    ) throws -> (SwitchingParameters, QuasiNewton.Result?) {
        let months = Double(em.months)
        let emLogLikelihood = try em.logLikelihood(parameters)
        guard let u = try? unconstrained.pack(parameters) else { return (parameters, nil) }
        // A point where a covariance cannot be factored counts as no likelihood at all.
        let result = try em.data.withUnsafeBufferPointer { (data) throws(GSLError) in
            try QuasiNewton.minimize(
                from: u,
                value: { u in (try? em.logLikelihood(unconstrained.unpack(u))).map { -$0 / months } ?? .infinity },
                valueAndGradient: { u in
                    guard let (logLikelihood, gradient) = try? unconstrained.logLikelihoodAndGradient(u, data: data) else {
                        return (.infinity, Array(repeating: 0, count: u.count))
                    }
                    return (-logLikelihood / months, gradient.map { -$0 / months })
                })
        }
        let better = -result.value * months > emLogLikelihood
        return (better ? unconstrained.unpack(result.x) : parameters, result)
    }

    /// Labels by ascending mean of the order column, and back to the data's units.
    private static func result(
        _ parameters: SwitchingParameters, _ smoothing: RegimeSmoothing, _ sample: StandardizedSample,
        _ options: RegimeFitOptions, _ kept: ExpectationMaximization.State, _ polish: QuasiNewton.Result?,
        _ trials: [ExpectationMaximization.State?]
    ) -> RegimeFit {
        let (k, n) = (parameters.regimeCount, parameters.dimension)
        let column = options.orderColumn
        let order = (0..<k).sorted { (parameters.mean[$0 * n + column], $0) < (parameters.mean[$1 * n + column], $1) }
        func rows(_ p: [Double]) -> [[Double]] {
            (0..<sample.months).map { t in order.map { p[t * k + $0] } }
        }
        return RegimeFit(
            parameters: sample.original(parameters.relabelled(order)), months: sample.months,
            logLikelihood: sample.originalLogLikelihood(smoothing.logLikelihood),
            smoothedProbabilities: rows(smoothing.smoothed), filteredProbabilities: rows(smoothing.filtered),
            iterations: kept.iterations, converged: kept.converged,
            polishIterations: polish?.iterations ?? 0, polishConverged: polish?.converged ?? false,
            restartLogLikelihoods: trials.map { $0.map { sample.originalLogLikelihood($0.logLikelihood) } ?? -.infinity })
    }
}
