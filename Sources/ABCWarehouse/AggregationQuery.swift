/// The per-customer aggregation the server runs instead of sending its rows: one query with
/// the file loader's semantics (docs/metrics.md, docs/warehouses.md).
///
/// Per customer (the id as text, trimmed; rows without one grouped under NULL, skipped and
/// counted by the tool): net revenue and profit as exact sums, orders as the (customer, order)
/// pairs whose net amount is > 0 when an order column is mapped (a nested GROUP BY), else the
/// rows with amount > 0, the first and last purchase day over every row (returns included),
/// and the rows, returns and zero amounts, for the load report. Pure: the same mapping gives
/// the same text, with or without a server.
public struct AggregationQuery: Sendable, Equatable {
    /// Where the rows come from.
    public enum Source: Sendable, Equatable {
        /// A table or view, optionally in a schema.
        case table(schema: String?, name: String)
        /// A user's SELECT, run only as a subquery.
        case query(String)
    }

    /// What the server's column holds, as far as the SQL must know.
    public enum ColumnType: Sendable, Equatable {
        /// Numbers that need no cast (numeric, integers), dates, text.
        case plain
        /// A floating-point number: cast to the exact type (the load report says so).
        case float
        /// A timestamp with a time zone: its date in UTC.
        case timestampWithTimeZone
    }

    public struct Column: Sendable, Equatable {
        public var name: String
        public var type: ColumnType
        public init(_ name: String, _ type: ColumnType = .plain) {
            self.name = name
            self.type = type
        }
    }

    /// How the amount is made: a column, or quantity × unit price.
    public enum Amount: Sendable, Equatable {
        case column(Column)
        case product(quantity: Column, unitPrice: Column)
    }

    /// How profit is made, when the data has it.
    public enum Profit: Sendable, Equatable {
        case column(Column)
        /// amount − cost.
        case cost(Column)
        /// amount − quantity × unit cost.
        case unitCost(quantity: Column, unitCost: Column)
    }

    public var source: Source
    public var customer: Column
    public var date: Column
    public var amount: Amount
    public var profit: Profit?
    public var order: Column?
    /// Rows only on days in [from, to) (day numbers), for a period or an as-of window.
    public struct Window: Sendable, Equatable {
        public var from: Int32?
        public var to: Int32?
        public init(from: Int32?, to: Int32?) {
            self.from = from
            self.to = to
        }
    }
    /// nil: every row.
    public var window: Window?

    public init(source: Source, customer: Column, date: Column, amount: Amount, profit: Profit?, order: Column?) {
        self.source = source
        self.customer = customer
        self.date = date
        self.amount = amount
        self.profit = profit
        self.order = order
    }

    /// The aggregation for the columns of each role: amount, or quantity × unit price; profit,
    /// else amount − cost, else amount − quantity × unit cost, else none. nil without a
    /// customer, a date and an amount.
    public init?(source: Source, roles: [ColumnRole: Column]) {
        guard let customer = roles[.customer], let date = roles[.date] else { return nil }
        let amount: Amount
        if let a = roles[.amount] {
            amount = .column(a)
        } else if let q = roles[.quantity], let p = roles[.unitPrice] {
            amount = .product(quantity: q, unitPrice: p)
        } else {
            return nil
        }
        var profit: Profit?
        if let p = roles[.profit] {
            profit = .column(p)
        } else if let c = roles[.cost] {
            profit = .cost(c)
        } else if let q = roles[.quantity], let u = roles[.unitCost] {
            profit = .unitCost(quantity: q, unitCost: u)
        }
        self.init(source: source, customer: customer, date: date, amount: amount, profit: profit, order: roles[.order])
    }

    /// The same aggregation with every column passed through `transform` (to type them).
    func mappingColumns(_ transform: (Column) throws(DataError) -> Column) throws(DataError) -> AggregationQuery {
        var out = self
        out.customer = try transform(customer)
        out.date = try transform(date)
        switch amount {
        case .column(let a): out.amount = .column(try transform(a))
        case .product(let q, let p): out.amount = .product(quantity: try transform(q), unitPrice: try transform(p))
        }
        switch profit {
        case .column(let p)?: out.profit = .column(try transform(p))
        case .cost(let c)?: out.profit = .cost(try transform(c))
        case .unitCost(let q, let u)?: out.profit = .unitCost(quantity: try transform(q), unitCost: try transform(u))
        case nil: break
        }
        out.order = try order.map { c throws(DataError) in try transform(c) }
        return out
    }

    /// The names of the result's columns, in order.
    public static let resultColumns = [
        "customer_id", "revenue", "profit", "orders", "first_purchase", "last_purchase",
        "row_count", "returns", "zero_amounts",
    ]

    /// The table, or the user's query as a subquery, named `t`.
    func fromClause(_ dialect: SQLDialect) -> String {
        switch source {
        case .table(let schema, let name):
            return (schema.map { dialect.quote($0) + "." } ?? "") + dialect.quote(name) + " AS t"
        case .query(let text):
            return "(\n" + text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n") + "\n  ) AS t"
        }
    }

    /// The row's day: a `timestamptz` as its date in UTC.
    func dayExpression(_ dialect: SQLDialect) -> String {
        let column = "t.\(dialect.quote(date.name))"
        return date.type == .timestampWithTimeZone ? dialect.utcDate(column) : "CAST(\(column) AS DATE)"
    }

    /// The window's days as a condition on the rows; nil without a window.
    func windowCondition(_ dialect: SQLDialect) -> String? {
        var conditions: [String] = []
        if let from = window?.from { conditions.append("\(dayExpression(dialect)) >= DATE '\(CivilDate.iso(from))'") }
        if let to = window?.to { conditions.append("\(dayExpression(dialect)) < DATE '\(CivilDate.iso(to))'") }
        return conditions.isEmpty ? nil : conditions.joined(separator: " AND ")
    }

    /// The SQL for `dialect`.
    public func sql(_ dialect: SQLDialect) -> String {
        let t = "t"
        func ref(_ c: Column) -> String { "\(t).\(dialect.quote(c.name))" }
        func number(_ c: Column) -> String { "CAST(\(ref(c)) AS \(dialect.numeric))" }
        func key(_ c: Column) -> String { "NULLIF(TRIM(CAST(\(ref(c)) AS \(dialect.text))), '')" }
        let day = dayExpression(dialect)
        let amountSQL: String
        switch amount {
        case .column(let c): amountSQL = number(c)
        case .product(let q, let p): amountSQL = "\(number(q)) * \(number(p))"
        }
        var select = [
            "\(key(customer)) AS customer_id",
            "\(day) AS day",
            "\(amountSQL) AS amount",
        ]
        switch profit {
        case .column(let c)?: select.append("\(number(c)) AS profit")
        case .cost(let c)?: select.append("\(amountSQL) - \(number(c)) AS profit")
        case .unitCost(let q, let u)?: select.append("\(amountSQL) - \(number(q)) * \(number(u)) AS profit")
        case nil: select.append("CAST(0 AS \(dialect.numeric)) AS profit")
        }
        if let order { select.append("\(key(order)) AS order_id") }
        let from = fromClause(dialect)
        var lines = ["WITH src AS (", "  SELECT " + select.joined(separator: ",\n         "), "  FROM " + from]
        if let condition = windowCondition(dialect) { lines.append("  WHERE " + condition) }
        func count(_ condition: String) -> String { "SUM(CASE WHEN \(condition) THEN 1 ELSE 0 END)" }
        if order != nil {
            lines += [
                "), per_order AS (",
                "  SELECT customer_id, order_id, SUM(amount) AS net, SUM(profit) AS profit,",
                "         MIN(day) AS first_day, MAX(day) AS last_day, COUNT(*) AS row_count,",
                "         \(count("amount < 0")) AS returns, \(count("amount = 0")) AS zero_amounts",
                "  FROM src",
                "  GROUP BY customer_id, order_id",
                ")",
                "SELECT customer_id, SUM(net) AS revenue, SUM(profit) AS profit, \(count("net > 0")) AS orders,",
                "       MIN(first_day) AS first_purchase, MAX(last_day) AS last_purchase,",
                "       SUM(row_count) AS row_count, SUM(returns) AS returns, SUM(zero_amounts) AS zero_amounts",
                "FROM per_order",
                "GROUP BY customer_id",
            ]
        } else {
            lines += [
                ")",
                "SELECT customer_id, SUM(amount) AS revenue, SUM(profit) AS profit, \(count("amount > 0")) AS orders,",
                "       MIN(day) AS first_purchase, MAX(day) AS last_purchase,",
                "       COUNT(*) AS row_count, \(count("amount < 0")) AS returns, \(count("amount = 0")) AS zero_amounts",
                "FROM src",
                "GROUP BY customer_id",
            ]
        }
        return lines.joined(separator: "\n")
    }
}

import ABCCore

extension AggregationQuery {
    /// The rows' customer and `column`'s trimmed value, non-empty, in the window.
    private func valuesCTE(_ column: String, _ dialect: SQLDialect) -> String {
        let key = { (name: String) in "NULLIF(TRIM(CAST(t.\(dialect.quote(name)) AS \(dialect.text))), '')" }
        var lines = [
            "WITH src AS (",
            "  SELECT \(key(customer.name)) AS customer_id, \(key(column)) AS value",
            "  FROM " + fromClause(dialect),
        ]
        if let condition = windowCondition(dialect) { lines.append("  WHERE " + condition) }
        lines.append(")")
        return lines.joined(separator: "\n")
    }

    /// At most `limit` distinct non-empty values of `column` over the rows with a customer.
    public func distinctValuesSQL(of column: String, limit: Int) -> String {
        valuesCTE(column, .postgres) + "\nSELECT DISTINCT value FROM src WHERE customer_id IS NOT NULL AND value IS NOT NULL LIMIT \(limit)"
    }

    /// Per customer, `column`'s most frequent non-empty value by rows, ties to the first in
    /// byte order (`COLLATE "C"`), as files keep attributes.
    public func mostFrequentSQL(of column: String) -> String {
        valuesCTE(column, .postgres) + """

            , counted AS (
              SELECT customer_id, value, COUNT(*) AS n
              FROM src
              WHERE customer_id IS NOT NULL AND value IS NOT NULL
              GROUP BY customer_id, value
            )
            SELECT customer_id, value FROM (
              SELECT customer_id, value, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY n DESC, value COLLATE "C") AS place
              FROM counted
            ) AS ranked
            WHERE place = 1
            """
    }
}
