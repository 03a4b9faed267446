import Foundation

/// Prints a command's blocks in the session's format.
///
/// - `table`, `markdown`: the tables with the text between them, all on the data stream.
/// - `json`: one JSON Lines document per command on the data stream: its tables' records and
///   its text as notes (`TableRenderer.jsonDocument`); nothing on the notes stream.
/// - `csv`: the command's main table (the one marked `isMain`, else the first) on the data
///   stream; its text and its other tables, aligned for people, on the notes stream.
struct BlockRenderer {
    var format: OutputFormat
    /// The terminal's width, or nil for fixed layouts.
    var width: Int?

    func emit(_ blocks: [Block], command: String, to output: OutputSink) {
        switch format {
        case .table, .markdown:
            output.write(render(blocks))
        case .json:
            output.write(TableRenderer.jsonDocument(command: command, tables: Self.tables(blocks), notes: Self.notes(blocks)))
        case .csv:
            let main = Self.mainTable(blocks)
            for (i, block) in blocks.enumerated() {
                switch block {
                case .text(let text): output.note(text.hasSuffix("\n") ? text : text + "\n")
                case .table(let table) where i == main: output.write(TableRenderer.csv(table))
                case .table(let table): output.note(TableRenderer.render(table, format: .table))
                }
            }
        }
    }

    func render(_ blocks: [Block]) -> String {
        var out = ""
        for block in blocks {
            switch block {
            case .text(let text):
                let wrapped = width.map { Self.wrap(text, width: $0) } ?? text
                out += wrapped.hasSuffix("\n") ? wrapped : wrapped + "\n"
            case .table(let table):
                out += TableRenderer.render(table, format: format, width: width)
                // Markdown: a line right after a table would be read as one more row.
                if format == .markdown { out += "\n" }
            }
        }
        return out
    }

    /// Text for a terminal `width` wide: a line too long is broken at blanks, its continuation
    /// indented two more than the line, so words are never cut (a word longer than the width
    /// stays whole). Scripts and pipes have no width and get the text as it is.
    static func wrap(_ text: String, width: Int) -> String {
        guard width >= 20 else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.count > width else { return String(line) }
            let leading = line.prefix { $0 == " " }.count
            let indent = String(repeating: " ", count: min(leading + 2, width / 2))
            var lines: [String] = []
            var current = String(repeating: " ", count: leading)
            var hasWord = false
            for word in line.dropFirst(leading).split(separator: " ", omittingEmptySubsequences: false) {
                if hasWord && current.count + 1 + word.count > width {
                    lines.append(current)
                    current = indent + word
                } else {
                    current += (hasWord ? " " : "") + word
                }
                hasWord = true
            }
            lines.append(current)
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    static func tables(_ blocks: [Block]) -> [Table] {
        blocks.compactMap { if case .table(let t) = $0 { return t } else { return nil } }
    }

    /// The command's text, a note per block (an empty block left out).
    static func notes(_ blocks: [Block]) -> [String] {
        blocks.compactMap { block in
            guard case .text(var text) = block else { return nil }
            while text.hasSuffix("\n") { text.removeLast() }
            return text.isEmpty ? nil : text
        }
    }

    /// The index of the block `set format csv` prints: the table marked main, else the first
    /// table machines read.
    static func mainTable(_ blocks: [Block]) -> Int? {
        func table(_ i: Int) -> Table? { if case .table(let t) = blocks[i] { return t } else { return nil } }
        return blocks.indices.first { table($0)?.isMain == true && table($0)?.recordSets.isEmpty == false }
            ?? blocks.indices.first { table($0)?.recordSets.isEmpty == false }
    }
}
