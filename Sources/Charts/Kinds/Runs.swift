/// Runs of consecutive indices whose points can be drawn: a line or band breaks where a value is
/// missing or not finite, instead of drawing through it.
enum Runs {
    static func of(count: Int, isValid: (Int) -> Bool) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start: Int?
        for index in 0..<max(0, count) {
            if isValid(index) {
                if start == nil { start = index }
            } else if let first = start {
                runs.append(first..<index)
                start = nil
            }
        }
        if let first = start { runs.append(first..<max(0, count)) }
        return runs
    }
}

/// Vertical positions for labels at the ends of lines, pushed apart so none overlap and kept
/// inside top...bottom. Returns the positions in the order given.
enum LabelSpacing {
    static func spread(_ positions: [Double], gap: Double, top: Double, bottom: Double) -> [Double] {
        let order = positions.indices.sorted { positions[$0] < positions[$1] }
        var placed = order.map { min(max(positions[$0], top), bottom) }
        for i in placed.indices.dropFirst() { placed[i] = max(placed[i], placed[i - 1] + gap) }
        if let last = placed.last, last > bottom {
            let shift = last - bottom
            for i in placed.indices { placed[i] -= shift }
            for i in placed.indices.dropFirst() { placed[i] = max(placed[i], placed[i - 1] + gap) }
        }
        var result = positions
        for (rank, index) in order.enumerated() { result[index] = placed[rank] }
        return result
    }
}
