import ABCCore
import CSQLite

/// One SQLite connection: statements, transactions, and every SQLite error turned into a
/// `RequestError` naming the workspace (never a crash). Not shared between threads.
final class Connection {
    private(set) var handle: OpaquePointer?
    /// The workspace as the user named it, for messages.
    let displayName: String

    /// Opens `path`, which must exist unless `create`; `readOnly` opens it for reading only.
    init(path: String, displayName: String, readOnly: Bool, create: Bool = false) throws(RequestError) {
        self.displayName = displayName
        var db: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(db)
            throw RequestError("cannot open workspace '\(displayName)': \(message)")
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
    }

    deinit { close() }

    func close() {
        guard let handle else { return }
        sqlite3_close_v2(handle)
        self.handle = nil
    }

    /// The error for a failed SQLite call: what SQLite says, in one line.
    func error(_ code: Int32, doing what: String) -> RequestError {
        let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
        switch code & 0xff {
        case SQLITE_BUSY, SQLITE_LOCKED:
            return RequestError("workspace '\(displayName)' is busy (another abc is writing it); try again")
        case SQLITE_READONLY:
            return RequestError("workspace '\(displayName)' is read-only: \(message)")
        case SQLITE_NOTADB:
            return RequestError("'\(displayName)' is not an abc workspace")
        case SQLITE_CORRUPT:
            return RequestError("workspace '\(displayName)' is damaged (\(message)); open a copy made before, or a new one")
        case SQLITE_FULL:
            return RequestError("workspace '\(displayName)': the disk is full; nothing was written")
        default:
            return RequestError("workspace '\(displayName)': \(what) failed: \(message)")
        }
    }

    /// Runs SQL without results (several statements allowed).
    func execute(_ sql: String) throws(RequestError) {
        guard let handle else { throw RequestError("workspace '\(displayName)' is closed") }
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        if code != SQLITE_OK { throw error(code, doing: "writing") }
    }

    func prepare(_ sql: String) throws(RequestError) -> Statement {
        guard let handle else { throw RequestError("workspace '\(displayName)' is closed") }
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else { throw error(code, doing: "reading") }
        return Statement(statement, connection: self)
    }

    /// Runs `body` in one write transaction (`BEGIN IMMEDIATE`: a second writer waits up to the
    /// busy timeout), committed when it returns, rolled back when it throws.
    func writeTransaction<T>(_ body: () throws(RequestError) -> T) throws(RequestError) -> T {
        try transaction("BEGIN IMMEDIATE", body)
    }

    /// Runs `body` in one read transaction: what it reads is one consistent state.
    func readTransaction<T>(_ body: () throws(RequestError) -> T) throws(RequestError) -> T {
        try transaction("BEGIN", body)
    }

    private func transaction<T>(_ begin: String, _ body: () throws(RequestError) -> T) throws(RequestError) -> T {
        try execute(begin)
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            if let handle, sqlite3_get_autocommit(handle) == 0 { sqlite3_exec(handle, "ROLLBACK", nil, nil, nil) }
            throw error
        }
    }

    var lastInsertRowID: Int64 { handle.map { sqlite3_last_insert_rowid($0) } ?? 0 }
    var changes: Int { handle.map { Int(sqlite3_changes($0)) } ?? 0 }

    /// One integer from `sql` (a pragma, a count), or nil when it returns no row.
    func integer(_ sql: String) throws(RequestError) -> Int64? {
        let statement = try prepare(sql)
        return try statement.step() ? statement.int64(0) : nil
    }
}

/// A prepared statement: bind (1-based), step, read columns (0-based), reset for the next row.
final class Statement {
    private let statement: OpaquePointer
    private unowned let connection: Connection

    init(_ statement: OpaquePointer, connection: Connection) {
        self.statement = statement
        self.connection = connection
    }

    deinit { sqlite3_finalize(statement) }

    func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(statement, index, value) }
    func bind(_ index: Int32, _ value: Int) { sqlite3_bind_int64(statement, index, Int64(value)) }
    func bind(_ index: Int32, _ value: Double) { sqlite3_bind_double(statement, index, value) }
    func bindNull(_ index: Int32) { sqlite3_bind_null(statement, index) }
    func bind(_ index: Int32, _ value: String) {
        var text = value
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                _ = abc_sqlite3_bind_text_copy(statement, index, chars.baseAddress, Int32(chars.count))
            }
        }
    }
    func bind(_ index: Int32, _ value: String?) {
        if let value { bind(index, value) } else { bindNull(index) }
    }
    func bind(_ index: Int32, _ value: Int64?) {
        if let value { bind(index, value) } else { bindNull(index) }
    }
    /// Text bytes SQLite copies (customer ids straight from a dataset's arena).
    func bindText(_ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count > 0 else { return bind(index, "") }
        bytes.withMemoryRebound(to: CChar.self) { chars in
            _ = abc_sqlite3_bind_text_copy(statement, index, chars.baseAddress, Int32(chars.count))
        }
    }

    /// Steps once: true when a row is ready to read, false when done.
    @discardableResult
    func step() throws(RequestError) -> Bool {
        let code = sqlite3_step(statement)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            sqlite3_reset(statement)
            throw connection.error(code, doing: sqlite3_stmt_readonly(statement) != 0 ? "reading" : "writing")
        }
    }

    /// Ready for new bindings and another run.
    func reset() {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }
    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }
    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(statement, column)) }
    func double(_ column: Int32) -> Double { sqlite3_column_double(statement, column) }
    func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }
    func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(statement, column) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }
    func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }
    /// A text column's bytes, appended to `arena` (customer ids read back without a String each).
    func appendText(_ column: Int32, to arena: inout [UInt8]) {
        guard let pointer = sqlite3_column_text(statement, column) else { return }
        let count = Int(sqlite3_column_bytes(statement, column))
        arena.append(contentsOf: UnsafeBufferPointer(start: pointer, count: count))
    }
    /// The first byte of a text column (a tier letter), 0 when empty or NULL.
    func firstByte(_ column: Int32) -> UInt8 {
        guard let pointer = sqlite3_column_text(statement, column), sqlite3_column_bytes(statement, column) > 0 else { return 0 }
        return pointer.pointee
    }
}
