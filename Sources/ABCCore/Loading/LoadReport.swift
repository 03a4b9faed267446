/// What a load did, for the user: counts, what was assumed, which column played which role.
public struct LoadReport: Sendable {
    /// The rows of one file of a load.
    public struct FileRows: Sendable, Equatable {
        public var name: String
        public var rowsRead = 0
        public var rowsUsed = 0

        public init(name: String, rowsRead: Int = 0, rowsUsed: Int = 0) {
            self.name = name
            self.rowsRead = rowsRead
            self.rowsUsed = rowsUsed
        }
    }

    /// The dataset's name: the file's, or the names of several files (or their pattern).
    public var file: String
    /// Each file's rows, in the order they were read (one entry for a one-file load).
    public var files: [FileRows] = []
    public var kind: DataKind
    public var kindForced = false
    /// "comma", "semicolon", "tab", "pipe", "whitespace".
    public var separatorName: String
    /// For an Excel workbook: the sheet read, its place in the workbook (0 for the first) and
    /// how many sheets the workbook has (the first workbook's, when several were loaded).
    public var sheet: (name: String, index: Int, count: Int)?
    public var rowsRead = 0
    public var rowsUsed = 0
    public var blankLines = 0
    public var skippedNoCustomer = 0
    /// What the rows without a customer id add up to (amount, or quantity × unit price; a
    /// summary's revenue), and how many of them had no readable amount. Left out of everything.
    public var noCustomerRevenue: Int128 = 0
    public var noCustomerUnreadable = 0
    public var skippedBad = 0
    /// The first few bad rows skipped under `--lenient`.
    public var badRowExamples: [DataError] = []
    public var returns = 0
    public var zeroAmounts = 0
    public var roundedValues = 0
    public var mergedDuplicateCustomers = 0
    /// Role → header of the column taken (or a description such as "quantity × unit_price").
    public var columns: [(role: ColumnRole, column: String)] = []
    /// Attribute columns kept (name, distinct values) and left out (name, why).
    public var attributes: [(name: String, values: Int)] = []
    public var droppedAttributes: [(name: String, reason: String)] = []
    /// Sentences on what was assumed.
    public var assumptions: [String] = []
    public var firstDate: Int32?
    /// Seconds spent in each phase of the load (for `abc bench`; never printed otherwise).
    public var timings: [(phase: String, seconds: Double)] = []
    public var lastDate: Int32?
    /// Set when the rows were aggregated on a database server.
    public var warehouse: WarehouseSource?

    public init(file: String, kind: DataKind, separatorName: String) {
        self.file = file
        self.kind = kind
        self.separatorName = separatorName
    }
}

/// Where a load aggregated on a database server came from (docs/warehouses.md).
public struct WarehouseSource: Sendable, Equatable {
    /// The server as the user may see it: `postgres://user@host:5432/db`, no password.
    public var server: String
    /// The table (`schema.table`) or `query`.
    public var source: String
    /// The SQL sent.
    public var sql: String
    /// Rows the server aggregated (with a customer or not), and per-customer rows received.
    public var rowsAggregated: Int
    public var rowsReceived: Int

    public init(server: String, source: String, sql: String, rowsAggregated: Int, rowsReceived: Int) {
        self.server = server
        self.source = source
        self.sql = sql
        self.rowsAggregated = rowsAggregated
        self.rowsReceived = rowsReceived
    }
}
