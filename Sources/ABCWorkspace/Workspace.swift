import ABCCore
import CSQLite

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A workspace: one SQLite file of segmentation snapshots and scenarios
/// (docs/workspace.md). Every write is one transaction (WAL journal, so a kill -9 leaves the
/// file consistent and a reader never waits for a writer); a second writer waits up to
/// `busyTimeout` for the first. Opening checks the schema version and brings an older one up.
/// Never prints; errors are one-line `RequestError`s.
public final class Workspace {
    /// The path as the user gave it (messages), and as opened.
    public let displayName: String
    public let path: String
    public let readOnly: Bool
    let connection: Connection
    /// Milliseconds a write waits for another process's write to finish.
    public static let busyTimeout: Int32 = 5000

    /// The 16 bytes every SQLite database file starts with.
    private static let sqliteHeader = Array("SQLite format 3\u{0}".utf8)

    /// Opens the workspace at `path`. A missing file is created (mode 0600) unless `readOnly`.
    /// Refuses a file that is not an abc workspace, or one made by a later abc.
    public init(path: String, displayName: String? = nil, readOnly: Bool) throws(RequestError) {
        let shown = displayName ?? path
        self.displayName = shown
        self.path = path
        self.readOnly = readOnly
        var created = false
        var info = stat()
        if stat(path, &info) != 0 {
            guard errno == ENOENT else { throw RequestError("cannot open workspace '\(shown)': \(String(cString: strerror(errno)))") }
            if readOnly { throw RequestError("no workspace '\(shown)'") }
            // Created exclusively and private first: SQLite would make it with the umask's mode.
            let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
            if fd >= 0 {
                closeDescriptor(fd)
                created = true
            } else if errno != EEXIST {
                // EEXIST: another abc created it a moment ago; it is opened as it is.
                throw RequestError("cannot create workspace '\(shown)': \(String(cString: strerror(errno)))")
            }
        } else {
            if (info.st_mode & S_IFMT) == S_IFDIR { throw RequestError("'\(shown)' is a folder, not an abc workspace") }
            if info.st_size > 0 {
                guard try Self.startsWithSQLiteHeader(path) else { throw RequestError("'\(shown)' is not an abc workspace") }
            } else if readOnly {
                throw RequestError("'\(shown)' is an empty file, not an abc workspace")
            }
        }
        do {
            connection = try Connection(path: path, displayName: shown, readOnly: readOnly)
            try configure()
        } catch {
            if created { unlink(path) }
            throw error
        }
    }

    /// Closes the connection; the workspace object is not used afterwards.
    public func close() { connection.close() }

    private static func startsWithSQLiteHeader(_ path: String) throws(RequestError) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw RequestError("cannot open workspace '\(path)': \(String(cString: strerror(errno)))") }
        defer { closeDescriptor(fd) }
        var bytes = [UInt8](repeating: 0, count: 16)
        let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, 16) }
        return n == 16 && bytes == sqliteHeader
    }

    private func configure() throws(RequestError) {
        let c = connection
        guard let handle = c.handle else { return }
        sqlite3_busy_timeout(handle, Self.busyTimeout)
        // Reading the schema first tells a damaged or foreign file before anything is written.
        let version = try c.integer("PRAGMA user_version") ?? 0
        if version > Int64(Schema.version) {
            throw RequestError("workspace '\(displayName)' was made by a later abc (schema \(version); this abc reads up to \(Schema.version)); open it with that abc")
        }
        if version > 0 {
            guard try isAbcWorkspace() else { throw RequestError("'\(displayName)' is not an abc workspace") }
        } else if try (c.integer("SELECT count(*) FROM sqlite_master") ?? 0) > 0 {
            // A SQLite database of something else: never written to.
            throw RequestError("'\(displayName)' is not an abc workspace (a SQLite database of something else)")
        }
        if !readOnly {
            try c.execute("PRAGMA journal_mode = WAL")
            try c.execute("PRAGMA synchronous = NORMAL")
            try c.execute("PRAGMA foreign_keys = ON")
            // A million customers' rows are ~60 MB of pages: kept in memory until the commit
            // instead of spilled to the log and written twice (measured: docs/workspace.md).
            try c.execute("PRAGMA cache_size = -131072")
            if version < Int64(Schema.version) { try migrate() }
        } else if version < Int64(Schema.version) {
            if version == 0 { throw RequestError("'\(displayName)' is an empty file, not an abc workspace") }
            throw RequestError("workspace '\(displayName)' has schema \(version) and is open read-only: open it once with writing allowed to bring it up to \(Schema.version)")
        }
    }

    private func isAbcWorkspace() throws(RequestError) -> Bool {
        guard try (connection.integer("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'") ?? 0) == 1 else { return false }
        let statement = try connection.prepare("SELECT value FROM meta WHERE key = 'application'")
        return try statement.step() && statement.text(0) == Schema.application
    }

    /// Brings the schema up to `Schema.version`, every step in one transaction.
    private func migrate() throws(RequestError) {
        try connection.writeTransaction { () throws(RequestError) in
            // Read again inside the transaction: another process may have migrated meanwhile.
            let now = Int(try connection.integer("PRAGMA user_version") ?? 0)
            guard now < Schema.version else { return }
            for step in Schema.migrations[now...] {
                for sql in step { try connection.execute(sql) }
            }
            try connection.execute("PRAGMA user_version = \(Schema.version)")
        }
    }

    /// The schema version of the open workspace.
    public func schemaVersion() throws(RequestError) -> Int { Int(try connection.integer("PRAGMA user_version") ?? 0) }

    /// `PRAGMA integrity_check`'s verdict: `ok`, or what is wrong.
    public func integrityCheck() throws(RequestError) -> String {
        let statement = try connection.prepare("PRAGMA integrity_check")
        var lines: [String] = []
        while try statement.step() { lines.append(statement.text(0)) }
        return lines.joined(separator: "\n")
    }

    func requireWritable(_ what: String) throws(RequestError) {
        if readOnly { throw RequestError("workspace '\(displayName)' is open read-only; \(what) needs writing") }
    }
}

/// `close(2)`, out of reach of `Workspace.close()`'s name.
private func closeDescriptor(_ fd: Int32) { _ = close(fd) }
