import ABCCore
import Foundation

extension Session {
    /// Runs a script file: `abc run SCRIPT`. Stops at the first error; false when one happened.
    public func runScript(path: String, output: OutputSink) -> Bool {
        do {
            try runScriptFile(displayPath: path, resolvedPath: path, output: output)
            return true
        } catch let diagnostic as Diagnostic {
            output.report(diagnostic)
            return false
        } catch {
            return false
        }
    }

    /// Runs lines that are not a script file (standard input that is not a terminal).
    /// Stops at the first error; false when one happened.
    public func runLines(_ lines: [String], output: OutputSink) -> Bool {
        for (number, line, _) in Self.logicalLines(lines) {
            if !execute(line, origin: .standardInput(line: number), output: output) { return false }
            if quitRequested { break }
        }
        return true
    }

    /// Runs the commands of a script file, fenced against running itself.
    func runScriptFile(displayPath: String, resolvedPath: String, output: OutputSink) throws {
        let canonical = fileSystem.canonicalPath(resolvedPath)
        if scriptStack.contains(canonical) {
            let chain = (scriptStack + [canonical]).map { URL(fileURLWithPath: $0).lastPathComponent }
            throw Diagnostic("script runs itself: \(chain.joined(separator: " → "))")
        }
        guard let data = fileSystem.contents(of: resolvedPath) else {
            throw Diagnostic(fileSystem.fileExists(resolvedPath) ? "cannot read script '\(displayPath)'" : "no script '\(displayPath)'")
        }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }  // a byte order mark
        scriptStack.append(canonical)
        defer { scriptStack.removeLast() }
        // "\r\n" is one Character in Swift: split on scalars so CRLF scripts work too.
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
            let line = String(String.UnicodeScalarView($0))
            return line.hasSuffix("\r") ? String(line.dropLast()) : line
        }
        for (number, line, continuations) in Self.logicalLines(lines) {
            let origin = CommandOrigin.script(path: displayPath, line: number, continuations: continuations)
            if !execute(line, origin: origin, output: output) {
                throw AlreadyReported()
            }
            if quitRequested { return }
        }
    }

    /// Joins lines ending in a backslash with the next; each logical line keeps its first line
    /// number and the (1-based) columns where its further physical lines begin.
    static func logicalLines(_ lines: [String]) -> [(Int, String, [Int])] {
        var result: [(Int, String, [Int])] = []
        var pending: (Int, String, [Int])?
        for (index, line) in lines.enumerated() {
            let continued = line.hasSuffix("\\")
            let part = continued ? String(line.dropLast()) : line
            if var p = pending {
                p.2.append(p.1.count + 1)
                p.1 += part
                pending = p
            } else {
                pending = (index + 1, part, [])
            }
            if !continued {
                result.append(pending!)
                pending = nil
            }
        }
        if let p = pending { result.append(p) }
        return result
    }
}
