import ABCCore
import Foundation

/// `load PATH|sample [options]`: reads a data file and replaces the dataset.
struct LoadCommand: ShellCommand {
    static let spec = CommandSpec(
        "load", group: .data, arguments: "PATH|sample",
        summary: "load a transactions file or a customer summary",
        details: """
            Reads CSV, semicolon, tab, pipe or whitespace separated text, plain or .gz. Columns
            are recognised by name (customer_id, InvoiceDate, amount, quantity × unit price, cost,
            profit, order id, …) and any role can be named by hand. A failed load keeps the data
            already loaded. `load sample` loads the bundled sample dataset.
            """,
        example: "load sales.csv.gz --sep semicolon --dates dmy",
        options: [
            .init("transactions", "read the file as transactions (one row per order or line)"),
            .init("customers", "read the file as a customer summary (one row per customer)"),
            .init("sep", value: "SEP", completion: .words(["comma", "semicolon", "tab", "pipe", "whitespace"]),
                  "separator: comma, semicolon, tab, pipe or whitespace (default: detected)"),
            .init("dates", value: "ORDER", completion: .words(["dmy", "mdy"]),
                  "day/month order of slash dates when the data cannot settle it: dmy or mdy"),
            .init("thousands", value: "CHAR", completion: .words(["comma", "dot", "space", "apostrophe"]),
                  "declared thousands separator: comma, dot, space or apostrophe"),
            .init("lenient", "skip and count bad rows (the first five are shown) instead of stopping"),
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
        ],
        completion: [.pathOrWords(["sample"])])

    let target: String
    let options: LoadOptions
    /// The options as typed, sorted, for `save`.
    let optionWords: [String]

    init(parsing invocation: Invocation) throws(CommandError) {
        try invocation.expectArguments(1...1)
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
        for role in ColumnRole.allCases {
            guard let token = invocation.value(role.rawValue) else { continue }
            options.columns[role] = role == .revenue
                ? token.text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                : [token.text]
        }
        self.options = options
        target = invocation.arguments[0].text
        optionWords = invocation.options.sorted { $0.key < $1.key }.flatMap { name, value in
            ["--" + name] + (value.value.map { [Tokenizer.quote($0.text)] } ?? [])
        }
    }

    func run(in context: CommandContext) throws -> [Block] {
        let session = context.session
        var options = self.options
        let path: String
        if let override = session.dataOverride {
            path = override
            options.displayName = override
        } else if target == "sample" && !session.fileSystem.fileExists(context.resolve("sample")) {
            guard let sample = DataLoader.samplePath else { throw RequestError("the bundled sample dataset is missing from this build") }
            path = sample
            options.displayName = "sample"
        } else {
            path = context.resolve(target)
            options.displayName = target
        }
        options.isCancelled = session.environment.isCancelled
        options.progress = session.environment.progress
        options.threads = session.environment.loaderThreads
        let loaded: Dataset
        do {
            loaded = try DataLoader.load(path: path, options: options)
        } catch let error as DataError where error.option != nil {
            // A column option that names no column (or several): point at what was typed.
            throw context.error(error.message, at: error.option.flatMap { context.invocation.value($0) })
        }
        session.replaceDataset(loaded, record: LoadRecord(
            path: options.displayName == "sample" && session.dataOverride == nil ? "sample" : path, options: optionWords))
        return LoadReportView.blocks(loaded)
    }
}
