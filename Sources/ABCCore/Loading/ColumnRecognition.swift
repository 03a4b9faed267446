/// The roles of a table's columns, recognised by name (or mapped with `LoadOptions.columns`)
/// exactly as a transactions file's header is: for sources that are not files, such as a
/// database table whose columns come from the server's catalog (docs/warehouses.md).
public enum ColumnRecognition {
    public struct Columns: Sendable, Equatable {
        /// Role → the column's name, for the roles found.
        public var roles: [ColumnRole: String]
        /// Notes on loosely matched names, as the load report gives them.
        public var notes: [String]
        /// Columns with no role, in order (candidates for attributes).
        public var others: [String]
    }

    /// The transaction roles of `header`'s columns; errors name `source` and the columns, as a
    /// file's would.
    public static func transactionColumns(header: [String], options: LoadOptions, source: String) throws -> Columns {
        var options = options
        options.kind = .transactions
        let plan = try ColumnPlan(header: header, options: options, file: source)
        var roles: [ColumnRole: String] = [:]
        for (role, i) in plan.index { roles[role] = header[i] }
        let used = Set(plan.index.values)
        return Columns(roles: roles, notes: plan.notes, others: header.indices.filter { !used.contains($0) }.map { header[$0] })
    }
}
