import ABCCore

/// The rows of `export segments`, cell by cell and typed, for the CSV (`SegmentsCSV`) and the
/// workbook (`SegmentsWorkbook`): one row per customer in customer_id order, the same columns
/// in the same order for both.
struct SegmentsRows: SegmentsTable {
    /// What a column holds, so a workbook can type its cells.
    enum Kind: Sendable, Equatable {
        /// Ids, tiers, the profit basis, attributes: always text (an id `007` stays `007`).
        case text
        /// An exact decimal (money).
        case money
        /// A whole number (rank, orders, days).
        case integer
        /// The score, a Double.
        case score
        /// A day (`first_purchase`, `last_purchase`).
        case date
    }

    struct Column: Sendable, Equatable {
        var name: String
        var kind: Kind
    }

    /// One cell; `.empty` where a metric is absent.
    enum Cell: Sendable {
        case empty
        case text(String)
        /// Text as the data holds it (customer ids, attribute values): bytes, UTF-8 in practice.
        case bytes(ArraySlice<UInt8>)
        /// An exact decimal string with a point (`250.00`, `-0.5512`).
        case money(String)
        case integer(Int)
        case score(Double)
        /// A day number (`CivilDate`).
        case date(Int32)
    }

    static let baseColumns: [Column] = [
        .init(name: "customer_id", kind: .text), .init(name: "tier", kind: .text), .init(name: "score", kind: .score),
        .init(name: "rank", kind: .integer), .init(name: "revenue", kind: .money), .init(name: "profit", kind: .money),
        .init(name: "orders", kind: .integer), .init(name: "first_purchase", kind: .date),
        .init(name: "last_purchase", kind: .date), .init(name: "recency_days", kind: .integer),
        .init(name: "tenure_days", kind: .integer),
    ]

    /// The columns added for a scenario with levers: each customer after them.
    static let leverColumns: [Column] = [
        .init(name: "projected_tier", kind: .text), .init(name: "projected_revenue", kind: .money),
        .init(name: "projected_profit", kind: .money), .init(name: "cost_to_serve", kind: .money),
        .init(name: "lever_cost", kind: .money), .init(name: "net", kind: .money), .init(name: "profit_basis", kind: .text),
    ]

    /// The columns added when the scenario's metrics carry the purchase and spend models'
    /// forecast (docs/forecasting.md): Doubles written to parse back the same.
    static let forecastColumns: [Column] = [
        .init(name: "palive", kind: .score), .init(name: "expected_orders", kind: .score), .init(name: "clv", kind: .score),
    ]

    let dataset: Dataset
    let scope: ScopedMetrics
    let segmentation: Segmentation
    let outcome: SimulationOutcome?
    /// The base columns, the lever columns with an outcome, then one per attribute of the data.
    let columns: [Column]
    /// Computed once: `CustomerMetrics.recency` and `tenure` build a whole column per call.
    private let recency: [Int64]?, tenure: [Int64]?

    /// With `outcome` (a scenario with levers), each row goes on with the customer after the
    /// levers: its tier against the fixed boundaries (or `dropped`), projected revenue and
    /// profit, cost-to-serve, its share of the levers' costs, net = profit − both, and where
    /// the profit comes from (`data`, `assumed 30%`; empty profit and net when not known).
    /// With a forecast in the metrics, palive, expected_orders and clv follow. The data's
    /// attributes come last, one column each (empty for a customer without one).
    init(dataset: Dataset, scope: ScopedMetrics, segmentation: Segmentation, outcome: SimulationOutcome? = nil) {
        self.dataset = dataset
        self.scope = scope
        self.segmentation = segmentation
        self.outcome = outcome
        recency = scope.metrics.recency
        tenure = scope.metrics.tenure
        let own = Self.baseColumns + (outcome == nil ? [] : Self.leverColumns) + (scope.metrics.forecast == nil ? [] : Self.forecastColumns)
        // An attribute called like one of the export's own columns (`tier`) is prefixed `attr_`.
        columns = own + AttributeName.columnTitles(dataset.attributes, besides: own.map(\.name)).map { Column(name: $0, kind: .text) }
    }

    /// The number of rows: the customers of the scenario's window.
    var count: Int { scope.metrics.count }

    var moneyDecimals: Int { dataset.moneyDecimals }

    /// Row `c`'s cells, in `columns` order, into `row` (cleared first, so one buffer serves
    /// every row).
    func cells(of c: Int, into row: inout [Cell]) {
        row.removeAll(keepingCapacity: true)
        let m = scope.metrics
        let ids = dataset.customerIDs
        let g = scope.global(c)
        row.append(.bytes(ids.arena[Int(ids.offsets[g])..<Int(ids.offsets[g + 1])]))
        row.append(.text(TieringRule.tierNames[Int(segmentation.tier[c])]))
        row.append(.score(segmentation.score[c]))
        row.append(.integer(Int(segmentation.rank[c])))
        row.append(.money(dataset.formatMoney(m.revenue[c])))
        row.append(m.profit.map { .money(dataset.formatMoney($0[c])) } ?? .empty)
        row.append(m.orders.map { .integer(Int($0[c])) } ?? .empty)
        row.append(m.first.map { .date($0[c]) } ?? .empty)
        row.append(m.last.map { .date($0[c]) } ?? .empty)
        row.append(recency.map { .integer(Int($0[c])) } ?? .empty)
        row.append(tenure.map { .integer(Int($0[c])) } ?? .empty)
        if let outcome { appendProjection(outcome, c, tier: segmentation.tier[c], to: &row) }
        if let forecast = m.forecast {
            row += [.score(forecast.probabilityAlive[c]), .score(forecast.expectedOrders[c]), .score(forecast.lifetimeValue[c])]
        }
        for attribute in dataset.attributes {
            row.append(attribute.value(of: g).map { .text($0) } ?? .empty)
        }
    }

    private func appendProjection(_ o: SimulationOutcome, _ c: Int, tier: UInt8, to row: inout [Cell]) {
        let kept = o.active[c]
        let known = o.profitBasis.isKnown
        let projectedTier = o.projected?.tier[c] ?? tier
        let revenue = kept ? o.projectedRevenue[c] : 0
        let profit = kept ? o.projectedProfit[c] : 0
        let cts = kept ? o.costToServe[c] : 0
        let leverCost = o.leverCost[c]
        // Exact: the dataset's decimals, or more where a lever's effect has more, so the
        // rows add up to simulate's totals.
        func exact(_ v: Int128) -> Cell { .money(FixedPoint.formatExact(v, minimumDecimals: dataset.moneyDecimals)) }
        row.append(.text(kept ? TieringRule.tierNames[Int(projectedTier)] : "dropped"))
        row.append(exact(Int128(revenue)))
        row.append(known ? exact(Int128(profit)) : .empty)
        row.append(exact(Int128(cts)))
        row.append(exact(Int128(leverCost)))
        row.append(known ? exact(Int128(profit) - Int128(cts) - Int128(leverCost)) : .empty)
        switch o.profitBasis {
        case .data: row.append(.text("data"))
        case .unknown: row.append(.text("none"))
        case .assumed(.all(let rate)): row.append(.text("assumed \(rate)"))
        case .assumed(.perTier(let rates)): row.append(.text("assumed \(rates[Int(tier)])"))
        }
    }
}

/// Rows of `export segments`, whatever holds them: a scenario now (`SegmentsRows`) or a
/// workspace snapshot (`SnapshotSegmentsRows`).
protocol SegmentsTable {
    var columns: [SegmentsRows.Column] { get }
    var count: Int { get }
    /// Decimals money cells are written with.
    var moneyDecimals: Int { get }
    /// Row `c`'s cells, in `columns` order, into `row` (cleared first).
    func cells(of c: Int, into row: inout [SegmentsRows.Cell])
}
