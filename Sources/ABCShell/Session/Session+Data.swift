import ABCCore
import Foundation

extension Session {
    func load(_ context: CommandContext) throws -> [Block] {
        try context.expectArguments(1...1, usage: "load PATH|sample [options]")
        let invocation = context.invocation
        var options = LoadOptions()
        if invocation.flag("transactions") && invocation.flag("customers") {
            throw context.error("give --transactions or --customers, not both", at: invocation.options["customers"]!.option)
        }
        if invocation.flag("transactions") { options.kind = .transactions }
        if invocation.flag("customers") { options.kind = .customers }
        if let token = invocation.value("sep") {
            let aliases: [String: LoadOptions.Separator] = [",": .comma, ";": .semicolon, "\\t": .tab, "|": .pipe, " ": .whitespace, "space": .whitespace]
            guard let separator = LoadOptions.Separator(rawValue: token.text.lowercased()) ?? aliases[token.text] else {
                throw context.error("unknown separator '\(token.text)'; expected comma, semicolon, tab, pipe or whitespace", at: token)
            }
            options.separator = separator
        }
        if let token = invocation.value("dates") {
            guard let order = DateOrder(rawValue: token.text.lowercased()) else {
                throw context.error("expected dmy or mdy for --dates, found '\(token.text)'", at: token)
            }
            options.dateOrder = order
        }
        if let token = invocation.value("thousands") {
            let map: [String: Character] = ["comma": ",", ",": ",", "dot": ".", ".": ".", "space": " ", "apostrophe": "'", "'": "'"]
            guard let c = map[token.text.lowercased()] else {
                throw context.error("expected comma, dot, space or apostrophe for --thousands, found '\(token.text)'", at: token)
            }
            options.thousandsSeparator = c
        }
        options.lenient = invocation.flag("lenient")
        for role in ColumnRole.allCases {
            guard let token = invocation.value(role.rawValue) else { continue }
            options.columns[role] = role == .revenue
                ? token.text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                : [token.text]
        }
        let argument = context.arguments[0].text
        let path: String
        if let dataOverride {
            path = dataOverride
            options.displayName = dataOverride
        } else if argument == "sample" && !FileManager.default.fileExists(atPath: context.resolve("sample", base: environment.workingDirectory)) {
            guard let sample = DataLoader.samplePath else { throw RequestError("the bundled sample dataset is missing from this build") }
            path = sample
            options.displayName = "sample"
        } else {
            path = context.resolve(argument, base: environment.workingDirectory)
            options.displayName = argument
        }
        options.isCancelled = environment.isCancelled
        options.progress = environment.progress
        let loaded = try DataLoader.load(path: path, options: options)
        let optionWords = invocation.options.sorted { $0.key < $1.key }.flatMap { name, value in
            ["--" + name] + (value.value.map { [Tokenizer.quote($0.text)] } ?? [])
        }
        replaceDataset(loaded, command: LoadCommand(
            path: options.displayName == "sample" && dataOverride == nil ? "sample" : path, options: optionWords))
        return LoadReportView.blocks(loaded)
    }

    func exportSegments(_ context: CommandContext) throws -> [Block] {
        try context.expectArguments(1...1, usage: "export segments PATH [--force]")
        let (dataset, segmentation) = try currentSegmentation()
        let scope = try self.scope(of: scenario)
        let bytes = SegmentsCSV.bytes(dataset: dataset, scope: scope, segmentation: segmentation)
        let target = context.arguments[0].text
        let path = context.resolve(target, base: environment.workingDirectory)
        try AtomicFile.write(bytes, to: path, replace: context.invocation.flag("force"))
        return [.text("Wrote \(scope.metrics.count) customers to \(target)")]
    }
}

/// The `load` that made the dataset: what `save` writes back.
struct LoadCommand {
    /// An absolute path, or `sample`.
    var path: String
    var options: [String]
}

/// The `export segments` CSV: one row per customer in customer_id order.
enum SegmentsCSV {
    static let header = "customer_id,tier,score,rank,revenue,profit,orders,first_purchase,last_purchase,recency_days,tenure_days\n"

    static func bytes(dataset: Dataset, scope: ScopedMetrics, segmentation: Segmentation) -> [UInt8] {
        let m = scope.metrics
        let ids = dataset.customerIDs
        let recency = m.recency, tenure = m.tenure
        var out: [UInt8] = []
        out.reserveCapacity(dataset.customerCount * 96)
        out.append(contentsOf: header.utf8)
        func append(_ s: String) { out.append(contentsOf: s.utf8) }
        func field(_ bytes: ArraySlice<UInt8>) {
            if bytes.contains(where: { $0 == 0x2c || $0 == 0x22 || $0 == 0x0a || $0 == 0x0d }) {
                out.append(0x22)
                for b in bytes {
                    if b == 0x22 { out.append(0x22) }
                    out.append(b)
                }
                out.append(0x22)
            } else {
                out.append(contentsOf: bytes)
            }
        }
        for c in 0..<m.count {
            let g = scope.global(c)
            field(ids.arena[Int(ids.offsets[g])..<Int(ids.offsets[g + 1])])
            out.append(0x2c)
            append(TieringRule.tierNames[Int(segmentation.tier[c])])
            out.append(0x2c)
            append(NumberFormatting.exactScore(segmentation.score[c]))
            out.append(0x2c)
            append(String(segmentation.rank[c]))
            out.append(0x2c)
            append(dataset.formatMoney(m.revenue[c]))
            out.append(0x2c)
            if let profit = m.profit { append(dataset.formatMoney(profit[c])) }
            out.append(0x2c)
            if let orders = m.orders { append(String(orders[c])) }
            out.append(0x2c)
            if let first = m.first { append(CivilDate.iso(first[c])) }
            out.append(0x2c)
            if let last = m.last { append(CivilDate.iso(last[c])) }
            out.append(0x2c)
            if let recency { append(String(recency[c])) }
            out.append(0x2c)
            if let tenure { append(String(tenure[c])) }
            out.append(0x0a)
        }
        return out
    }
}
