import ABCCore
import Foundation
import Testing
@testable import ABCShell

/// Levers narrowed by `where` clauses (docs/levers.md#levers-on-groups).
@Suite("lever … where")
struct LeverFilterTests {
    /// Eight customers with a country; with `set weights revenue 1; set tiers count 25/25/50`:
    ///
    ///     customer  revenue  profit  country  tier   purchase days
    ///     K1            400     200  France   A      01-01, 01-11 (gap 10, recency 80: at risk)
    ///     K2            300     180  Spain    A      02-10 (one day: never at risk)
    ///     K3            200     100  France   B
    ///     K4            150      60  Spain    B
    ///     K5            100      40  France   C
    ///     K6             80      20  Spain    C
    ///     K7             60      30  France   C
    ///     K8             40      10  Germany  C      03-31 (the reference date)
    static let sales = """
        customer_id,date,amount,cost,country
        K1,2024-01-01,200.00,100.00,France
        K1,2024-01-11,200.00,100.00,France
        K2,2024-02-10,300.00,120.00,Spain
        K3,2024-03-01,200.00,100.00,France
        K4,2024-03-10,75.00,45.00,Spain
        K4,2024-03-20,75.00,45.00,Spain
        K5,2024-03-05,100.00,60.00,France
        K6,2024-03-15,80.00,60.00,Spain
        K7,2024-02-20,60.00,30.00,France
        K8,2024-03-31,40.00,30.00,Germany

        """

    static let setup = "load sales.csv; set weights revenue 1; set tiers count 25/25/50"

    static func fixture(_ more: String = "", files: [String: String] = [:]) throws -> ShellFixture {
        try ShellFixture(files: files.merging(["sales.csv": sales]) { a, _ in a }, setup: setup + more)
    }

    /// `save --scenarios-only` of `f`, and a new session on the same data that ran it (remove it).
    static func savedAndReplayed(_ f: ShellFixture) throws -> (script: String, replayed: ShellFixture) {
        f.run("save --scenarios-only s.abc")
        let script = try String(contentsOfFile: f.path("s.abc"), encoding: .utf8)
        return (script, try ShellFixture(files: ["sales.csv": sales, "s.abc": script], setup: "run s.abc"))
    }

    static func leverRows(_ f: ShellFixture) throws -> [[String]] {
        try #require(try f.blocks("simulate", as: SimulateCommand.self).table(titled: "Levers")).rows
    }

    @Test func retentionOnACountryChangesOnlyThoseCustomers() throws {
        // A in France is K1 alone: kept 400 × (20% − 10%) = 40.00, profit 200 × 10% = 20.00,
        // cost 5 × 1 = 5.00, ROI (20 − 5) / 5 = 300%.
        let f = try Self.fixture("; lever retention A where country = France churn 20% -> 10% cost 5")
        defer { f.remove() }
        #expect(try Self.leverRows(f) == [
            ["1", "retention A where country = France churn 20% -> 10% cost 5.00", "1", "", "40.00", "20.00", "5.00", "300.0%"],
        ])
        // The whole of A, K1 and K2: 40 + 30 = 70.00, profit 20 + 18 = 38.00, cost 10.00, ROI 280%.
        f.run("lever clear; lever retention A churn 20% -> 10% cost 5")
        #expect(try Self.leverRows(f) == [["1", "retention A churn 20% -> 10% cost 5.00", "2", "", "70.00", "38.00", "10.00", "280.0%"]])
    }

    @Test func upliftOnACountryAndTheTotalsAfter() throws {
        // C in France: K5 and K7. Δrevenue = (100 + 60) × 10% × 50% = 8.00, Δprofit (40 + 30) × 5%
        // = 3.50, cost 2 per contact × 2 = 4.00, ROI (3.50 − 4) / 4 = −12.5%.
        let f = try Self.fixture("; lever uplift C where country=france revenue +10% adoption 50% cost 2 per-contact")
        defer { f.remove() }
        let blocks = try f.blocks("simulate", as: SimulateCommand.self)
        let levers = try #require(blocks.table(titled: "Levers")).rows
        #expect(levers == [["1", "uplift C where country = france revenue +10% adoption 50% cost 2.00 per-contact", "2", "1.0",
                            "8.00", "3.50", "4.00", "-12.5%"]])
        // C's revenue 280.00 → 288.00; the total 1330.00 → 1338.00 (grouped only when printed).
        let table = try #require(blocks.table(titled: "Before and after"))
        let revenue = try #require(table.rows.firstIndex { $0.first == "revenue" })
        #expect(table.rows[revenue] == ["revenue", "before", "700.00", "350.00", "280.00", "1330.00"])
        #expect(table.rows[revenue + 1] == ["", "after", "700.00", "350.00", "288.00", "1338.00"])
        // Without the filter the whole of C: (100 + 80 + 60 + 40) × 5% = 14.00, profit 5.00, cost 8.00.
        f.run("lever clear; lever uplift C revenue +10% adoption 50% cost 2 per-contact")
        #expect(try Self.leverRows(f).first?[2...] == ["4", "2.0", "14.00", "5.00", "8.00", "-37.5%"])
    }

    @Test func leverSetKeepsTheFilter() throws {
        // A in France at 7 per customer: K1 alone, cost 7.00, ROI (20 − 7) / 7 = 185.7%.
        let f = try Self.fixture("; lever retention A where country = France churn 20% -> 10% cost 5")
        defer { f.remove() }
        #expect(try f.blocks("lever set 1 cost 7", as: LeverSetCommand.self).text
            == "Lever 1 of scenario base: retention A where country = France churn 20% -> 10% cost 7.00")
        #expect(try Self.leverRows(f).first?[2...] == ["1", "", "40.00", "20.00", "7.00", "185.7%"])
    }

    @Test func aGroupAndAnAttributeTogether() throws {
        // at-risk in A is K1 (recency 80 > 2 × its mean gap of 10 days); K2 has one purchase day.
        let f = try Self.fixture("; lever retention A where at-risk churn 20% -> 10% cost 5")
        defer { f.remove() }
        #expect(try Self.leverRows(f).first?[2...] == ["1", "", "40.00", "20.00", "5.00", "300.0%"])
        // at-risk and in Spain: nobody. The lever stays, targets 0 customers and changes nothing.
        let added = f.run("lever clear; lever retention A where country = Spain where at-risk churn 20% -> 10% cost 5")
        #expect(added.text.contains("0 of the 2 customers of tier A meet its filter"))
        #expect(try Self.leverRows(f).first?[2...] == ["0", "", "0.00", "0.00", "0.00", ""])
    }

    @Test func listedSavedAndReplayedWithTheFilter() throws {
        let f = try Self.fixture("; lever retention A where country = 'France' churn 20% -> 10% cost 5")
        defer { f.remove() }
        let list = try #require(try f.blocks("lever list", as: LeverListCommand.self).tables.first)
        #expect(list.column("lever") == ["lever retention A where country = 'France' churn 20% -> 10% cost 5.00"])
        let (script, replayed) = try Self.savedAndReplayed(f)
        defer { replayed.remove() }
        #expect(script.contains("\nlever retention A where country = 'France' churn 20% -> 10% cost 5.00\n"))
        #expect(replayed.session.scenario.levers == f.session.scenario.levers)
        #expect(try Self.leverRows(replayed) == [
            ["1", "retention A where country = 'France' churn 20% -> 10% cost 5.00", "1", "", "40.00", "20.00", "5.00", "300.0%"],
        ])
    }

    @Test(arguments: [
        ("lever uplift B where contry = France revenue +10% adoption 50%",
         "no attribute 'contry'; did you mean 'country'?; the attributes are 'country'", 22),
        ("lever uplift B where country = Frnace revenue +10% adoption 50%", "no customer has country 'Frnace'; did you mean 'France'?", 32),
        ("lever uplift B where at-risk revenue +10% adoption 50%", "'at-risk' is a group of tier A; this lever targets tier B", 22),
        ("lever uplift B where grwth revenue +10% adoption 50%",
         "no group 'grwth'; did you mean 'growth'? The groups are at-risk, growth, reactivate, costly; an attribute needs where ATTRIBUTE = VALUE", 22),
        ("lever uplift B where revenue +10% adoption 50%",
         "expected '=' after the attribute 'revenue'; usage: where ATTRIBUTE = VALUE (quote names and values with blanks)", 30),
    ])
    func mistakesAreOneLine(line: String, message: String, column: Int) throws {
        let f = try Self.fixture()
        defer { f.remove() }
        try f.expectFailure(line, message: message, column: column)
        #expect(f.session.scenario.levers.isEmpty)
    }

    @Test func aGroupThatNeedsTheModelSaysSo() throws {
        // Four repeat buyers at most: too few to fit the purchase model.
        let f = try Self.fixture()
        defer { f.remove() }
        try f.expectFailure(
            "lever reactivation C where reactivate inactive 30 days response 10% cost 1",
            message: "'reactivate' needs the purchase model's P(alive): it is fitted on transactions with dates and at least 10 customers with a repeat purchase day",
            column: 28)
        #expect(f.session.scenario.levers.isEmpty)
    }

    @Test func replayedOnDataWithoutTheAttributeNamesTheLever() throws {
        let f = try Self.fixture("; lever retention A where country = France churn 20% -> 10% cost 5")
        defer { f.remove() }
        try Data(ShellFixture.sales.utf8).write(to: URL(fileURLWithPath: f.path("plain.csv")))
        f.run("load plain.csv")
        let d = try #require(f.failure("simulate"))
        #expect(d.message == "lever 1 (retention where country = France): plain.csv has no attribute columns (text columns with at most 1,000 values, see the load report)")
    }
}

@Suite("lever … where in sweep and export segments")
struct LeverFilterFlowTests {
    @Test func sweepVariesTheFilteredLever() throws {
        let f = try LeverFilterTests.fixture("; lever retention A where country = France churn 20% -> 10% cost 5")
        defer { f.remove() }
        // Churn after 0%, 10%, 20%: K1 alone keeps 400 × 20%, 10%, 0% = 80, 40, 0 (A: 700 before);
        // net = 640 + 200 × (20% − after) − 5.
        let table = try #require(try f.blocks("sweep lever 1 after 0% 20% 10%", as: SweepCommand.self).tables.first)
        #expect(table.column("A_revenue") == ["780.00", "740.00", "700.00"])
        #expect(table.column("net_contribution") == ["675.00", "655.00", "635.00"])
    }

    @Test func exportSegmentsProjectsOnlyTheFilteredCustomers() throws {
        let f = try LeverFilterTests.fixture("; lever retention A where country = France churn 20% -> 10% cost 5")
        defer { f.remove() }
        f.run("export segments out.csv")
        let lines = try String(contentsOfFile: f.path("out.csv"), encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        let id = try #require(header.firstIndex(of: "customer_id")), projected = try #require(header.firstIndex(of: "projected_revenue"))
        let cost = try #require(header.firstIndex(of: "lever_cost"))
        let rows = Dictionary(uniqueKeysWithValues: lines.dropFirst().map { ($0[id], $0) })
        // K1: 400 + 40 kept, its 5.00 of the lever's cost; K2, in A but in Spain, untouched.
        #expect(rows["K1"]?[projected] == "440.00" && rows["K1"]?[cost] == "5.00")
        #expect(rows["K2"]?[projected] == "300.00" && rows["K2"]?[cost] == "0.00")
    }

    @Test func monteCarloDrawsOnlyTheFilteredCustomers() throws {
        // Churn 100% → 0%: every run keeps every targeted customer whole. In France that is K1
        // alone: Δrevenue 400, Δprofit 200, cost 5, net 640 + 200 − 5 = 835 (the whole of A
        // would give 700, 380, 10).
        let f = try LeverFilterTests.fixture("; lever retention A where country = France churn 100% -> 0% cost 5")
        defer { f.remove() }
        let table = try #require(try f.blocks("simulate --runs 4", as: SimulateCommand.self).table(titled: "Monte Carlo"))
        #expect(table.rows.prefix(4) == [
            ["delta_revenue", "400.00", "400.00", "400.00"],
            ["delta_profit", "200.00", "200.00", "200.00"],
            ["lever_cost", "5.00", "5.00", "5.00"],
            ["net_contribution", "835.00", "835.00", "835.00"],
        ])
    }

    @Test func aWorkspaceKeepsTheFilterAndThePlaybookSettings() throws {
        let f = try LeverFilterTests.fixture("; workspace open w.abcw")
        defer { f.remove() }
        f.run("scenario new fr; lever retention A where country = France churn 20% -> 10% cost 5; set playbook growth top 50%")
        let later = ScenariosSurviveTests.secondShell(f)
        let opened = ScenariosSurviveTests.run("workspace open w.abcw", in: later)
        #expect(opened.diagnostics.isEmpty, "\(opened.diagnostics.map(\.message))")
        #expect(later.scenario.levers == f.session.scenario.levers)
        #expect(later.scenario.levers.first?.filter.script == "where country = France")
        #expect(later.scenario.playbook.rules.growthShare == ExactRate(numerator: 50, denominator: 100))
    }
}
