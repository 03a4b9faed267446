/// What a data file holds.
public enum DataKind: String, Sendable {
    /// One row per order or order line.
    case transactions
    /// One row per customer.
    case customers
}

/// A loaded data file: customer ids, the transactions in compact columns (for periods), and
/// the whole-data customer metrics. Immutable; a failed load never replaces a dataset.
public struct Dataset: Sendable {
    /// The name the user gave (path, or `sample`).
    public let name: String
    public let kind: DataKind
    public let customerIDs: CustomerIDs
    /// Transaction columns, nil for customer summaries.
    public let transactions: TransactionColumns?
    /// Metrics over all the data.
    public let metrics: CustomerMetrics
    /// Money prints with 2 decimals, or 4 when the data has values with more than 2.
    public let moneyDecimals: Int
    /// The attribute columns kept per customer (docs/input.md#attributes), in header order.
    public var attributes: [CustomerAttribute] = []
    public internal(set) var report: LoadReport
    /// Where the metrics of a period or an as-of window come from when the dataset holds no
    /// transactions but its source can aggregate them (a database server); nil otherwise.
    public var windows: (any WindowedMetricsSource)?

    public var customerCount: Int { customerIDs.count }

    /// Money in this dataset's display precision.
    public func formatMoney(_ units: Int64) -> String {
        FixedPoint.format(units, decimals: moneyDecimals)
    }
}

/// Transactions kept in memory in columns, one entry per used row, in file order.
///
/// The rows come in segments (one per part of the file parsed in parallel), so parallel
/// parts never have to be copied into one array.
public struct TransactionColumns: Sendable {
    public struct Segment: Sendable {
        public var customer: [UInt32]
        public var date: DateColumn
        public var amount: MoneyColumn
        /// amount − cost, or the profit column; nil when the data has neither.
        public var profit: MoneyColumn?
        /// Index of the row's (customer, order id) pair; nil without an order column.
        public var orderPair: [UInt32]?
        /// While loading: per attribute column, the rows' local value indices (dropped after).
        var attributes: [[UInt16]] = []
        /// While loading: the rows' order ids as `OrderKeys` keys (dropped once pairs are numbered).
        var orderKeys: [UInt64] = []

        public var count: Int { customer.count }

        public init(customer: [UInt32], date: DateColumn, amount: MoneyColumn, profit: MoneyColumn?, orderPair: [UInt32]?) {
            self.customer = customer
            self.date = date
            self.amount = amount
            self.profit = profit
            self.orderPair = orderPair
        }

        static let empty = Segment(customer: [], date: DateColumn(), amount: MoneyColumn(), profit: nil, orderPair: nil)
    }

    public let segments: [Segment]
    public let orderPairCount: Int
    /// The customer of each (customer, order id) pair.
    public let pairCustomer: [UInt32]

    public init(segments: [Segment], orderPairCount: Int, pairCustomer: [UInt32] = []) {
        self.segments = segments
        self.orderPairCount = orderPairCount
        self.pairCustomer = pairCustomer
    }

    public var count: Int { segments.reduce(0) { $0 + $1.count } }

    // Whole columns, for tests and small data (they copy).
    public var customer: [UInt32] { segments.flatMap(\.customer) }
    public var date: [Int32] { segments.flatMap(\.date.values) }
    public var amount: [Int64] { segments.flatMap(\.amount.values) }
    public var profit: [Int64]? { segments.first?.profit == nil ? nil : segments.flatMap { $0.profit!.values } }
    public var orderPair: [UInt32]? { segments.first?.orderPair == nil ? nil : segments.flatMap { $0.orderPair! } }
}

/// Aggregates the transactions of a window somewhere else (a database server: one query per
/// window) for a dataset that holds only per-customer rows.
public protocol WindowedMetricsSource: Sendable {
    /// The metrics of the rows dated within `window` (both ends included), for the customers
    /// who have any, as `TransactionColumns.metrics(in:customers:hasProfit:)` computes them;
    /// customers are matched to `ids` (the dataset's).
    func metrics(in window: DateWindow, ids: CustomerIDs, hasProfit: Bool) throws(RequestError) -> ScopedMetrics
}
