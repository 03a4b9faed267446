import Foundation
import Testing

/// `simulate` in expected mode against an independent calculation of docs/levers.md:
/// `tools/reference_levers.py` (Python standard library, written apart from the Swift code)
/// computes every per-tier figure before and after the levers and the migration matrix with
/// the fixed tier boundaries; abc's `export segments` of the same scenario gives each
/// customer's figures, which are summed here per tier before the levers and compared exactly
/// (to the 1/10,000 unit).
@Suite("Levers against the independent reference")
struct LeverReferenceTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var weights = "revenue=0.5,profit=0.3,orders=0.2"
        var tiers = "count:20/30/50"
        var scaling = "minmax"
        /// `set margin` words and the reference's --margin (revenue-only data).
        var margin: (shell: String, reference: String)?
        var levers: [String]
        var revenueOnly = false
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "cost-to-serve and uplift", levers: [
            "cost-to-serve C per-order 4.50", "uplift B revenue +10% adoption 30% cost 2 per-adopter"]),
        Case(name: "retention and reactivation", levers: [
            "retention A churn 15% -> 10% cost 25", "reactivation C inactive 180 days response 8% orders 2 cost 3"]),
        Case(name: "price cut and price rise", weights: "revenue=0.6,orders=0.2,recency=0.2", levers: [
            "discount A price -5% volume +8%", "discount B price +3% volume -2%"]),
        Case(name: "cost-to-serve with drop, revenue tiers", tiers: "revenue:80/15/5", levers: [
            "cost-to-serve C per-order 4.50 per-customer 1.25", "drop C unprofitable", "uplift B revenue +15% adoption 20% cost 1 per-contact"]),
        Case(name: "rank scaling", scaling: "rank", levers: [
            "uplift B revenue +100% adoption 30% cost 2 per-adopter", "discount C price -10% volume +25%"]),
        Case(name: "revenue only, assumed margin per tier", weights: "revenue=0.7,orders=0.3",
             margin: ("A 40% B 30% C 20%", "A=40,B=30,C=20"), levers: [
                "uplift B revenue +10% adoption 30% cost 2 per-adopter", "discount A price +3% volume -2%",
                "cost-to-serve C per-customer 2", "drop C unprofitable"], revenueOnly: true),
    ]

    /// The sample with its cost column removed (the same rows otherwise).
    static func revenueOnlySample(in folder: URL) throws -> URL {
        let out = folder.appendingPathComponent("revenue-only.csv")
        let script = """
            import csv, gzip, sys
            with gzip.open(sys.argv[1], "rt", newline="") as f, open(sys.argv[2], "w", newline="") as o:
                r = csv.DictReader(f); w = csv.writer(o)
                w.writerow(["order_id", "date", "customer_id", "quantity", "unit_price"])
                for row in r: w.writerow([row["order_id"], row["date"], row["customer_id"], row["quantity"], row["unit_price"]])
            """
        _ = try Self.python(["-c", script, AbcProcess.packageRoot.appendingPathComponent("Sources/ABCCore/Resources/sample.csv.gz").path, out.path])
        return out
    }

    static func python(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ReferenceFailure(message: String(decoding: errors, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self)
    }

    struct ReferenceFailure: Error { var message: String }

    /// Exact 4-decimal money as integer units.
    static func units(_ text: String) -> Int64? {
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard let whole = Int64(parts[0]) else { return nil }
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        guard fraction.count <= 4 else { return nil }
        while fraction.count < 4 { fraction += "0" }
        guard let f = Int64(fraction) else { return nil }
        return (negative ? -1 : 1) * (whole * 10_000 + f)
    }

    @Test(arguments: cases)
    func simulateAgreesWithTheReference(_ c: Case) throws {
        let folder = try AbcProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.check(c, data: c.revenueOnly ? try Self.revenueOnlySample(in: folder).path : "sample", folder: folder)
    }

    /// The generated 1m benchmark data (`make test` makes it): 100,000 customers.
    @Test func theGeneratedMillionRows() throws {
        let file = ReferenceAnswerTests.dataFolder.appendingPathComponent("transactions_1m.csv")
        try #require(FileManager.default.fileExists(atPath: file.path), "missing \(file.path): run `make test`, which generates it")
        let folder = try AbcProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.check(Case(name: "1m", tiers: "revenue:80/15/5", levers: [
            "cost-to-serve C per-order 1.25", "drop C unprofitable", "uplift B revenue +20% adoption 40% cost 1 per-contact",
            "retention A churn 10% -> 6% cost 5"]), data: file.path, folder: folder)
    }

    static func check(_ c: Case, data: String, folder: URL) throws {
        // The shell: one scenario with the levers, exported per customer.
        let weights = c.weights.split(separator: ",").map { $0.replacingOccurrences(of: "=", with: " ") }.joined(separator: " ")
        let tiers = c.tiers.replacingOccurrences(of: ":", with: " ")
        var commands = ["load \(data)", "set weights \(weights)", "set tiers \(tiers)", "set scaling \(c.scaling)", "scenario new x"]
        if let margin = c.margin { commands.append("set margin \(margin.shell)") }
        commands += c.levers.map { "lever " + $0 }
        commands.append("export segments \(folder.appendingPathComponent("x.csv").path)")
        let run = try AbcProcess.run(["-c", commands.joined(separator: "; ")], directory: folder)
        try #require(run.status == 0, "\(run.stderr)")
        // The reference.
        var arguments = [AbcProcess.packageRoot.appendingPathComponent("tools/reference_levers.py").path,
                         "--data", data, "--weights", c.weights, "--tiers", c.tiers, "--scaling", c.scaling]
        if let margin = c.margin { arguments += ["--margin", margin.reference] }
        for lever in c.levers { arguments += ["--lever", lever] }
        let json = try Self.python(arguments)
        let reference = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let tiersJSON = try #require(reference["tiers"] as? [String: [String: Any]])
        let migrationJSON = try #require(reference["migration"] as? [String: [String: Int]])

        // abc's rows, summed per tier before the levers.
        let text = try String(contentsOf: folder.appendingPathComponent("x.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        func column(_ name: String) throws -> Int { try #require(header.firstIndex(of: name), "no column \(name)") }
        let tierColumn = try column("tier"), projectedTier = try column("projected_tier")
        let sums = ["revenue_after": "projected_revenue", "profit_after": "projected_profit", "cost_to_serve_after": "cost_to_serve",
                    "lever_cost_after": "lever_cost", "net_contribution_after": "net", "revenue_before": "revenue"]
        var totals: [String: [String: Int64]] = [:]
        var migration: [String: [String: Int]] = [:]
        var customers: [String: Int] = [:]
        for row in lines.dropFirst() {
            let t = row[tierColumn]
            customers[t, default: 0] += 1
            migration[t, default: [:]][row[projectedTier], default: 0] += 1
            for (key, name) in sums {
                let cell = row[try column(name)]
                guard !cell.isEmpty else { continue }
                totals[t, default: [:]][key, default: 0] += try #require(Self.units(cell), "\(name) \(cell)")
            }
        }
        for tier in ["A", "B", "C"] {
            let expected = try #require(tiersJSON[tier])
            #expect(customers[tier] == expected["customers_before"] as? Int, "\(tier) customers")
            // Revenue is always known: the comparison below cannot skip everything.
            #expect(expected["revenue_after"] is String && expected["lever_cost_after"] is String)
            for key in sums.keys.sorted() {
                guard let value = expected[key] as? String else { continue }  // null: profit not known
                #expect(totals[tier]?[key] ?? 0 == Self.units(value), "\(c.name): tier \(tier) \(key)")
            }
            for (to, count) in try #require(migrationJSON[tier]) where count > 0 {
                #expect(migration[tier]?[to] == count, "\(c.name): migration \(tier) → \(to)")
            }
        }
    }
}
