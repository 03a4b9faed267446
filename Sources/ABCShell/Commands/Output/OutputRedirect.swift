/// Where commands' output goes when not to the screen (`output FILE|DIR`, `once FILE`), as
/// sqlite3's and DuckDB's `.output` and `.once`.
struct OutputRedirect {
    enum Target {
        /// Every later command's output, appended; `written` is the file so far (each command's
        /// output is written once it succeeds, the whole file replaced atomically).
        case file(path: String, written: [UInt8])
        /// A file per command (`3-segment.txt`), or per table with `set format csv --all`
        /// (`3-segment-profile.csv`), numbered from 1 in the order written.
        case folder(path: String, written: Int)
    }

    var target: Target?
    /// `once FILE`: the next command's output only.
    var once: (path: String, force: Bool)?
    /// `set format csv --all`: a CSV file per table (needs a folder target).
    var csvAll = false

    /// What `output` and `once` print themselves: on the screen, never redirected.
    static let ownCommands: Set<String> = ["output", "once"]

    /// The file name of a command's output in a folder: `3-scenario-list.csv`.
    static func fileName(number: Int, command: String, table: String? = nil, format: OutputFormat) -> String {
        let ext = [OutputFormat.table: "txt", .markdown: "md", .csv: "csv", .json: "jsonl"][format] ?? "txt"
        let slug = command.split(separator: " ").joined(separator: "-")
        return "\(number)-\(slug)" + (table.map { "-" + $0 } ?? "") + "." + ext
    }
}
