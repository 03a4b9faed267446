import Foundation
import Testing
@testable import ABCShell

@Suite("Completion")
struct CompletionTests {
    @Test func commandsOptionsCriteriaAndQuotedPaths() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("abc-cmp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = FileManager.default.createFile(atPath: dir.appendingPathComponent("sub/my file;x.csv").path, contents: Data())
        _ = FileManager.default.createFile(atPath: dir.appendingPathComponent("sub/plain.csv").path, contents: Data())
        let session = Session(environment: .init(workingDirectory: dir.path))
        let completer = Completer(session: session)
        func complete(_ line: String) -> [String] { completer.complete(line: line, cursorUTF8: line.utf8.count).candidates }
        #expect(complete("seg") == ["segment"])
        #expect(complete("set ti") == ["tiers"])
        #expect(complete("load x --da") == ["--date", "--dates"])
        #expect(complete("set weights rev") == ["revenue"])
        #expect(complete("load su") == ["sub/"])
        #expect(complete("load sub/") == ["'sub/my file;x.csv'", "sub/plain.csv"])
        #expect(complete("load sub/m") == ["'sub/my file;x.csv'"])
    }

    /// A folder with `my data.csv`, `my dark.csv.gz`, `my dir/inner.csv` and `sub/plain.csv`,
    /// and a session with the fixture's sales and an uplift lever on tier B.
    private static func fixture() throws -> ShellFixture {
        let f = try ShellFixture(files: ["sales.csv": ShellFixture.sales, "my data.csv": "", "my dark.csv.gz": ""])
        try FileManager.default.createDirectory(at: f.folder.appendingPathComponent("my dir"), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: f.path("my dir/inner.csv"), contents: Data())
        try FileManager.default.createDirectory(at: f.folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: f.path("sub/plain.csv"), contents: Data())
        f.run("lever uplift B revenue +10% adoption 30% cost 2 per-adopter")
        return f
    }

    private static func complete(_ line: String, in f: ShellFixture) -> Completer.Result {
        Completer(session: f.session).complete(line: line, cursorUTF8: line.utf8.count)
    }

    /// What Tab offers at the end of `line` in a fresh `fixture()`.
    private static func candidates(_ line: String) throws -> [String] {
        let f = try fixture()
        defer { f.remove() }
        return complete(line, in: f).candidates
    }

    @Test("completes the setting of sweep: its first word, then criteria, tiers, levers, the lever's fields and its bounds",
          arguments: [
              ("sweep ", ["lever", "share", "weight"]),
              ("sweep weight rev", ["revenue"]),
              ("sweep share ", ["A", "B", "C"]),
              ("sweep lever ", ["1"]),
              ("sweep lever 1 ", ["adoption", "cost", "lift"]),
              ("sweep lever 1 a", ["adoption"]),
              ("sweep lever 2 ", []),
              ("sweep lever 1 adoption ", ["0%"]),
              ("sweep lever 1 adoption 0% ", ["100%"]),
              ("sweep lever 1 adoption 0% 100% ", []),
              ("sweep weight revenue ", ["0"]),
              ("sweep share A 5% ", ["69%"]),
              ("sweep --f", ["--force"]),
              ("sweep --force lever 1 ", ["adoption", "cost", "lift"]),
          ])
    func sweep(line: String, expected: [String]) throws {
        #expect(try Self.candidates(line) == expected)
    }

    @Test("completes seek: the figure, the setting after `by` and its range after `in`",
          arguments: [
              ("seek ", ["lever", "projected", "tier", "total"]),
              ("seek projected ", ["tier", "total"]),
              ("seek projected total ", ["cost_to_serve", "customers", "lever_cost", "margin", "net_contribution", "profit", "revenue"]),
              ("seek tier A avg_", ["avg_recency", "avg_tenure"]),
              ("seek lever ", ["1"]),
              ("seek lever 1 ", ["cost", "delta_profit", "delta_revenue", "roi"]),
              ("seek lever 1 roi ", ["="]),
              ("seek lever 1 roi = 0% ", ["by"]),
              ("seek lever 1 roi = 0% by lever 1 ", ["adoption", "cost", "lift"]),
              ("seek total profit = 400 by lever 1 lift ", ["in"]),
              ("seek total profit = 400 by lever 1 lift in ", ["0%..1000%"]),
              ("seek total profit = 400 by weight ", [
                  "aov", "clv", "expected_orders", "frequency", "loyalty", "margin", "orders", "palive", "profit", "recency",
                  "revenue", "tenure",
              ]),
          ])
    func seek(line: String, expected: [String]) throws {
        #expect(try Self.candidates(line) == expected)
    }

    @Test("completes a lever's where clauses after its tier, then the lever's own words",
          arguments: [
              ("lever retention A ", ["churn", "where"]),
              ("lever retention A where ", ["at-risk", "costly", "country", "growth", "reactivate"]),
              ("lever retention A where country ", ["="]),
              ("lever retention A where country = ", ["France", "Germany", "Spain"]),
              ("lever retention A where country = France ", ["churn", "where"]),
              ("lever retention A where at-risk ", ["churn", "where"]),
              ("lever retention A where at-risk churn 20% ", ["->"]),
              ("lever uplift B where country=Spain revenue +10% ", ["adoption"]),
          ])
    func leverFilter(line: String, expected: [String]) throws {
        let f = try ShellFixture(files: ["sales.csv": LeverFilterTests.sales], setup: LeverFilterTests.setup)
        defer { f.remove() }
        #expect(Self.complete(line, in: f).candidates == expected)
    }

    @Test("completes lever set: the lever's number, its fields, then the field's value now",
          arguments: [
              ("lever set ", ["1"]),
              ("lever set 1 ", ["adoption", "cost", "lift"]),
              ("lever set 1 adoption ", ["30%"]),
              ("lever set 1 lift ", ["10%"]),
              ("lever set 1 cost ", ["2"]),
              ("lever set 1 cost 3 ", []),
              ("lever set 1 colour ", []),
              ("lever remove ", ["1"]),
          ])
    func leverSet(line: String, expected: [String]) throws {
        #expect(try Self.candidates(line) == expected)
    }

    @Test("completes a path inside the quote it opens, closing it on a file and leaving it open on a folder",
          arguments: [
              ("load \"my da", ["\"my dark.csv.gz\"", "\"my data.csv\""]),
              ("load \"my dat", ["\"my data.csv\""]),
              ("load 'my dat", ["'my data.csv'"]),
              ("load \"my di", ["\"my dir/"]),
              ("load \"my dir/", ["\"my dir/inner.csv\""]),
              ("load my", ["'my dark.csv.gz'", "'my data.csv'", "'my dir/"]),
              ("load x; load \"my dat", ["\"my data.csv\""]),
              ("load \"a;b\" ; load \"my dat", ["\"my data.csv\""]),
              ("load x # load \"my dat", []),
          ])
    func quotedPaths(line: String, expected: [String]) throws {
        #expect(try Self.candidates(line) == expected)
    }

    @Test func theWordInAQuoteIsReplacedFromTheQuote() throws {
        let f = try Self.fixture()
        defer { f.remove() }
        let line = "load \"my dat"
        #expect(Self.complete(line, in: f).replaceFromUTF8 == 5)
        #expect(Self.complete("segment; load 'my dat", in: f).replaceFromUTF8 == 14)
    }

    @Test("candidates are listed by name, the inserted text keeps the folder",
          arguments: [
              ("load sub/", ["sub/plain.csv"], ["plain.csv"]),
              ("load my", ["'my dark.csv.gz'", "'my data.csv'", "'my dir/"], ["my dark.csv.gz", "my data.csv", "my dir/"]),
              ("load \"my dir/", ["\"my dir/inner.csv\""], ["inner.csv"]),
              ("sweep lever 1 ", ["adoption", "cost", "lift"], ["adoption", "cost", "lift"]),
          ])
    func listedAsNames(line: String, candidates: [String], listed: [String]) throws {
        let f = try Self.fixture()
        defer { f.remove() }
        let result = Self.complete(line, in: f)
        #expect(result.candidates == candidates)
        #expect(result.listed == listed)
    }

    @Test func attributeNamesAndValuesOfTheLoadedData() throws {
        let f = try ShellFixture(files: ["sales.csv": CustomersCommandTests.sales])
        defer { f.remove() }
        func complete(_ line: String) -> [String] { Self.complete(line, in: f).candidates }
        #expect(complete("segment by ") == ["region"])
        #expect(complete("customers where ") == ["region"])
        #expect(complete("customers where region = ") == ["North", "South", "West"])
        #expect(complete("customers where region = S") == ["South"])
        #expect(complete("customers C where Region = W") == ["West"])
        #expect(complete("customers by rev") == ["revenue"])
        #expect(complete("customers a top 5 wh") == ["where"])
        #expect(Session().attributeNames == [])
    }

    @Test func aChoiceWithAWordItDoesNotKnowOffersNothingAfterIt() {
        let spec = CommandSpec("x", group: .data, summary: "", example: "",
                               completion: [.choice([.init("a", [.words(["b"])])]), .words(["c"])])
        #expect(Completer.hint(after: ["a"], in: spec).0 == .words(["b"]))
        #expect(Completer.hint(after: ["a", "b"], in: spec).0 == .words(["c"]))
        #expect(Completer.hint(after: ["z"], in: spec).0 == .none)
    }
}
