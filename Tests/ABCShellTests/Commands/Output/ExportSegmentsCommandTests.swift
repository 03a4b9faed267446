import Foundation
import Testing
@testable import ABCShell

@Suite("export segments")
struct ExportSegmentsCommandTests {
    @Test func everyCustomerWithExactFigures() throws {
        let files = InMemoryFileSystem()
        let f = try ShellFixture(fileSystem: files, setup: "load sales.csv; set weights revenue 1")
        defer { f.remove() }
        files.addFolder(f.folder.path)
        #expect(try f.blocks("export segments s.csv", as: ExportSegmentsCommand.self).text == "Wrote 5 customers to s.csv")
        let lines = try #require(files.text(at: f.path("s.csv"))).split(separator: "\n").map(String.init)
        #expect(lines[0] == "customer_id,tier,score,rank,revenue,profit,orders,first_purchase,last_purchase,recency_days,tenure_days")
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        // In customer_id order; scores = (revenue − 50) / 450, ranks by revenue.
        #expect(rows.map { $0[0] } == ["K1", "K2", "K3", "K4", "K5"])
        #expect(rows.map { $0[1] } == ["A", "B", "C", "C", "C"])
        let scores: [Double?] = rows.map { Double($0[2]) }
        let expected: [Double?] = [1, 200.0 / 450, 70.0 / 450, 30.0 / 450, 0]
        #expect(scores == expected)  // read back to the same Double
        #expect(rows.map { $0[3] } == ["1", "2", "3", "4", "5"])
        #expect(rows[1][4...] == ["250.00", "100.00", "1", "2024-02-15", "2024-02-15", "45", "45"])
        #expect(rows[4][4...] == ["50.00", "10.00", "2", "2024-01-01", "2024-02-01", "59", "90"])
    }

    @Test func attributesComeLastQuotedWhenNeeded() throws {
        let files = InMemoryFileSystem()
        let text = "customer_id,date,amount,Sales Region\nK1,2024-01-01,10,\"North, inner\"\nK2,2024-01-02,5,\nK3,2024-01-03,1,South\n"
        let f = try ShellFixture(files: ["a.csv": text], fileSystem: files, setup: "load a.csv; lever uplift C revenue +10% adoption 100% cost 0 per-adopter")
        defer { f.remove() }
        files.addFolder(f.folder.path)
        f.run("export segments s.csv")
        let lines = try #require(files.text(at: f.path("s.csv"))).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // After the lever columns; K2 has no region.
        #expect(lines[0].hasSuffix(",profit_basis,Sales Region"))
        #expect(lines[1].hasSuffix(",\"North, inner\""))
        #expect(lines[2].hasSuffix(",none,"))
        #expect(lines[3].hasSuffix(",South"))
    }

    @Test func replacesAFileOnlyWithForce() throws {
        let files = InMemoryFileSystem()
        let f = try ShellFixture(fileSystem: files)
        defer { f.remove() }
        files.addFolder(f.folder.path)
        files.put("precious", at: f.path("s.csv"))
        let d = try #require(f.failure("export segments s.csv"))
        #expect(d.message == "'\(f.path("s.csv"))' exists; add --force to replace it")
        #expect(files.text(at: f.path("s.csv")) == "precious")
        f.run("export segments s.csv --force")
        #expect(files.text(at: f.path("s.csv"))?.split(separator: "\n").count == 6)  // header + 5 customers
    }

    @Test func idsWithCommasAreQuoted() throws {
        let files = InMemoryFileSystem()
        let f = try ShellFixture(files: ["q.csv": "customer_id,date,amount\n\"A,1\",2024-01-01,10\nB,2024-01-02,5\n"],
                                 fileSystem: files, setup: "load q.csv; set weights revenue 1")
        defer { f.remove() }
        files.addFolder(f.folder.path)
        f.run("export segments s.csv")
        // Two customers at 20/30/50: A = ⌊2·20/100⌋ = 0, B = ⌊2·50/100⌋ = 1 ("A,1", score 1), C = B (score 0).
        let lines = try #require(files.text(at: f.path("s.csv"))).split(separator: "\n")
        #expect(lines[1].hasPrefix("\"A,1\",B,1.0,1,10.00,"))
        #expect(lines[2].hasPrefix("B,C,0.0,2,5.00,"))
    }

    @Test func usageErrors() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        let extra = try #require(f.failure("export segments a.csv b.csv"))
        #expect(extra.message == "too many arguments; usage: export segments PATH [options]")  // four options: [options]
        #expect(extra.location?.column == 23)
        let option = try #require(f.failure("export segments a.csv --replace"))
        #expect(option.message == "unknown option '--replace' for 'export segments'")
        #expect(option.location?.column == 23)
    }

    /// The rows of a CSV `export segments` wrote, by column name.
    static func records(_ path: String) throws -> [[String: String]] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let header = try #require(lines.first)
        return lines.dropFirst().map { Dictionary(zip(header, $0), uniquingKeysWith: { a, _ in a }) }
    }

    @Test func forecastColumnsWhenTheModelIsFitted() throws {
        let f = try ShellFixture(setup: "load sample")
        defer { f.remove() }
        f.run("export segments plain.csv; export segments fitted.csv --forecast")
        let header = try String(contentsOfFile: f.path("fitted.csv"), encoding: .utf8).prefix { $0 != "\n" }
        #expect(header.hasSuffix(",recency_days,tenure_days,palive,expected_orders,clv,country,product"))
        #expect(try Self.records(f.path("plain.csv")).first?["palive"] == nil)
        let fitted = try Self.records(f.path("fitted.csv"))
        #expect(fitted.count == 5000)
        // One purchase day (x = 0): P(alive) is 1 by the model's definition.
        let single = fitted.filter { $0["orders"] == "1" }
        #expect(!single.isEmpty && single.allSatisfy { $0["palive"] == "1.0" })
        #expect(fitted.allSatisfy { row in Double(row["palive"] ?? "").map { $0 >= 0 && $0 <= 1 } ?? false })
        // A scenario that weighs clv carries the same forecast without --forecast.
        f.run("set weights clv 1; export segments weighed.csv")
        let weighed = try Self.records(f.path("weighed.csv"))
        #expect(weighed.map { $0["palive"] } == fitted.map { $0["palive"] })
        #expect(weighed.map { $0["clv"] } == fitted.map { $0["clv"] })
    }

    @Test func forecastNeedsAModelThatCanBeFitted() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        let d = try #require(f.failure("export segments s.csv --forecast"))
        #expect(d.message.hasPrefix("the purchase model needs at least 10 customers with a repeat purchase day"))
        #expect(f.failure("export segments s.csv --forecast --snapshot q1")?.message == "--forecast is for the current scenario; a snapshot keeps no forecast")
    }
}
