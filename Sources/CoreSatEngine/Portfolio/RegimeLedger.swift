/// What the account adds up, month by month, for the per-regime figures: one row of sums per
/// regime bucket (see `RegimeBuckets`), in buffers its caller owns so the loop never allocates.
/// A month adds to its regime's row and, when it is among the first months after entering the
/// regime, to that entry's row too. Only months with a return are added.
struct RegimeLedger {
    /// The sums of a row, `width` apart: months added, prod(1 + net return), prod(1 + gross
    /// return), turnover, gross return, the satellite sleeve's part of the gross return, then the
    /// start-of-month weight of each satellite asset (in the order of the scenario's satellites).
    static let months = 0
    static let growth = 1
    static let grossGrowth = 2
    static let turnover = 3
    static let grossReturn = 4
    static let satelliteContribution = 5
    static let weights = 6

    static func width(satellites: Int) -> Int { weights + satellites }

    let rows: UnsafeMutablePointer<Double>
    let width: Int
    let buckets: Int
    /// Each month's regime bucket (its regime), month 0 first.
    let regime: UnsafePointer<Int32>
    /// Each month's entry bucket, or -1 when it is no entry month.
    let entry: UnsafePointer<Int32>
    /// Each asset's place among the satellite assets, -1 for a core asset.
    let satelliteSlot: UnsafePointer<Int>
    /// The regime the runner believes each month was in, -1 for none; nil unless the policy
    /// classifies regimes.
    let beliefs: UnsafeMutablePointer<Int32>?

    /// Empties every row for a new run.
    func clear() {
        for b in 0..<buckets {
            let row = rows + b * width
            row.update(repeating: 0, count: width)
            row[Self.growth] = 1
            row[Self.grossGrowth] = 1
        }
    }

    /// A run's way through the ledger. A month's returns, turnover and satellite contribution are
    /// added to sums kept here, and those to the rows only when the rows change (a new regime, or
    /// the end of an entry), a few times a path; satellite weights go straight to the rows.
    struct Cursor: MonthRecord {
        let ledger: RegimeLedger
        /// The satellites the run holds: their places in its holdings and among the satellites;
        /// `contiguous` when both run on one by one, as when a scenario lists its satellites together.
        let satellites: Int
        let at, slots: UnsafePointer<Int>
        let contiguous: Bool
        let notesBeliefs: Bool
        private var regimeRow: UnsafeMutablePointer<Double>
        private var entryRow: UnsafeMutablePointer<Double>?
        private var months = 0.0, growth = 1.0, grossGrowth = 1.0, turnover = 0.0, grossReturn = 0.0, satellite = 0.0

        /// Starts a run: empties the ledger's rows.
        init(_ ledger: RegimeLedger, satellites: Int, at: UnsafePointer<Int>, slots: UnsafePointer<Int>, beliefs: Bool) {
            self.ledger = ledger
            self.satellites = satellites
            self.at = at
            self.slots = slots
            contiguous = (0..<satellites).allSatisfy { at[$0] == at[0] + $0 && slots[$0] == slots[0] + $0 }
            notesBeliefs = beliefs && ledger.beliefs != nil
            regimeRow = ledger.rows
            ledger.clear()
        }

        @inline(__always) mutating func begin(
            month t: Int, h: UnsafePointer<Double>, r: UnsafePointer<Double>, inverseStart: Double
        ) -> Double {
            let e = Int(ledger.entry[t])
            let rows = (ledger.rows + Int(ledger.regime[t]) * ledger.width, e >= 0 ? ledger.rows + e * ledger.width : nil)
            if rows.0 != regimeRow || rows.1 != entryRow {
                finish()
                (regimeRow, entryRow) = rows
            }
            guard satellites > 0 else { return 0 }
            var gain = 0.0
            if contiguous {  // the common case, without the indirection
                let h = h + at[0], r = r + at[0], row = regimeRow + weights + slots[0]
                for j in 0..<satellites {
                    let w = h[j] * inverseStart
                    gain += w * r[j]
                    row[j] += w
                }
                if let entryRow {
                    let row = entryRow + weights + slots[0]
                    for j in 0..<satellites { row[j] += h[j] * inverseStart }
                }
                return gain
            }
            for j in 0..<satellites {
                let w = h[at[j]] * inverseStart
                gain += w * r[at[j]]
                regimeRow[weights + slots[j]] += w
            }
            if let entryRow {
                for j in 0..<satellites { entryRow[weights + slots[j]] += h[at[j]] * inverseStart }
            }
            return gain
        }

        @inline(__always) mutating func end(netReturn: Double, grossReturn gross: Double, turnover traded: Double, satellite part: Double) {
            months += 1
            growth *= 1 + netReturn
            grossGrowth *= 1 + gross
            turnover += traded
            grossReturn += gross
            satellite += part
        }

        @inline(__always) func note(belief: Int?, month t: Int) {
            ledger.beliefs?[t] = belief.map { Int32(clamping: $0) } ?? -1
        }

        /// Adds what is pending to the current rows.
        @inline(__always) mutating func finish() {
            add(to: regimeRow)
            if let entryRow { add(to: entryRow) }
            (months, growth, grossGrowth, turnover, grossReturn, satellite) = (0, 1, 1, 0, 0, 0)
        }

        @inline(__always) private func add(to row: UnsafeMutablePointer<Double>) {
            row[RegimeLedger.months] += months
            row[RegimeLedger.growth] *= growth
            row[RegimeLedger.grossGrowth] *= grossGrowth
            row[RegimeLedger.turnover] += turnover
            row[RegimeLedger.grossReturn] += grossReturn
            row[RegimeLedger.satelliteContribution] += satellite
        }
    }
}
