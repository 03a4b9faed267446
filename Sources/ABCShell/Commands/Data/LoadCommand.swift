import ABCCore
import ABCWarehouse
import Foundation

/// `load PATH… |sample [options]`: reads one or more data files and replaces the dataset.
struct LoadCommand: ShellCommand {
    static let loadsData = true
    static let spec = CommandSpec(
        "load", group: .data, arguments: "PATH [PATH…] | sample | postgres://USER@HOST:PORT/DB?table=NAME",
        summary: "load a transactions file or a customer summary",
        details: """
            Reads CSV, semicolon, tab, pipe or whitespace separated text, plain or .gz, and Excel
            .xlsx workbooks (the first sheet, or --sheet NAME). Columns
            are recognised by name (customer_id, InvoiceDate, amount, quantity × unit price, cost,
            profit, order id, …) and any role can be named by hand. A failed load keeps the data
            already loaded. `load sample` loads the bundled sample dataset.
            Several files with the same columns load as one dataset, in the order given, exactly
            as one file holding their rows would: `load jan.csv feb.csv`, or a pattern the tool
            expands, sorted by name: `load sales_2024_*.csv` (`*`, `?` and `[…]` in the file
            name; quote a name to take it as it is).
            """,
        example: "load sales_2024_*.csv --sep semicolon --dates dmy",
        options: [
            .init("transactions", "read the file as transactions (one row per order or line)"),
            .init("customers", "read the file as a customer summary (one row per customer)"),
            .init("sep", value: "SEP", completion: .words(["comma", "semicolon", "tab", "pipe", "whitespace"]),
                  "separator: comma, semicolon, tab, pipe or whitespace (default: detected)"),
            .init("dates", value: "ORDER", completion: .words(["dmy", "mdy"]),
                  "day/month order of slash dates when the data cannot settle it: dmy or mdy"),
            .init("thousands", value: "CHAR", completion: .words(["comma", "dot", "space", "apostrophe"]),
                  "declared thousands separator: comma, dot, space or apostrophe"),
            .init("sheet", value: "NAME", "Excel workbooks: the sheet to read (default: the first)"),
            .init("lenient", "skip and count bad rows (the first five are shown) instead of stopping"),
            .init("max-line-size", value: "BYTES", "the longest record read, in bytes (default 16777216, 16 MiB; K, M, G suffixes)"),
            .init("memory-limit", value: "BYTES", completion: .words(["none"]),
                  "the memory the load may take (default: what the machine has available; K, M, G suffixes; none: no check)"),
            .init("customer", value: "COLUMN", "the customer id column"),
            .init("date", value: "COLUMN", "the transaction date column"),
            .init("amount", value: "COLUMN", "the amount (line revenue) column"),
            .init("quantity", value: "COLUMN", "the quantity column (amount = quantity × unit price)"),
            .init("unit-price", value: "COLUMN", "the unit price column"),
            .init("cost", value: "COLUMN", "the cost column (line total)"),
            .init("unit-cost", value: "COLUMN", "the unit cost column (× quantity)"),
            .init("profit", value: "COLUMN", "the profit column"),
            .init("order", value: "COLUMN", "the order id column"),
            .init("revenue", value: "COLUMN[,COLUMN…]", "summaries: the revenue column(s), summed"),
            .init("orders", value: "COLUMN", "summaries: the order count column"),
            .init("first-purchase", value: "COLUMN", "summaries: the first purchase date column"),
            .init("last-purchase", value: "COLUMN", "summaries: the last purchase date column"),
            .init("table", value: "NAME", "postgres:// URLs: the table or view to read (default: the URL's table=)"),
            .init("schema", value: "NAME", "postgres:// URLs: the table's schema (default: the URL's schema=, else the search path)"),
            .init("query", value: "SQL", "postgres:// URLs: a SELECT to read instead of a table (run as a subquery)"),
        ],
        completion: [.pathOrWords(["sample"])])

    /// The paths or patterns as typed, in order.
    let targets: [Token]
    let options: LoadOptions
    /// `--memory-limit`: nil asks the machine at each load; `.some(nil)` is `none`.
    let memoryLimit: Int??
    /// The options as typed, sorted, for `save`.
    let optionWords: [String]

    init(parsing invocation: Invocation) throws(CommandError) {
        try invocation.expectArguments(1...Int.max)
        var options = LoadOptions()
        if invocation.flag("transactions"), let customers = invocation.options["customers"] {
            throw invocation.error("give --transactions or --customers, not both", at: customers.option)
        }
        if invocation.flag("transactions") { options.kind = .transactions }
        if invocation.flag("customers") { options.kind = .customers }
        /// The value of option `name` read through `choices`, or an error saying what was expected.
        func choice<T>(_ name: String, _ choices: [String: T], error: (String) -> String) throws(CommandError) -> T? {
            guard let token = invocation.value(name) else { return nil }
            guard let value = choices[token.text.lowercased()] ?? choices[token.text] else {
                throw invocation.error(error(token.text), at: token)
            }
            return value
        }
        let separators: [String: LoadOptions.Separator] = [
            "comma": .comma, "semicolon": .semicolon, "tab": .tab, "pipe": .pipe, "whitespace": .whitespace,
            ",": .comma, ";": .semicolon, "\\t": .tab, "|": .pipe, " ": .whitespace, "space": .whitespace,
        ]
        options.separator = try choice("sep", separators) {
            "unknown separator '\($0)'; expected comma, semicolon, tab, pipe or whitespace"
        } ?? options.separator
        options.dateOrder = try choice("dates", ["dmy": DateOrder.dmy, "mdy": .mdy]) {
            "expected dmy or mdy for --dates, found '\($0)'"
        } ?? options.dateOrder
        let thousands: [String: Character] = ["comma": ",", ",": ",", "dot": ".", ".": ".", "space": " ", "apostrophe": "'", "'": "'"]
        options.thousandsSeparator = try choice("thousands", thousands) {
            "expected comma, dot, space or apostrophe for --thousands, found '\($0)'"
        } ?? options.thousandsSeparator
        options.lenient = invocation.flag("lenient")
        options.sheet = invocation.value("sheet")?.text
        if let token = invocation.value("max-line-size") {
            guard let bytes = Self.byteCount(token.text) else {
                throw invocation.error("expected a number of bytes for --max-line-size (16777216, 64K, 16M, 1G), found '\(token.text)'", at: token)
            }
            options.maxRecordBytes = bytes
        }
        if let token = invocation.value("memory-limit") {
            if token.text.lowercased() == "none" {
                memoryLimit = .some(nil)
            } else if let bytes = Self.byteCount(token.text) {
                memoryLimit = bytes
            } else {
                throw invocation.error("expected a number of bytes for --memory-limit (8G, 500M) or none, found '\(token.text)'", at: token)
            }
        } else {
            memoryLimit = nil
        }
        for role in ColumnRole.allCases {
            guard let token = invocation.value(role.rawValue) else { continue }
            options.columns[role] = role == .revenue
                ? token.text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                : [token.text]
        }
        self.options = options
        targets = invocation.arguments
        optionWords = invocation.options.sorted { $0.key < $1.key }.flatMap { name, value in
            ["--" + name] + (value.value.map { [Tokenizer.quote($0.text)] } ?? [])
        }
    }

    /// `16777216`, `64K`, `16M`, `1G` (binary multiples), from 1 byte to 1 TiB; nil otherwise.
    static func byteCount(_ text: String) -> Int? {
        let multiples: [Character: Int] = ["k": 1 << 10, "m": 1 << 20, "g": 1 << 30]
        var digits = Substring(text)
        var multiple = 1
        if let last = digits.last?.lowercased().first, let m = multiples[last] {
            multiple = m
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let n = Int(digits), n >= 1, n <= (1 << 40) / multiple else { return nil }
        return n * multiple
    }

    /// The only target as typed (tests, and the common case).
    var target: String { targets.map(\.text).joined(separator: " ") }

    func run(in context: CommandContext) throws -> [Block] {
        if let first = targets.first, PostgresURL.isPostgres(first.text) { return try loadFromServer(in: context) }
        for name in ["table", "schema", "query"] {
            if let token = context.invocation.value(name) {
                throw context.error("--\(name) is for postgres:// URLs", at: token)
            }
        }
        guard let override = context.session.nextDataOverride() else { return try load(in: context, override: nil) }
        // `abc run … --data FILE`: an error of the load it replaces points at this load's
        // files in the script and says where the file came from.
        let column = targets.first?.column ?? context.invocation.name.column
        let from = "\(override.text) replaces this load"
        do {
            return try load(in: context, override: override)
        } catch let error as CommandError {
            throw CommandError("\(error.message) (\(from))", column: column)
        } catch let error as DataError where error.location == nil {
            throw CommandError("\(error.message) (\(from))", column: column)
        } catch let error as DataError {
            var diagnostic = Diagnostic(error.message, at: error.location)
            if let here = context.origin.location(column: column) {
                diagnostic.notes.append("while running \(here.file):\(here.line), whose load \(override.text) replaces")
            }
            throw diagnostic
        }
    }

    /// `load postgres://…`: the aggregation on the server (`WarehouseLoader`).
    private func loadFromServer(in context: CommandContext) throws -> [Block] {
        let session = context.session
        guard let first = targets.first else { return [] }
        if targets.count > 1 {
            throw context.error("a postgres:// URL loads on its own, without other files or URLs", at: targets[1])
        }
        let url: PostgresURL
        do {
            url = try PostgresURL(first.text)
        } catch {
            throw context.error(error.message, at: first)
        }
        if let fence = context.fence { try fence.checkDatabase(url.redacted, command: "load") }
        var options = self.options
        options.isCancelled = session.environment.isCancelled
        let request = WarehouseLoader.Request(
            url: url, query: context.invocation.value("query")?.text, schema: context.invocation.value("schema")?.text,
            table: context.invocation.value("table")?.text, options: options)
        let loaded: Dataset, query: AggregationQuery
        do {
            (loaded, query) = try WarehouseLoader.load(request)
        } catch let error as DataError where error.option != nil {
            throw context.error(error.message, at: error.option.flatMap { context.invocation.value($0) })
        }
        session.replaceDataset(loaded, record: LoadRecord(paths: [url.redacted], options: optionWords))
        session.warehouse = (request, query)
        return LoadReportView.blocks(loaded)
    }

    /// `save` writes the load as it read: its files (`--data`'s when it replaced them) and options.
    func scriptWords(_ tokens: [Token], in context: CommandContext) -> [ScriptWord] {
        guard let record = context.session.loadRecord else { return tokens.map { .text(ScenarioScript.word($0)) } }
        return ScenarioScript.loadWords(record)
    }

    /// Loads the files typed, or those of `override` with its options when it has some.
    private func load(in context: CommandContext, override: DataOverride?) throws -> [Block] {
        let session = context.session
        var options = self.options
        var optionWords = self.optionWords
        var memoryLimit = self.memoryLimit
        if let override, !override.options.isEmpty {
            options = override.load.options
            optionWords = override.load.optionWords
            memoryLimit = override.load.memoryLimit
        }
        let (files, record, name) = try self.files(in: context, override: override)
        options.displayName = name
        options.isCancelled = session.environment.isCancelled
        options.progress = session.environment.progress
        options.threads = session.environment.loaderThreads
        options.memoryBudget = memoryLimit ?? session.environment.availableMemory()
        let loaded: Dataset
        do {
            loaded = try DataLoader.load(files: files, options: options)
        } catch let error as DataError where error.option != nil {
            // A column option that names no column (or several): point at what was typed.
            throw context.error(error.message, at: error.option.flatMap { context.invocation.value($0) })
        }
        session.replaceDataset(loaded, record: LoadRecord(paths: record, options: optionWords))
        return LoadReportView.blocks(loaded)
    }

    /// The files to read, in order, with the names messages give them; what `save` writes
    /// back (absolute paths and patterns, or `sample`); the dataset's name.
    private func files(in context: CommandContext, override: DataOverride?) throws -> (files: [DataFile], record: [String], name: String) {
        let session = context.session
        let fileSystem = session.fileSystem
        if let override = override?.path {
            // `abc run SCRIPT --data FILE`: FILE (or the files of its pattern), from the working directory.
            let base = override.hasPrefix("/") ? override : session.environment.workingDirectory + "/" + override
            let token = Token(override, column: context.invocation.name.column)
            let files = try expand(token, resolved: base, in: context).map { DataFile(path: $0.path, name: $0.name) }
            return (files, [base], override)
        }
        let isSample = { (token: Token) in token.text == "sample" && !fileSystem.fileExists(context.resolve("sample")) }
        if let sample = targets.first(where: isSample) {
            if targets.count > 1 {
                throw context.error("the sample dataset loads on its own: `load sample`, without other files", at: sample)
            }
            guard let path = DataLoader.samplePath else { throw RequestError("the bundled sample dataset is missing from this build") }
            return ([DataFile(path: path, name: "sample")], ["sample"], "sample")
        }
        var files: [DataFile] = []
        var seen: [String: Token] = [:]  // canonical path → the word that named it
        var record: [String] = []
        for token in targets {
            // `-` is standard input (a pipe, plain or gzip), unless a file is named so; it is no
            // path, so the fence has nothing to check.
            if token.text == "-" && !fileSystem.fileExists(context.resolve(token.text)) {
                if targets.count > 1 { throw context.error("standard input loads on its own: `load -`, without other files", at: token) }
                if context.session.environment.standardInputHoldsCommands {
                    throw context.error(
                        "standard input holds the commands, so `load -` has no data to read: give the commands with "
                            + "`abc -c '…'` or `abc run SCRIPT` and pipe the data in, or load a file", at: token)
                }
                return ([DataFile(path: "/dev/stdin", name: "<stdin>")], ["-"], "<stdin>")
            }
            let resolved = try context.resolve(token, for: .read)
            for match in try expand(token, resolved: resolved, in: context) {
                try context.check(match.path, for: .read, at: token)
                let canonical = fileSystem.canonicalPath(match.path)
                if let earlier = seen[canonical] {
                    let also = earlier.text == token.text && earlier.column == token.column ? "" : " (also by '\(earlier.text)')"
                    throw context.error("'\(match.name)' is given twice\(also): its rows would count twice", at: token)
                }
                seen[canonical] = token
                files.append(DataFile(path: match.path, name: match.name))
            }
            record.append(resolved)
        }
        return (files, record, targets.map(\.text).joined(separator: " + "))
    }

    /// The files a word names: itself, or, unquoted with wildcards and not a file's own name,
    /// the files its pattern matches, named in messages as typed (`data/sales_01.csv`).
    private func expand(_ token: Token, resolved: String, in context: CommandContext) throws -> [(path: String, name: String)] {
        let fileSystem = context.session.fileSystem
        guard !token.quoted, !fileSystem.fileExists(resolved), let typed = PathPattern(token.text),
              let pattern = PathPattern(resolved) else {
            return [(resolved, token.text)]
        }
        if pattern.folderHasWildcards {
            throw context.error("wildcards work in the file name only, not in folders: '\(token.text)'", at: token)
        }
        let folderName = typed.folder.isEmpty ? "." : typed.folder
        guard let names = fileSystem.names(inFolder: pattern.folder) else {
            throw context.error("cannot list the folder '\(folderName)' for '\(token.text)'", at: token)
        }
        let matches = pattern.matches(among: names).filter { !fileSystem.entry(at: pattern.folder + $0).isDirectory }
        guard !matches.isEmpty else {
            throw context.error(
                "no file in '\(folderName)' matches '\(typed.name)' "
                    + "(a pattern takes * for any characters, ? for one, [abc] for one of these)", at: token)
        }
        return matches.map { (pattern.folder + $0, typed.folder + $0) }
    }
}
