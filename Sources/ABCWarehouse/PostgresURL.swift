/// A `postgres://` or `postgresql://` URL as `load` takes it: libpq's connection URI plus the
/// tool's own parameters (`table`, `schema`), which libpq must not see.
///
/// The password, when the URL has one, never leaves this type except in `libpqURI`: what is
/// shown, saved or kept (`redacted`) has `***` in its place. A URL whose password is `***`
/// (a replayed, redacted one) connects without a password in the URL, so libpq takes it from
/// `PGPASSWORD`, `~/.pgpass` or `PGSERVICE`, as for a URL without one.
public struct PostgresURL: Sendable, Equatable {
    public let scheme: String
    /// `user[:password]@` before the host, without the `@`; empty without one.
    let userInfo: String
    /// `host[:port][/database]` and whatever follows up to the query string.
    let location: String
    /// The query parameters in order, the tool's own taken out.
    let parameters: [(name: String, value: String)]
    public let table: String?
    public let schema: String?

    public static func == (a: PostgresURL, b: PostgresURL) -> Bool { a.redacted == b.redacted && a.libpqURI == b.libpqURI }

    /// Whether `text` is a URL this type reads (`postgres://…`, `postgresql://…`).
    public static func isPostgres(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    public init(_ text: String) throws(URLError) {
        guard Self.isPostgres(text), let schemeEnd = text.range(of: "://") else {
            throw URLError("'\(Self.redactPasswords(in: text))' is not a postgres:// URL")
        }
        scheme = String(text[..<schemeEnd.lowerBound]).lowercased()
        var rest = String(text[schemeEnd.upperBound...])
        var query = ""
        if let q = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: q)...])
            rest = String(rest[..<q])
        }
        if let at = rest.lastIndex(of: "@") {
            userInfo = String(rest[..<at])
            location = String(rest[rest.index(after: at)...])
        } else {
            userInfo = ""
            location = rest
        }
        var parameters: [(String, String)] = []
        var table: String?, schema: String?
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            let value = parts.count > 1 ? String(parts[1]) : ""
            switch name {
            case "table":
                guard let decoded = Self.percentDecoded(value), !decoded.isEmpty else { throw URLError("the URL's table= is empty or badly escaped") }
                table = decoded
            case "schema":
                guard let decoded = Self.percentDecoded(value), !decoded.isEmpty else { throw URLError("the URL's schema= is empty or badly escaped") }
                schema = decoded
            default: parameters.append((name, value))
            }
        }
        self.parameters = parameters
        self.table = table
        self.schema = schema
    }

    /// The user and whether a password is in the URL.
    var user: String { String(userInfo.prefix { $0 != ":" }) }
    var hasPassword: Bool { userInfo.contains(":") }

    /// The URL as it may be shown, saved and kept: the password as `***`, every parameter kept.
    public var redacted: String { text(password: hasPassword ? "***" : nil, toolParameters: true, redactParameters: true) }

    /// The server alone, for the load report: `postgres://user@host:port/db`, no parameters.
    public var server: String {
        scheme + "://" + (user.isEmpty ? "" : user + "@") + location
    }

    /// The URI handed to libpq: the tool's parameters taken out, a `***` password dropped, and
    /// a connection timeout of 10 s unless one is given.
    public var libpqURI: String {
        var uri = text(password: password, toolParameters: false, redactParameters: false)
        if !parameters.contains(where: { $0.name == "connect_timeout" }) {
            uri += (parameters.isEmpty ? "?" : "&") + "connect_timeout=10"
        }
        return uri
    }

    private var password: String? {
        guard hasPassword else { return nil }
        let p = String(userInfo.drop { $0 != ":" }.dropFirst())
        return p == "***" || p == "%2A%2A%2A" ? nil : p
    }

    private func text(password: String?, toolParameters: Bool, redactParameters: Bool) -> String {
        var out = scheme + "://"
        if !userInfo.isEmpty {
            out += user
            if let password { out += ":" + password }
            out += "@"
        }
        out += location
        var query = parameters.map { p in
            redactParameters && p.name == "password" ? "password=***" : p.value.isEmpty ? p.name : "\(p.name)=\(p.value)"
        }
        if toolParameters {
            if let schema { query.append("schema=" + Self.percentEncoded(schema)) }
            if let table { query.append("table=" + Self.percentEncoded(table)) }
        }
        if !query.isEmpty { out += "?" + query.joined(separator: "&") }
        return out
    }

    /// `text` with the password of every postgres URL in it replaced by `***` (for history
    /// lines and messages that quote what was typed).
    public static func redactPasswords(in text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let start = rest.range(of: "postgres", options: .caseInsensitive) {
            out += rest[..<start.lowerBound]
            let candidate = rest[start.lowerBound...]
            let end = candidate.firstIndex { $0 == " " || $0 == "\t" || $0 == "'" || $0 == "\"" || $0 == ";" } ?? candidate.endIndex
            let word = String(candidate[..<end])
            if isPostgres(word), let url = try? PostgresURL(word) {
                out += url.redacted
            } else if isPostgres(word) {
                // Not readable as a URL: still hide what could be a password.
                out += word.replacingOccurrences(of: #"://([^:/@]*):[^@]*@"#, with: "://$1:***@", options: .regularExpression)
            } else {
                out += word
            }
            rest = candidate[end...]
        }
        return out + rest
    }

    static func percentDecoded(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let b = iterator.next() {
            if b == UInt8(ascii: "%") {
                guard let h = iterator.next(), let l = iterator.next(),
                      let value = UInt8(String(decoding: [h, l], as: UTF8.self), radix: 16) else { return nil }
                bytes.append(value)
            } else if b == UInt8(ascii: "+") {
                bytes.append(0x20)
            } else {
                bytes.append(b)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"):
                out.append(Character(Unicode.Scalar(b)))
            default:
                out += "%" + (b < 16 ? "0" : "") + String(b, radix: 16, uppercase: true)
            }
        }
        return out
    }
}

/// A URL that cannot be read: one line.
public struct URLError: Error, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

import Foundation
