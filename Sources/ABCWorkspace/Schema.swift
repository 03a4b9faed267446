/// The workspace's tables, versioned with `PRAGMA user_version`: `migrations[i]` takes a
/// workspace from version i to i + 1, so a workspace of any earlier version is brought up to
/// `version` on opening, in one transaction. A workspace of a later version is refused.
///
/// Money is stored as exact integers of 1/10,000 of the currency unit (columns `*_e4`), days
/// as day numbers (days since 1970-01-01: `date(first_day * 86400, 'unixepoch')` in sqlite3).
enum Schema {
    static let version = 1
    /// `meta.application`: tells an abc workspace from another SQLite file.
    static let application = "abc workspace"

    static let migrations: [[String]] = [
        // 0 → 1
        [
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "INSERT INTO meta (key, value) VALUES ('application', '\(application)'), ('money_scale', '10000')",
            """
            CREATE TABLE snapshots (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                taken_at REAL NOT NULL,
                scenario TEXT NOT NULL,
                settings TEXT NOT NULL,
                rule TEXT NOT NULL,
                tier_count INTEGER NOT NULL,
                money_decimals INTEGER NOT NULL,
                dataset_name TEXT NOT NULL,
                dataset_kind TEXT NOT NULL,
                dataset_paths TEXT NOT NULL,
                dataset_bytes INTEGER,
                dataset_hash TEXT NOT NULL,
                dataset_hash_of TEXT NOT NULL,
                dataset_rows INTEGER NOT NULL,
                dataset_customers INTEGER NOT NULL,
                data_first_day INTEGER,
                data_last_day INTEGER,
                window TEXT NOT NULL,
                window_from_day INTEGER,
                window_to_day INTEGER,
                reference_day INTEGER,
                customers INTEGER NOT NULL
            )
            """,
            """
            CREATE TABLE snapshot_tiers (
                snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
                tier INTEGER NOT NULL,
                name TEXT NOT NULL,
                customers INTEGER NOT NULL,
                customer_share_bp INTEGER NOT NULL,
                revenue_e4 INTEGER NOT NULL,
                revenue_share_bp INTEGER,
                profit_e4 INTEGER,
                last_customer TEXT,
                boundary TEXT,
                PRIMARY KEY (snapshot_id, tier)
            )
            """,
            """
            CREATE TABLE snapshot_customers (
                snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
                customer_id TEXT NOT NULL,
                tier TEXT NOT NULL,
                score REAL NOT NULL,
                rank INTEGER NOT NULL,
                revenue_e4 INTEGER NOT NULL,
                profit_e4 INTEGER,
                orders INTEGER,
                first_day INTEGER,
                last_day INTEGER
            )
            """,
            // Rows go in in customer-id order; the index finds a snapshot's rows in that order.
            "CREATE INDEX snapshot_customers_by_snapshot ON snapshot_customers (snapshot_id)",
            // Scenarios that survive the process (issue 15 item 4): each scenario's script
            // text in creation order, and one row for the session (current scenario, last
            // dataset). `revision` counts writes, so a second shell's stale write is told.
            """
            CREATE TABLE scenarios (
                name TEXT PRIMARY KEY,
                position INTEGER NOT NULL,
                parent TEXT,
                script TEXT NOT NULL,
                revision INTEGER NOT NULL,
                updated_at REAL NOT NULL
            )
            """,
            """
            CREATE TABLE session (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                current_scenario TEXT NOT NULL,
                dataset_load TEXT,
                dataset_paths TEXT,
                dataset_bytes INTEGER,
                dataset_hash TEXT,
                revision INTEGER NOT NULL,
                updated_at REAL NOT NULL
            )
            """,
        ],
    ]
}
