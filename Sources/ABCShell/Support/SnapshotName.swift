import ABCCore
import ABCWorkspace

/// Snapshot names: any printable word (`2025Q3`, `q1-final`), no blanks or control characters,
/// at most 64 characters; looked up in the open workspace.
enum SnapshotName {
    static let maxLength = 64

    /// Refuses a name that could not be typed back as one word.
    static func check(_ token: Token) throws(CommandError) {
        let text = token.text
        if text.isEmpty || text.count > maxLength
            || text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control || $0 == "\"" || $0 == "'" || $0 == ";" }) {
            throw CommandError("'\(Diagnostic.clipped(text))' cannot be a snapshot name: use up to \(maxLength) letters, digits or signs, without blanks, quotes or ';'", column: token.column)
        }
    }

    /// The snapshot `token` names, with every customer; the error lists the snapshots there are.
    static func load(_ token: Token, from open: OpenWorkspace) throws -> Snapshot {
        if let snapshot = try open.store.snapshot(named: token.text) { return snapshot }
        throw unknown(token, in: open)
    }

    static func unknown(_ token: Token, in open: OpenWorkspace) -> CommandError {
        let names = (try? open.store.snapshots().map(\.info.name)) ?? []
        let hint = NearestName.suggestion(for: token.text, among: names).map { "did you mean '\($0)'? " } ?? ""
        let list = names.isEmpty ? "the workspace has none yet (snapshot save NAME)" : "snapshots: " + names.joined(separator: ", ")
        return CommandError("no snapshot '\(Diagnostic.clipped(token.text))'; \(hint)\(list)", column: token.column)
    }
}
