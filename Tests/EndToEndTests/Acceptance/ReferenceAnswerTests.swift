import Foundation
import Testing

/// The acceptance check: the release build on the generated benchmark data gives exactly the
/// figures of `../shared/bench/summary_<size>.txt`, and the customer-summary file of the same
/// data gives the same tiers. `make test` generates the 1m data first; `make bench` runs 10m.
@Suite("Reference answers")
struct ReferenceAnswerTests {
    static var sizes: [String] {
        (ProcessInfo.processInfo.environment["ABC_ACCEPTANCE_SIZES"] ?? "1m").split(separator: ",").map(String.init)
    }

    static var dataFolder: URL {
        ProcessInfo.processInfo.environment["ABC_ACCEPTANCE_DATA"].map { URL(fileURLWithPath: $0) }
            ?? AbcProcess.packageRoot.appendingPathComponent("data")
    }

    /// One tiering of the reference summary.
    struct Tiering: Equatable {
        var rows: [String: [String]] = [:]  // tier → customers, revenue, share, profit, recency, tenure
        var boundaries: [String: (String, String)] = [:]

        static func == (a: Tiering, b: Tiering) -> Bool {
            a.rows == b.rows && a.boundaries.mapValues { [$0.0, $0.1] } == b.boundaries.mapValues { [$0.0, $0.1] }
        }
    }

    struct Reference {
        var header: [String: String] = [:]
        var tierings: [Tiering] = []
    }

    static func parseReference(_ text: String) -> Reference {
        var reference = Reference()
        for line in text.split(separator: "\n").map(String.init) {
            if line.hasPrefix("customers=") {
                for pair in line.split(separator: " ") {
                    let kv = pair.split(separator: "=", maxSplits: 1)
                    reference.header[String(kv[0])] = String(kv[1])
                }
            } else if line.hasPrefix("Tiering") {
                reference.tierings.append(Tiering())
            } else if let first = line.first, "ABC".contains(first), line.dropFirst().first == " " {
                let f = line.split(separator: " ").map(String.init)
                reference.tierings[reference.tierings.count - 1].rows[f[0]] = [f[1], f[2], f[3], f[4], f[5], f[6]]
            } else if line.contains("boundaries") {
                // last A=C0062964 (0.016380672918), …
                let body = line[line.range(of: ": ")!.upperBound...]
                for part in body.components(separatedBy: ", last ") {
                    let p = part.replacingOccurrences(of: "last ", with: "")
                    let tier = String(p.prefix(1))
                    let rest = p.dropFirst(2)
                    let id = String(rest.prefix { $0 != " " })
                    let value = String(rest.drop { $0 != "(" }.dropFirst().prefix { $0 != ")" })
                    reference.tierings[reference.tierings.count - 1].boundaries[tier] = (id, value)
                }
            }
        }
        return reference
    }

    /// Our `segment` output in CSV format → the same shape as the reference.
    static func parseOurs(_ stdout: String) -> [Tiering] {
        var tierings: [Tiering] = []
        var columns: [String] = []
        for line in stdout.split(separator: "\n").map(String.init) {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if f.first == "tier" {
                columns = f
                tierings.append(Tiering())
                continue
            }
            guard let tier = f.first, ["A", "B", "C"].contains(tier), f.count == columns.count else { continue }
            func v(_ name: String) -> String { f[columns.firstIndex(of: name)!] }
            tierings[tierings.count - 1].rows[tier] = [
                v("customers"), v("revenue"), v("rev_share"), v("profit"), v("avg_recency"), v("avg_tenure"),
            ]
            tierings[tierings.count - 1].boundaries[tier] = (v("last_customer"), f[columns.count - 1])
        }
        return tierings
    }

    @Test("both tierings match the reference summary", arguments: sizes)
    func tieringsMatch(size: String) throws {
        let summary = AbcProcess.packageRoot.appendingPathComponent("../shared/bench/summary_\(size).txt")
        let transactions = Self.dataFolder.appendingPathComponent("transactions_\(size).csv")
        #expect(FileManager.default.fileExists(atPath: summary.path), "missing \(summary.path)")
        try #require(FileManager.default.fileExists(atPath: transactions.path),
                     "missing \(transactions.path): run `make test`, which generates it")
        try #require(FileManager.default.fileExists(atPath: AbcProcess.releaseBinary),
                     "missing release build \(AbcProcess.releaseBinary): run `make test`")
        let reference = Self.parseReference(try String(contentsOf: summary, encoding: .utf8))
        let result = try AbcProcess.run(
            ["-c", "set format csv; load '\(transactions.path)'; segment; set tiers revenue 80/15/5; segment"],
            binary: AbcProcess.releaseBinary)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("Loaded"))  // stdout is only the CSV tables
        let ours = Self.parseOurs(result.stdout)
        try #require(ours.count == 2 && reference.tierings.count == 2)
        for i in 0..<2 {
            #expect(reference.tierings[i].rows.count == 3 && reference.tierings[i].boundaries.count == 3)
            #expect(ours[i].rows == reference.tierings[i].rows, "tiering \(i + 1) profile")
            for tier in ["A", "B", "C"] {
                #expect(ours[i].boundaries[tier]?.0 == reference.tierings[i].boundaries[tier]?.0, "tiering \(i + 1) last \(tier)")
                #expect(ours[i].boundaries[tier]?.1 == reference.tierings[i].boundaries[tier]?.1, "tiering \(i + 1) last \(tier) value")
            }
        }
        // With `set format csv` the load report goes to stderr, keeping stdout CSV.
        let report = result.stderr
        #expect(report.contains("customers  \(reference.header["customers"]!)\n"))
        #expect(report.contains("reference date \(reference.header["reference_date"]!)"))
        #expect(report.contains("revenue \(reference.header["total_revenue"]!), profit \(reference.header["total_profit"]!)"))
        #expect(report.contains("\(reference.header["transactions"]!) used"))
    }

    @Test("the customer-summary file gives the same tiers", arguments: sizes)
    func customerSummaryGivesSameTiers(size: String) throws {
        let transactions = Self.dataFolder.appendingPathComponent("transactions_\(size).csv")
        let customers = Self.dataFolder.appendingPathComponent("customers_\(size).csv")
        try #require(FileManager.default.fileExists(atPath: customers.path),
                     "missing \(customers.path): run `make test`, which generates it")
        let folder = try AbcProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func export(_ file: URL, _ name: String) throws -> [Substring] {
            let result = try AbcProcess.run(
                ["-c", "load '\(file.path)'; export segments \(name)-count.csv; set tiers revenue 80/15/5; export segments \(name)-revenue.csv"],
                binary: AbcProcess.releaseBinary, directory: folder)
            #expect(result.status == 0, "\(result.stderr)")
            return try ["count", "revenue"].flatMap { kind -> [Substring] in
                let text = try String(contentsOf: folder.appendingPathComponent("\(name)-\(kind).csv"), encoding: .utf8)
                // customer_id,tier,score,rank,…: keep id, tier, rank
                return text.split(separator: "\n").map { line in
                    let f = line.split(separator: ",", omittingEmptySubsequences: false)
                    return f[0] + "," + f[1] + "," + f[3]
                }
            }
        }
        let fromTransactions = try export(transactions, "tx")
        let fromCustomers = try export(customers, "cu")
        #expect(fromTransactions.count == fromCustomers.count)
        #expect(fromTransactions == fromCustomers)
    }
}
