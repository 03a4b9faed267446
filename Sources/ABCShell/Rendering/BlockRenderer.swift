/// Prints a command's blocks in the session's format. Tables print as aligned text or
/// markdown with the text between them; as CSV or JSON, text goes to the notes stream so the
/// data stream stays parseable, and JSON prints one document per command.
struct BlockRenderer {
    var format: OutputFormat
    /// The terminal's width, or nil for fixed layouts.
    var width: Int?

    func emit(_ blocks: [Block], to output: OutputSink) {
        guard format == .csv || format == .json else {
            output.write(render(blocks))
            return
        }
        var tables: [Table] = []
        for block in blocks {
            switch block {
            case .text(let text): output.note(text.hasSuffix("\n") ? text : text + "\n")
            case .table(let table): tables.append(table)
            }
        }
        if format == .json && tables.count > 1 {
            output.write(TableRenderer.json(tables))
        } else {
            for table in tables { output.write(render([.table(table)])) }
        }
    }

    func render(_ blocks: [Block]) -> String {
        var out = ""
        for block in blocks {
            switch block {
            case .text(let text): out += text.hasSuffix("\n") ? text : text + "\n"
            case .table(let table):
                out += TableRenderer.render(table, format: format, width: width)
                // Markdown: a line right after a table would be read as one more row.
                if format == .markdown { out += "\n" }
            }
        }
        return out
    }
}
