/// Single-stock and industry caps by the usual iterative redistribution: weight above a cap is cut
/// to it and the excess spread over the uncapped in proportion to their weights, until no cap binds.
/// The redistribution settles at w_i = min(stock cap, s x w_i): one common scale s for the stocks
/// of uncapped industries, and each capped industry its own scale that brings it to the industry
/// cap. That fixed point is computed directly, by iterating on which stocks and industries bind:
/// an industry that binds keeps binding as more do (the rest then share less budget over fewer
/// stocks, so the common scale only grows), so at most one round per industry, and within a round
/// the stocks that bind are found the same way.
public enum WeightCaps {
    /// The tolerance by which a weight or an industry may exceed its cap.
    public static let tolerance = 1e-12

    /// Scratch for `apply`: one per worker, so a review allocates nothing.
    public final class Workspace {
        let stockCount: Int
        let industryCount: Int
        /// Per stock: the weight before any cap, and whether the stock cap binds.
        let shape: UnsafeMutablePointer<Double>
        let binds: UnsafeMutablePointer<Bool>
        /// Per industry: whether the industry cap binds. Per group (each industry, then one more
        /// for all uncapped industries together): target total, uncapped weight, capped weight,
        /// scale; and per industry its total.
        let industryBinds: UnsafeMutablePointer<Bool>
        let target, uncapped, capped, scale, industryTotal: UnsafeMutablePointer<Double>

        public init(stocks: Int, industries: Int) {
            precondition(stocks >= 0 && industries >= 1)
            stockCount = stocks
            industryCount = industries
            shape = .allocate(capacity: max(stocks, 1))
            binds = .allocate(capacity: max(stocks, 1))
            binds.initialize(repeating: false, count: max(stocks, 1))
            industryBinds = .allocate(capacity: industries)
            industryBinds.initialize(repeating: false, count: industries)
            target = .allocate(capacity: industries + 1)
            uncapped = .allocate(capacity: industries + 1)
            capped = .allocate(capacity: industries + 1)
            scale = .allocate(capacity: industries + 1)
            industryTotal = .allocate(capacity: industries)
        }

        deinit {
            for pointer in [shape, target, uncapped, capped, scale, industryTotal] { pointer.deallocate() }
            binds.deallocate()
            industryBinds.deallocate()
        }

        /// The group whose scale a stock of `industry` follows.
        @inline(__always) func group(_ industry: Int) -> Int { industryBinds[industry] ? industry : industryCount }
    }

    /// Caps the weights of `members` (stock indices into `weights` and `industries`; weights >= 0
    /// with a positive sum, anything else in `weights` untouched) so they sum to 1, no stock exceeds
    /// `stockCap` and no industry `industryCap` (by more than `tolerance`). Returns false when the
    /// caps cannot be met; the weights then still sum to 1, from the capped ones scaled up.
    @discardableResult
    public static func apply(
        weights: UnsafeMutableBufferPointer<Double>, members: UnsafeBufferPointer<Int32>,
        industries: UnsafeBufferPointer<Int32>, stockCap: Double?, industryCap: Double?, workspace: Workspace
    ) -> Bool {
        precondition(weights.count == industries.count && weights.count <= workspace.stockCount)
        var total = 0.0
        for m in members {
            precondition((0..<workspace.industryCount).contains(Int(industries[Int(m)])), "unknown industry")
            total += weights[Int(m)]
        }
        precondition(total > 0 && total.isFinite, "weights to cap must have a positive sum")
        for m in members { workspace.shape[Int(m)] = weights[Int(m)] / total }
        let stockLimit = stockCap ?? .infinity, industryLimit = industryCap ?? .infinity
        for g in 0..<workspace.industryCount { workspace.industryBinds[g] = false }

        var feasible = true
        while true {
            var bindingIndustries = 0
            for g in 0..<workspace.industryCount {
                let binds = workspace.industryBinds[g]
                workspace.target[g] = binds ? industryLimit : 0
                if binds { bindingIndustries += 1 }
            }
            // (No industry binds without an industry cap: 0 x infinity would be NaN.)
            workspace.target[workspace.industryCount] =
                bindingIndustries == 0 ? 1 : 1 - Double(bindingIndustries) * industryLimit
            feasible = fill(members: members, industries: industries, stockLimit: stockLimit, workspace: workspace)
            guard industryCap != nil, addBindingIndustries(
                members: members, industries: industries, stockLimit: stockLimit, industryLimit: industryLimit,
                workspace: workspace)
            else { break }
        }

        var sum = 0.0
        for m in members {
            let stock = Int(m)
            let w = workspace.binds[stock]
                ? stockLimit : workspace.scale[workspace.group(Int(industries[stock]))] * workspace.shape[stock]
            weights[stock] = w
            sum += w
        }
        // Each group reaches its target when it can, so a sum off 1 is a shortfall `fill` saw.
        if abs(sum - 1) > tolerance { feasible = false }
        // Caps that cannot be met: scale what the caps allowed up to a whole index.
        if !feasible && sum > 0 { for m in members { weights[Int(m)] /= sum } }
        return feasible
    }

    /// The same over arrays, allocating its own workspace: for reports and one-off use.
    @discardableResult
    public static func apply(
        weights: inout [Double], members: [Int32], industries: [Int32], industryCount: Int,
        stockCap: Double?, industryCap: Double?
    ) -> Bool {
        let workspace = Workspace(stocks: weights.count, industries: industryCount)
        return weights.withUnsafeMutableBufferPointer { w in
            members.withUnsafeBufferPointer { m in
                industries.withUnsafeBufferPointer { i in
                    apply(weights: w, members: m, industries: i, stockCap: stockCap, industryCap: industryCap,
                          workspace: workspace)
                }
            }
        }
    }

    /// Scales each group to its target under the stock cap: finds the stocks that bind by rounds
    /// (a round's scale caps some; the rest then share less, so their scale grows, and so on).
    /// Returns false when a group cannot reach its target.
    private static func fill(
        members: UnsafeBufferPointer<Int32>, industries: UnsafeBufferPointer<Int32>, stockLimit: Double,
        workspace: Workspace
    ) -> Bool {
        let groups = workspace.industryCount + 1
        for m in members { workspace.binds[Int(m)] = false }
        var changed = true
        while changed {
            changed = false
            for g in 0..<groups {
                workspace.uncapped[g] = 0
                workspace.capped[g] = 0
            }
            for m in members {
                let stock = Int(m), g = workspace.group(Int(industries[stock]))
                if workspace.binds[stock] {
                    workspace.capped[g] += stockLimit
                } else {
                    workspace.uncapped[g] += workspace.shape[stock]
                }
            }
            for g in 0..<groups {
                let room = max(0, workspace.target[g] - workspace.capped[g])
                workspace.scale[g] = workspace.uncapped[g] > 0 ? room / workspace.uncapped[g] : 0
            }
            guard stockLimit.isFinite else { break }
            for m in members {
                let stock = Int(m)
                guard !workspace.binds[stock] else { continue }
                let w = workspace.scale[workspace.group(Int(industries[stock]))] * workspace.shape[stock]
                if w > stockLimit + tolerance {
                    workspace.binds[stock] = true
                    changed = true
                }
            }
        }
        // A group short of its target: every stock capped, or a target left with no stock at all.
        for g in 0..<groups where workspace.uncapped[g] == 0 {
            if workspace.capped[g] < workspace.target[g] - tolerance { return false }
        }
        return true
    }

    /// Marks the industries of the common group whose total exceeds the industry cap; true if any.
    private static func addBindingIndustries(
        members: UnsafeBufferPointer<Int32>, industries: UnsafeBufferPointer<Int32>, stockLimit: Double,
        industryLimit: Double, workspace: Workspace
    ) -> Bool {
        let common = workspace.industryCount
        for g in 0..<common { workspace.industryTotal[g] = 0 }
        for m in members {
            let stock = Int(m), industry = Int(industries[stock])
            guard !workspace.industryBinds[industry] else { continue }
            workspace.industryTotal[industry] += workspace.binds[stock]
                ? stockLimit : workspace.scale[common] * workspace.shape[stock]
        }
        var added = false
        for g in 0..<common
        where !workspace.industryBinds[g] && workspace.industryTotal[g] > industryLimit + tolerance {
            workspace.industryBinds[g] = true
            added = true
        }
        return added
    }
}
