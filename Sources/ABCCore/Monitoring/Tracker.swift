/// Tier migration over time (the fourth step of the ABC method): every period segmented
/// with the same rules — metrics from that period's transactions, recency as of its end —
/// and the migration between consecutive periods.
public enum Tracker {
    public enum Step: String, Sendable, CaseIterable {
        case monthly, quarterly, yearly
    }

    /// One period's segmentation, with tiers per global customer (absent = no purchase in it).
    public struct TrackedPeriod: Sendable {
        public var period: Period
        /// The days the period's figures cover: its calendar days inside the data's range.
        public var window: DateWindow
        /// How much of the period the data covers; partial periods are compared per covered day.
        public var coverage: Coverage
        /// Per tier: customers and revenue.
        public var customers: [Int]
        public var revenue: [Int128]
        /// Per global customer: tier, or `MigrationMatrix.absent`.
        public var tier: [UInt8]
        /// Per global customer: revenue in the period (0 when absent).
        public var customerRevenue: [Int64]
    }

    /// The calendar periods of `step` that overlap `from...to`.
    public static func periods(_ step: Step, from: Int32, to: Int32) -> [Period] {
        var (y, m, _) = CivilDate.components(from)
        switch step {
        case .monthly: break
        case .quarterly: m = (m - 1) / 3 * 3 + 1
        case .yearly: m = 1
        }
        var result: [Period] = []
        while CivilDate.dayNumber(year: y, month: m, day: 1) <= to {
            switch step {
            case .monthly: result.append(.month(y, m)); m += 1
            case .quarterly: result.append(.quarter(y, (m - 1) / 3 + 1)); m += 3
            case .yearly: result.append(.year(y)); y += 1
            }
            if m > 12 { m -= 12; y += 1 }
        }
        return result
    }

    /// Every period segmented. Polls `isCancelled` before each period (throws `Interrupted`)
    /// and reports the share of periods done to `progress`.
    public static func track(
        dataset: Dataset, criteria: [WeightedCriterion], rule: TieringRule, scaling: Scaling = .minmax, periods: [Period],
        asOf: Int32? = nil, isCancelled: @Sendable () -> Bool = { false }, progress: (@Sendable (Double) -> Void)? = nil
    ) throws -> [TrackedPeriod] {
        let n = dataset.customerCount
        var result: [TrackedPeriod] = []
        for period in periods {
            progress?(Double(result.count) / Double(periods.count))
            if isCancelled() { throw Interrupted() }
            let scope = try dataset.scopedMetrics(period: period, asOf: asOf)
            let window = scope.window ?? period.window(reference: dataset.metrics.referenceDate ?? 0)
            var tracked = TrackedPeriod(
                period: period, window: window, coverage: scope.coverage ?? Coverage(window: window, data: window),
                customers: Array(repeating: 0, count: rule.tierCount),
                revenue: Array(repeating: 0, count: rule.tierCount),
                tier: Array(repeating: MigrationMatrix.absent, count: n), customerRevenue: Array(repeating: 0, count: n))
            if scope.metrics.count > 0 {
                let segmentation = try Segmenter.segment(metrics: scope.metrics, criteria: criteria, rule: rule, scaling: scaling)
                for c in 0..<scope.metrics.count {
                    let g = scope.global(c), t = Int(segmentation.tier[c])
                    tracked.tier[g] = UInt8(t)
                    tracked.customerRevenue[g] = scope.metrics.revenue[c]
                    tracked.customers[t] += 1
                    tracked.revenue[t] += Int128(scope.metrics.revenue[c])
                }
            }
            result.append(tracked)
        }
        progress?(1)
        return result
    }

    /// Migration from one tracked period to the next: revenue is the later period's for
    /// customers present in it, the earlier period's for those who are gone.
    public static func migration(from a: TrackedPeriod, to b: TrackedPeriod, tiers: Int) -> MigrationMatrix {
        let revenue = zip(a.customerRevenue, zip(b.tier, b.customerRevenue)).map { earlier, later in
            later.0 == MigrationMatrix.absent ? earlier : later.1
        }
        return MigrationMatrix(from: a.tier, fromTiers: tiers, to: b.tier, toTiers: tiers, revenue: revenue)
    }
}
