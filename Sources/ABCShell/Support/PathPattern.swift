import Foundation

/// `load sales_2024_*.csv`: a file-name pattern the tool expands itself (a script's words
/// never reach a system shell), so it works the same in the shell, in scripts and with `-c`.
///
/// `*` matches any run of characters, `?` one character, `[abc]` / `[a-z]` / `[!abc]` one
/// of a set, in the last part of the path only; a name starting with `.` is matched only by
/// a pattern that starts with `.`. Matches are files (not folders), sorted by name in byte
/// order, so `sales_2024_01.csv` … `sales_2024_12.csv` come in month order.
struct PathPattern {
    /// The folder part as written (`data/`, or empty) and the name pattern.
    let folder: String
    let name: String

    /// The pattern in `text`, or nil when it has no wildcard.
    init?(_ text: String) {
        guard Self.hasWildcards(text) else { return nil }
        if let slash = text.lastIndex(of: "/") {
            folder = String(text[...slash])
            name = String(text[text.index(after: slash)...])
        } else {
            folder = ""
            name = text
        }
    }

    static func hasWildcards(_ text: Substring) -> Bool { text.contains { "*?[".contains($0) } }
    static func hasWildcards(_ text: String) -> Bool { hasWildcards(text[...]) }

    /// Whether the folder part has wildcards (not supported: name the folder).
    var folderHasWildcards: Bool { Self.hasWildcards(folder[...]) }

    /// The names in `folder` (a listing) that match, sorted in byte order.
    func matches(among names: [String]) -> [String] {
        let pattern = Array(name)
        return names.filter { candidate in
            if candidate.hasPrefix(".") && !name.hasPrefix(".") { return false }
            return Self.match(pattern[...], Array(candidate)[...])
        }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Glob matching with backtracking on `*` (patterns are short: the cost is nothing).
    private static func match(_ pattern: ArraySlice<Character>, _ text: ArraySlice<Character>) -> Bool {
        var p = pattern.startIndex, t = text.startIndex
        var star: (p: Int, t: Int)?
        while t < text.endIndex {
            if p < pattern.endIndex {
                switch pattern[p] {
                case "*":
                    star = (p, t)
                    p += 1
                    continue
                case "?":
                    p += 1
                    t += 1
                    continue
                case "[":
                    if let (matched, next) = set(pattern, at: p, matches: text[t]) {
                        if matched {
                            p = next
                            t += 1
                            continue
                        }
                    } else if text[t] == "[" {  // an unclosed bracket is itself
                        p += 1
                        t += 1
                        continue
                    }
                default:
                    if pattern[p] == text[t] {
                        p += 1
                        t += 1
                        continue
                    }
                }
            }
            guard let s = star else { return false }
            // Let the last `*` take one more character and try again.
            star = (s.p, s.t + 1)
            p = s.p + 1
            t = s.t + 1
        }
        while p < pattern.endIndex && pattern[p] == "*" { p += 1 }
        return p == pattern.endIndex
    }

    /// Whether `c` is in the bracket set starting at `start`, and the index after the set;
    /// nil when the bracket is not closed.
    private static func set(_ pattern: ArraySlice<Character>, at start: Int, matches c: Character) -> (Bool, Int)? {
        var i = start + 1
        var negated = false
        if i < pattern.endIndex && (pattern[i] == "!" || pattern[i] == "^") {
            negated = true
            i += 1
        }
        var matched = false
        var first = true
        while i < pattern.endIndex {
            if pattern[i] == "]" && !first { return (matched != negated, i + 1) }
            first = false
            if i + 2 < pattern.endIndex && pattern[i + 1] == "-" && pattern[i + 2] != "]" {
                if pattern[i] <= c && c <= pattern[i + 2] { matched = true }
                i += 3
            } else {
                if pattern[i] == c { matched = true }
                i += 1
            }
        }
        return nil
    }
}
