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
    public let report: LoadReport

    public var customerCount: Int { customerIDs.count }

    /// Money in this dataset's display precision.
    public func formatMoney(_ units: Int64) -> String {
        FixedPoint.format(units, decimals: moneyDecimals)
    }
}

/// Transactions kept in memory in columns, one entry per used row, in file order.
public struct TransactionColumns: Sendable {
    public let customer: [UInt32]
    public let date: [Int32]
    public let amount: [Int64]
    /// amount − cost, or the profit column; nil when the data has neither.
    public let profit: [Int64]?
    /// Index of the row's (customer, order id) pair; nil without an order column.
    public let orderPair: [UInt32]?
    public let orderPairCount: Int

    public var count: Int { customer.count }
}
