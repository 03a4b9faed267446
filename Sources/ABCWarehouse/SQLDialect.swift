/// The SQL engines `show sql` writes the aggregation for. PostgreSQL is the one `load` runs
/// (and everything that speaks its protocol: Citus, Greenplum, Redshift, CockroachDB, …);
/// the others are printed for engines the tool cannot reach.
public enum SQLDialect: String, Sendable, CaseIterable {
    case postgres, duckdb, bigquery, snowflake, spark

    /// An identifier, quoted (quotes inside doubled, or escaped for backtick dialects).
    func quote(_ name: String) -> String {
        switch self {
        case .postgres, .duckdb, .snowflake:
            return "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        case .bigquery:
            return "`" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "`", with: "\\`") + "`"
        case .spark:
            return "`" + name.replacingOccurrences(of: "`", with: "``") + "`"
        }
    }

    /// The type exact sums are taken in: full precision where the engine has it.
    var numeric: String {
        switch self {
        case .postgres: return "numeric"
        case .duckdb: return "DECIMAL(38,10)"
        case .bigquery: return "BIGNUMERIC"
        case .snowflake: return "NUMBER(38,10)"
        case .spark: return "DECIMAL(38,10)"
        }
    }

    var text: String {
        switch self {
        case .postgres: return "text"
        case .duckdb, .snowflake: return "VARCHAR"
        case .bigquery, .spark: return "STRING"
        }
    }

    /// A timestamp with a time zone as its date in UTC.
    func utcDate(_ expression: String) -> String {
        switch self {
        case .postgres, .duckdb: return "CAST(\(expression) AT TIME ZONE 'UTC' AS DATE)"
        case .bigquery: return "DATE(\(expression), 'UTC')"
        case .snowflake: return "CAST(CONVERT_TIMEZONE('UTC', \(expression)) AS DATE)"
        case .spark: return "TO_DATE(\(expression))"
        }
    }
}
