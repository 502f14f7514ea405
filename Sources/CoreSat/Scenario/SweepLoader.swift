import CoreSatEngine
import Yams

/// Reads `sweep:`: one policy's rule run with every combination of values of one or two of its
/// settings. Each cell is the policy with its rule read again with the cell's values, so a value
/// is checked exactly as if written in the rule; an error points at the value in the sweep.
enum SweepLoader {
    static let keys = ["policy", "parameters", "figure"]
    /// Each cell is a whole policy run on every path.
    static let maximumCells = 100

    /// `policiesCursor` is the `policies:` list the specs were read from.
    static func read(
        _ cursor: YAMLCursor, policies: [PolicySpec], policiesCursor: YAMLCursor, context: RuleContext
    ) throws(InputError) -> (SweepGrid, [PolicySpec]) {
        let m = try cursor.mapping(allowed: keys)
        let policyCursor = try m.required("policy")
        let name = try policyCursor.string()
        guard let index = policies.firstIndex(where: { $0.name == name }) else {
            throw policyCursor.error("no policy is named '\(name)'\(NearestName.hint(name, among: policies.map(\.name)))")
        }
        let base = policies[index]
        let ruleCursor = try policiesCursor.sequence()[index].mapping(allowed: PolicyLoader.keys).optional("rule")
        guard let ruleCursor, case .mapping(let ruleMapping) = ruleCursor.node, !base.rule.isFixed else {
            throw policyCursor.error("policy '\(name)' has fixed weights; only a rule's settings (rule: {kind: ...}) can be swept")
        }
        let kindWord = try ruleCursor.entries().first { $0.0 == "kind" }?.1.value.string() ?? ""
        let settings = (PolicyRule.Kind(rawValue: kindWord)?.keys ?? []) + RotationLoader.sharedKeys.filter { $0 != "kind" }
        let parametersCursor = try m.required("parameters")
        var parameters: [(name: String, values: [YAMLCursor])] = []
        for (key, (keyNode, value)) in try parametersCursor.entries() {
            guard settings.contains(key) else {
                throw YAMLCursor(node: keyNode, path: value.path, file: value.file).error(
                    "'\(key)' is not a setting of \(kindWord) rules\(NearestName.hint(key, among: settings))")
            }
            parameters.append((key, try values(value)))
        }
        guard (1...2).contains(parameters.count) else { throw parametersCursor.error("sweep one or two settings, not \(parameters.count)") }
        let cells = parameters.reduce(1) { $0 * $1.values.count }
        guard cells <= maximumCells else {
            throw parametersCursor.error("\(cells) cells is more than \(maximumCells); every cell is a policy run on every path")
        }
        var figure = SweepGrid.Figure.relative(.cagrDifference)
        if let c = m.optional("figure") {
            let key = try c.string()
            guard let named = SweepGrid.Figure(key: key) else {
                throw c.error("unknown figure '\(key)'\(NearestName.hint(key, among: SweepGrid.Figure.allKeys)); expected one of \(SweepGrid.Figure.allKeys.joined(separator: ", "))")
            }
            figure = named
        }
        var gridParameters: [SweepGrid.Parameter] = []
        for p in parameters {
            gridParameters.append(SweepGrid.Parameter(name: p.name, values: try p.values.map { (v) throws(InputError) in try v.string() }))
        }
        let grid = SweepGrid(policy: name, parameters: gridParameters, figure: figure, firstCell: policies.count)
        var specs: [PolicySpec] = []
        for c in 0..<cells {
            let positions = SweepGrid.positions(cell: c, counts: parameters.map(\.values.count))
            let chosen = zip(parameters, positions).map { ($0.name, $0.values[$1]) }
            var mapping = ruleMapping
            for (key, value) in chosen { mapping[Node(key)] = value.node }
            let cellRule = YAMLCursor(node: .mapping(mapping), path: ruleCursor.path, file: ruleCursor.file)
            let rule: PolicyRule
            do {
                rule = try PolicyRule.read(cellRule, targets: base.targets, context: context)
            } catch {
                // The base policy reads, so a cell's values caused the error: name the value.
                let value = chosen.first { $0.1.node.mark?.line == error.line && $0.1.node.mark?.column == error.column }?.1
                    ?? chosen[0].1
                throw value.error("with \(grid.label(cell: c)): \(error.reason)")
            }
            var spec = base
            spec.name = grid.policyName(cell: c)
            if policies.contains(where: { $0.name == spec.name }) {
                throw policyCursor.error("the sweep's cell '\(spec.name)' has the name of a policy; rename that policy")
            }
            spec.rule = rule
            specs.append(spec)
        }
        return (grid, specs)
    }

    /// A list of values, or `a..b` for the whole numbers a to b.
    static func values(_ c: YAMLCursor) throws(InputError) -> [YAMLCursor] {
        if case .scalar(let s) = c.node {
            let parts = s.string.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[1].isEmpty, let low = Int(parts[0]), let high = Int(parts[2]), low <= high else {
                throw c.error("expected a list of values or a range of whole numbers like 3..12")
            }
            guard high - low < maximumCells else { throw c.error("the range \(s.string) has more than \(maximumCells) values") }
            return (low...high).map { YAMLCursor(node: .scalar(Node.Scalar(String($0), .implicit, .plain, s.mark)), path: c.path, file: c.file) }
        }
        let items = try c.sequence()
        if items.count < 2 { throw c.error("a sweep needs at least two values") }
        var seen: [String] = []
        for item in items {
            guard case .scalar(let s) = item.node, !s.string.isEmpty else {
                throw item.error("a swept value is one number or word; settings that take a list or a mapping cannot be swept")
            }
            // 6 and 06, or 0.5 and 50%, are the same value.
            let value = YAMLCursor.number(s.string).map { "\($0)" } ?? s.string
            if seen.contains(value) { throw item.error("the value \(s.string) is listed twice") }
            seen.append(value)
        }
        return items
    }
}
