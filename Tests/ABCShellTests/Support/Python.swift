import Foundation
import Testing

/// The pinned Python of the Makefile's virtual environment (`make venv`: openpyxl 3.1.5,
/// XlsxWriter 3.2.0), to read exported files back as other programs do. `ABC_PYTHON` overrides
/// it (`make test` sets it); when it is missing the tests that need it fail, they do not skip.
enum Python {
    /// The folder holding Package.swift.
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    static var executable: String {
        ProcessInfo.processInfo.environment["ABC_PYTHON"] ?? packageRoot.appendingPathComponent(".venv/bin/python").path
    }

    /// Runs `script` with `arguments`; its standard output. Records an issue (and throws) when
    /// the virtual environment is missing or the script fails.
    static func run(_ script: String, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try #require(FileManager.default.isExecutableFile(atPath: executable),
                     "no \(executable): run `make venv` (openpyxl is pinned there)", sourceLocation: sourceLocation)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-c", script] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python failed: \(String(decoding: errors, as: UTF8.self))", sourceLocation: sourceLocation)
        return String(decoding: data, as: UTF8.self)
    }

    /// A workbook as openpyxl reads it: per sheet, its title, frozen cell and rows of cells.
    struct Workbook: Decodable {
        struct Sheet: Decodable {
            var title: String
            var freeze: String?
            var rows: [[Cell?]]
        }
        /// `t`: `s` text, `n` number, `d` date (`v` is `YYYY-MM-DD`); `note`: the cell's comment.
        struct Cell: Decodable, Equatable {
            var t: String
            var s: String?
            var n: Double?
            var note: String?
        }
        var sheets: [Sheet]
    }

    static let dumpWorkbook = """
        import json, sys, datetime, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        out = []
        for ws in wb.worksheets:
            rows = []
            for row in ws.iter_rows():
                cells = []
                for c in row:
                    v = c.value
                    if v is None: cells.append(None); continue
                    if isinstance(v, datetime.datetime): cell = {"t": "d", "s": v.date().isoformat()}
                    elif isinstance(v, (int, float)) and not isinstance(v, bool): cell = {"t": "n", "n": float(v)}
                    else: cell = {"t": "s", "s": str(v)}
                    if c.comment is not None: cell["note"] = c.comment.text
                    cells.append(cell)
                rows.append(cells)
            out.append({"title": ws.title, "freeze": ws.freeze_panes, "rows": rows})
        print(json.dumps({"sheets": out}))
        """

    static func workbook(at path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Workbook {
        let json = try run(dumpWorkbook, [path], sourceLocation: sourceLocation)
        return try JSONDecoder().decode(Workbook.self, from: Data(json.utf8))
    }
}
