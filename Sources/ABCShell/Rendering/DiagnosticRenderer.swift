import ABCWarehouse

/// Prints diagnostics as `FILE:LINE:COLUMN: error: message`, then the command line with a
/// caret under the column (as compilers and swift-parsing do).
public enum DiagnosticRenderer {
    public static func render(_ diagnostic: Diagnostic, colour: Bool) -> String {
        let red = colour ? "\u{1B}[1;31m" : "", bold = colour ? "\u{1B}[1m" : "", reset = colour ? "\u{1B}[0m" : ""
        var out = ""
        if let location = diagnostic.location { out += "\(bold)\(location):\(reset) " }
        // Values from the data may hold escape sequences: shown escaped, as tables show them.
        out += "\(red)error:\(reset) \(bold)\(visible(PostgresURL.redactPasswords(in: diagnostic.message)))\(reset)\n"
        if let typed = diagnostic.sourceLine {
            // A password typed in a URL is shown as ***; the caret moves with the text.
            let (line, column) = redacted(typed, column: diagnostic.column ?? 1)
            out += "  \(line)\n"
            let prefix = line.prefix(max(0, column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
            out += "  \(prefix)\(red)^\(reset)\n"
        }
        for note in diagnostic.notes { out += "note: \(visible(note))\n" }
        return out
    }

    /// `line` with the passwords of its postgres:// URLs as `***`, and where `column` is then.
    /// A caret inside a URL goes to the URL's start.
    static func redacted(_ line: String, column: Int) -> (String, Int) {
        let redactedLine = PostgresURL.redactPasswords(in: line)
        guard redactedLine != line else { return (line, column) }
        var before = String(line.prefix(max(0, column - 1)))
        if let start = before.range(of: "postgres", options: [.caseInsensitive, .backwards]),
           !before[start.lowerBound...].contains(where: { $0 == " " || $0 == "\t" }) {
            before = String(before[..<start.lowerBound])
        }
        return (redactedLine, PostgresURL.redactPasswords(in: before).count + 1)
    }

    /// Control characters other than line breaks and tabs (ESC, BEL, C1 controls) as
    /// `\u{1b}`: a field holding an escape sequence cannot drive the terminal.
    static func visible(_ text: String) -> String {
        func isControl(_ s: Unicode.Scalar) -> Bool {
            (s.value < 0x20 && s != "\n" && s != "\t") || (0x7f...0x9f).contains(s.value)
        }
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) { out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars) }
            else { out.append(scalar) }
        }
        return String(out)
    }
}
