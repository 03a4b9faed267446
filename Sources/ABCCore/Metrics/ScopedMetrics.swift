/// Customer metrics over a window of the transactions, for the customers who bought in it.
///
/// Local customer i of `metrics` is global customer `customers[i]` (ascending, so id order
/// and ties by customer_id still hold); `customers` is nil when every customer is in scope.
public struct ScopedMetrics: Sendable {
    public var metrics: CustomerMetrics
    public var customers: [UInt32]?
    /// The window the metrics cover (nil: all the data).
    public var window: DateWindow?
    /// How much of the window asked for the data covers (nil: the data has no dates).
    public var coverage: Coverage? = nil

    public init(metrics: CustomerMetrics, customers: [UInt32]?, window: DateWindow?, coverage: Coverage? = nil) {
        self.metrics = metrics
        self.customers = customers
        self.window = window
        self.coverage = coverage
    }

    /// The global customer index of local customer `i`.
    @inline(__always)
    public func global(_ i: Int) -> Int { customers.map { Int($0[i]) } ?? i }

    /// The local index of global customer `g`, nil when it is not in the window (the kept
    /// customers are in global order).
    public func local(_ g: Int) -> Int? {
        guard let customers else { return g < metrics.count ? g : nil }
        var lo = 0, hi = customers.count
        while lo < hi {
            let m = (lo + hi) / 2
            if Int(customers[m]) < g { lo = m + 1 } else { hi = m }
        }
        return lo < customers.count && Int(customers[lo]) == g ? lo : nil
    }
}

extension Dataset {
    /// Metrics for a period and/or as of a date: only transactions in the window count,
    /// recency and tenure are measured from its end, and only customers who bought in it
    /// are segmented. Without either, the whole-data metrics.
    public func scopedMetrics(period: Period?, asOf: Int32?) throws(RequestError) -> ScopedMetrics {
        guard period != nil || asOf != nil else {
            return ScopedMetrics(metrics: metrics, customers: nil, window: nil, coverage: dateRange.map { Coverage(window: $0, data: $0) })
        }
        guard transactions != nil || windows != nil, let latest = report.lastDate, let earliest = report.firstDate else {
            throw RequestError("periods and as-of dates need transactions with dates; this dataset is a customer summary")
        }
        if let asOf, asOf < earliest {
            throw RequestError("as of \(CivilDate.iso(asOf)) there are no transactions yet: the data starts \(CivilDate.iso(earliest))")
        }
        let end = asOf ?? latest
        let asked = period?.window(reference: end) ?? DateWindow(from: earliest, to: end)
        // Recency is measured from the window's end: never past the data (or the as-of day).
        var window = asked
        window.to = min(window.to, end)
        guard window.from <= window.to else {
            throw RequestError("the period \(window.description) is empty")
        }
        // The data holds nothing before its first date: the window starts there (a period
        // wholly before the data keeps its own days, and no customer).
        if window.to >= earliest { window.from = max(window.from, earliest) }
        var scoped: ScopedMetrics
        if let transactions {
            scoped = transactions.metrics(in: window, customers: customerCount, hasProfit: metrics.profit != nil)
        } else if let windows {
            scoped = try windows.metrics(in: window, ids: customerIDs, hasProfit: metrics.profit != nil)
        } else {
            preconditionFailure("checked above: transactions or a source of windows")
        }
        scoped.coverage = Coverage(window: asked, data: DateWindow(from: earliest, to: min(latest, end)))
        return scoped
    }
}

extension TransactionColumns {
    /// Aggregates the rows dated within `window`, per customer who has any.
    public func metrics(in window: DateWindow, customers n: Int, hasProfit: Bool) -> ScopedMetrics {
        var revenue = [Int64](repeating: 0, count: n)
        var profit = [Int64](repeating: 0, count: hasProfit ? n : 0)
        var positive = [Int64](repeating: 0, count: n)
        var rows = [Int32](repeating: 0, count: n)
        var first = [Int32](repeating: .max, count: n)
        var last = [Int32](repeating: .min, count: n)
        let hasOrders = orderPairCount > 0 || segments.first?.orderPair != nil
        var pairNet = [Int64](repeating: 0, count: hasOrders ? orderPairCount : 0)
        var pairSeen = [Bool](repeating: false, count: hasOrders ? orderPairCount : 0)
        for segment in segments {
            segment.date.withValues { date in
                segment.amount.withValues { amount in
                    for i in 0..<segment.count {
                        let d = date(i)
                        guard d >= window.from && d <= window.to else { continue }
                        let c = Int(segment.customer[i])
                        let a = amount(i)
                        revenue[c] &+= a  // bounded by the whole-data sums, checked at load
                        if hasProfit { profit[c] &+= segment.profit![i] }
                        if a > 0 { positive[c] += 1 }
                        rows[c] += 1
                        if d < first[c] { first[c] = d }
                        if d > last[c] { last[c] = d }
                        if hasOrders, let pairs = segment.orderPair {
                            let p = Int(pairs[i])
                            pairNet[p] &+= a
                            pairSeen[p] = true
                        }
                    }
                }
            }
        }
        var orders = positive
        if hasOrders {
            orders = [Int64](repeating: 0, count: n)
            for p in 0..<pairNet.count where pairSeen[p] && pairNet[p] > 0 { orders[Int(pairCustomer[p])] += 1 }
        }
        let kept = (0..<n).filter { rows[$0] > 0 }
        func pick<T>(_ values: [T]) -> [T] { kept.map { values[$0] } }
        let scoped = CustomerMetrics(
            revenue: pick(revenue), profit: hasProfit ? pick(profit) : nil, orders: pick(orders),
            first: pick(first), last: pick(last), referenceDate: window.to)
        return ScopedMetrics(metrics: scoped, customers: kept.map(UInt32.init), window: window)
    }
}
