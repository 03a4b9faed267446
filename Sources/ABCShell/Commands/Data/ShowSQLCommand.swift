import ABCCore
import ABCWarehouse

/// `show sql [--dialect D] [--table NAME]`: the per-customer aggregation for the current
/// data's column mapping, for engines the tool cannot reach (docs/warehouses.md).
struct ShowSQLCommand: ShellCommand {
    static let spec = CommandSpec(
        "show sql", group: .data,
        summary: "the per-customer aggregation as SQL, for PostgreSQL, DuckDB, BigQuery, Snowflake or Spark",
        details: """
            Prints the query `load postgres://…` sends, for the columns of the current data:
            after a server load its table or query, after a file load a table named like the
            file (or --table NAME). Run it where the transactions are, save the result as CSV,
            and `load` that file: it loads as a customer summary with the same tiers. Sums are
            exact decimals; round them half-even, as the tool does, if the engine rounds.
            """,
        example: "show sql --dialect duckdb --table sales",
        options: [
            .init("dialect", value: "DIALECT", completion: .words(SQLDialect.allCases.map(\.rawValue)),
                  "postgres (default), duckdb, bigquery, snowflake or spark"),
            .init("table", value: "NAME", "the table the transactions are in (default: the server's, or the file's name)"),
        ],
        needsData: true)

    let dialect: SQLDialect
    let table: String?

    init(parsing invocation: Invocation) throws(CommandError) {
        try invocation.expectArguments(0...0)
        if let token = invocation.value("dialect") {
            guard let dialect = SQLDialect(rawValue: token.text.lowercased()) else {
                throw invocation.error(
                    "unknown dialect '\(token.text)'; expected \(SQLDialect.allCases.map(\.rawValue).joined(separator: ", "))", at: token)
            }
            self.dialect = dialect
        } else {
            dialect = .postgres
        }
        table = invocation.value("table")?.text
    }

    func run(in context: CommandContext) throws -> [Block] {
        let dataset = try context.dataset
        var query: AggregationQuery
        if let warehouse = context.session.warehouse {
            query = warehouse.query
        } else {
            guard dataset.kind == .transactions,
                  let made = WarehouseLoader.aggregation(columns: dataset.report.columns, source: .table(schema: nil, name: Self.tableName(dataset.name)))
            else {
                throw RequestError("show sql needs transactions (a customer, a date and an amount column); '\(dataset.name)' is a customer summary")
            }
            query = made
        }
        if let table {
            let parts = table.split(separator: ".", maxSplits: 1).map(String.init)
            query.source = parts.count == 2 ? .table(schema: parts[0], name: parts[1]) : .table(schema: nil, name: table)
        }
        return [.text(query.sql(dialect))]
    }

    /// A file's name without its folder and extensions: `data/sales_2024.csv.gz` → `sales_2024`.
    static func tableName(_ path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return String(file.prefix { $0 != "." && $0 != " " })
    }
}
