import Foundation
import GSLKit

/// EM iterations over one sample: E-step `KimSmoother.smooth`, M-step `EMStep.maximize`. A run
/// can stop and go on later (the restarts' search, then the kept start), so its state carries
/// the log-likelihood of the step before.
struct ExpectationMaximization: Sendable {
    /// [month][asset].
    let data: [Double]
    let dimension: Int
    let floor: Double
    let tolerance: Double

    var months: Int { data.count / dimension }

    struct State: Sendable {
        var parameters: SwitchingParameters
        /// log L at the parameters of the last E-step (-infinity before any).
        var logLikelihood: Double
        /// M-steps taken.
        var iterations: Int
        var converged: Bool
    }

    func begin(_ parameters: SwitchingParameters) -> State {
        State(parameters: parameters, logLikelihood: -.infinity, iterations: 0, converged: false)
    }

    /// Iterates until log L changes by less than the tolerance (then the parameters are those of
    /// the last E-step, whose log L is exact) or `limit` M-steps in all.
    func run(_ state: State, until limit: Int) throws(GSLError) -> State {
        var state = state
        try data.withUnsafeBufferPointer { (data) throws(GSLError) in
            while !state.converged && state.iterations < limit {
                let smoothing = try KimSmoother.smooth(state.parameters, data: data)
                if abs(smoothing.logLikelihood - state.logLikelihood) < tolerance {
                    state.converged = true
                    state.logLikelihood = smoothing.logLikelihood
                    break
                }
                state.logLikelihood = smoothing.logLikelihood
                state.parameters = try EMStep.maximize(smoothing, data: data, previous: state.parameters, floor: floor)
                state.iterations += 1
            }
        }
        return state
    }

    func logLikelihood(_ parameters: SwitchingParameters) throws(GSLError) -> Double {
        try data.withUnsafeBufferPointer { (data) throws(GSLError) in
            try KimSmoother.filter(parameters, data: data, keepProbabilities: false).logLikelihood
        }
    }
}
