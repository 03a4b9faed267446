import ABCCore
import CLibPQ

/// One libpq connection: connect, describe a query's columns, run a command, and stream a
/// query's rows one at a time (single-row mode), cancelling it on the server when the user
/// presses Ctrl-C. Every failure is one line (`DataError` without a location).
final class PostgresConnection {
    private let handle: OpaquePointer
    /// The server as messages name it (no password).
    let server: String

    /// Connects with libpq's URI (credentials from the URI, `PGPASSWORD`, `~/.pgpass` or
    /// `PGSERVICE`, as libpq takes them).
    init(uri: String, server: String) throws(DataError) {
        self.server = server
        guard let handle = PQconnectdb(uri) else { throw DataError("cannot connect to \(server): out of memory") }
        self.handle = handle
        guard PQstatus(handle) == CONNECTION_OK else {
            // Thrown once initialised: deinit closes the handle.
            let message = Self.firstLine(PQerrorMessage(handle))
            throw DataError("cannot connect to \(server): \(message)")
        }
    }

    deinit { PQfinish(handle) }

    /// The first line of a libpq message, without its `FATAL:`/`ERROR:` prefix.
    static func firstLine(_ text: UnsafePointer<CChar>?) -> String {
        guard let text else { return "unknown error" }
        var line = String(cString: text).split(separator: "\n").first.map(String.init) ?? "unknown error"
        for prefix in ["FATAL:  ", "ERROR:  "] where line.hasPrefix(prefix) { line = String(line.dropFirst(prefix.count)) }
        return line.trimmingCharacters(in: .whitespaces)
    }

    /// The server's primary message for a failed result.
    private func message(of result: OpaquePointer?) -> String {
        if let result, let primary = PQresultErrorField(result, Int32(UInt8(ascii: "M"))) {
            return String(cString: primary)
        }
        return Self.firstLine(PQerrorMessage(handle))
    }

    /// Runs a command (`BEGIN`, `SET`, `COMMIT`) and checks it succeeded.
    func execute(_ sql: String) throws(DataError) {
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            throw DataError("\(server): \(message(of: result))")
        }
    }

    /// The names and type OIDs of a query's columns, from the server, without running it.
    func describe(_ sql: String) throws(DataError) -> [(name: String, type: UInt32)] {
        let prepared = PQprepare(handle, "", sql, 0, nil)
        let prepareStatus = PQresultStatus(prepared)
        if prepareStatus != PGRES_COMMAND_OK {
            let text = message(of: prepared)
            PQclear(prepared)
            throw DataError(text)
        }
        PQclear(prepared)
        let described = PQdescribePrepared(handle, "")
        defer { PQclear(described) }
        guard PQresultStatus(described) == PGRES_COMMAND_OK else { throw DataError(message(of: described)) }
        return (0..<PQnfields(described)).map { i in
            (PQfname(described, i).map { String(cString: $0) } ?? "?", UInt32(PQftype(described, i)))
        }
    }

    /// Runs one statement (never several: the extended protocol refuses them) and hands each
    /// row's values (nil for NULL) to `row` as they arrive. Between reads it checks
    /// `isCancelled`; once that is true it asks the server to cancel, and throws `Interrupted`
    /// when the server has stopped.
    func stream(_ sql: String, isCancelled: () -> Bool, row: ([String?]) throws -> Void) throws {
        guard PQsendQueryParams(handle, sql, 0, nil, nil, nil, nil, 0) == 1 else {
            throw DataError("\(server): \(Self.firstLine(PQerrorMessage(handle)))")
        }
        _ = PQsetSingleRowMode(handle)
        var cancelled = false
        var failure: Error?
        while true {
            while PQisBusy(handle) == 1 {
                if !cancelled && isCancelled() {
                    cancelled = true
                    cancel()
                }
                _ = abc_pq_wait_readable(handle, 100)
                guard PQconsumeInput(handle) == 1 else {
                    throw DataError("\(server): \(Self.firstLine(PQerrorMessage(handle)))")
                }
            }
            guard let result = PQgetResult(handle) else { break }
            defer { PQclear(result) }
            switch PQresultStatus(result) {
            case PGRES_SINGLE_TUPLE:
                guard failure == nil else { continue }  // drain after a failure
                let n = PQnfields(result)
                let values: [String?] = (0..<n).map { i in
                    PQgetisnull(result, 0, i) == 1 ? nil : PQgetvalue(result, 0, i).map { String(cString: $0) }
                }
                do {
                    try row(values)
                } catch {
                    failure = error
                    cancel()
                }
            case PGRES_TUPLES_OK, PGRES_COMMAND_OK:
                break
            default:
                if failure == nil {
                    failure = cancelled ? Interrupted() : DataError("the query failed on \(server): \(message(of: result))")
                }
            }
        }
        if let failure { throw failure }
        if cancelled { throw Interrupted() }
    }

    /// Asks the server to stop the running query (PQcancel, on a connection of its own).
    private func cancel() {
        guard let token = PQgetCancel(handle) else { return }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(token, &buffer, Int32(buffer.count))
        PQfreeCancel(token)
    }
}

import Foundation
