/// Per-customer metrics in columns, indexed by customer index (ids in byte order).
///
/// Computed once per load (and per period). Absent metrics are nil: a customer summary
/// without dates has no `first`/`last`, so recency and tenure cannot be used.
public struct CustomerMetrics: Sendable {
    public var revenue: [Int64]
    public var profit: [Int64]?
    public var orders: [Int64]?
    public var first: [Int32]?
    public var last: [Int32]?
    /// The day recency and tenure are measured from; nil without dates.
    public var referenceDate: Int32?
    /// The purchase and spend models' per-customer figures, when a scenario asked for them.
    public var forecast: ForecastColumns?

    public init(
        revenue: [Int64], profit: [Int64]? = nil, orders: [Int64]? = nil,
        first: [Int32]? = nil, last: [Int32]? = nil, referenceDate: Int32? = nil
    ) {
        self.revenue = revenue
        self.profit = profit
        self.orders = orders
        self.first = first
        self.last = last
        self.referenceDate = referenceDate
    }

    public var count: Int { revenue.count }

    /// Days since the last purchase, per customer.
    public var recency: [Int64]? {
        guard let last, let referenceDate else { return nil }
        return last.map { Int64(referenceDate) - Int64($0) }
    }

    /// Days since the first purchase, per customer.
    public var tenure: [Int64]? {
        guard let first, let referenceDate else { return nil }
        return first.map { Int64(referenceDate) - Int64($0) }
    }

    /// Average order value in units, revenue / orders rounded half to even (0 without orders).
    public var aov: [Int64]? {
        guard let orders else { return nil }
        return zip(revenue, orders).map { r, o in
            o == 0 ? 0 : Int64(FixedPoint.divideRoundingHalfEven(Int128(r), Int128(o)))
        }
    }

    /// profit / revenue (0 when revenue ≤ 0).
    public var margin: [Double]? {
        guard let profit else { return nil }
        return zip(profit, revenue).map { p, r in r <= 0 ? 0 : Double(p) / Double(r) }
    }
}

/// The forward-looking criteria per customer (docs/forecasting.md), before any lever.
public struct ForecastColumns: Sendable {
    public var probabilityAlive: [Double]
    public var expectedOrders: [Double]
    public var lifetimeValue: [Double]

    public init(_ forecast: CustomerForecast) {
        probabilityAlive = forecast.probabilityAlive
        expectedOrders = forecast.expectedOrders
        lifetimeValue = forecast.lifetimeValue
    }

    public func value(_ criterion: Criterion, _ c: Int) -> Double {
        switch criterion {
        case .palive: return probabilityAlive[c]
        case .expectedOrders: return expectedOrders[c]
        default: return lifetimeValue[c]
        }
    }
}
