/// Prints diagnostics as `FILE:LINE:COLUMN: error: message`, then the command line with a
/// caret under the column (as compilers and swift-parsing do).
public enum DiagnosticRenderer {
    public static func render(_ diagnostic: Diagnostic, colour: Bool) -> String {
        let red = colour ? "\u{1B}[1;31m" : "", bold = colour ? "\u{1B}[1m" : "", reset = colour ? "\u{1B}[0m" : ""
        var out = ""
        if let location = diagnostic.location { out += "\(bold)\(location):\(reset) " }
        out += "\(red)error:\(reset) \(bold)\(diagnostic.message)\(reset)\n"
        if let line = diagnostic.sourceLine {
            let column = diagnostic.column ?? 1
            out += "  \(line)\n"
            let prefix = line.prefix(max(0, column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
            out += "  \(prefix)\(red)^\(reset)\n"
        }
        for note in diagnostic.notes { out += "note: \(note)\n" }
        return out
    }
}
