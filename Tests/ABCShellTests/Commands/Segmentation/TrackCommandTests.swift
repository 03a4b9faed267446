import ABCCore
import Testing
@testable import ABCShell

/// Each month segmented on its own transactions with tiers 50/50 (A = ⌊N/2⌋ best scores):
/// January K1 300, K3 70, K5 30 → A = K1, B = K3, K5; February K2 250, K5 20 → A = K2, B = K5;
/// March K1 200, K4 80, K3 50 → A = K1, B = K4, K3.
@Suite("track")
struct TrackCommandTests {
    @Test func parsesTheStepAndBounds() throws {
        let command = try ShellFixture.parse("track monthly from 2024-02-01 to 2024-03-31", as: TrackCommand.self)
        #expect(command.step == .monthly)
        #expect(command.from == CivilDate.parseISO("2024-02-01"))
        #expect(command.to == CivilDate.parseISO("2024-03-31"))
    }

    @Test func tiersPerMonthAndWhoMoves() throws {
        let f = try ShellFixture(setup: "load sales.csv; set tiers count 50/50")
        defer { f.remove() }
        let blocks = try f.blocks("track monthly", as: TrackCommand.self)
        let sizes = try #require(blocks.table(titled: "Tiers per month period"))
        #expect(sizes.column("period") == ["2024-01", "2024-02", "2024-03"])
        #expect(sizes.column("A_customers") == ["1", "1", "1"])
        #expect(sizes.column("B_customers") == ["2", "1", "2"])
        #expect(sizes.column("A_revenue") == ["300.00", "250.00", "200.00"])
        #expect(sizes.column("B_revenue") == ["100.00", "20.00", "130.00"])
        // January → February: K1 and K3 leave, K2 arrives (K5 stays B): 3. February → March:
        // K2 and K5 leave, K1, K3 and K4 arrive: 5.
        #expect(sizes.column("moved_in") == ["", "3", "5"])
        let january = try #require(blocks.table(titled: "month 2024-01 → month 2024-02"))
        #expect(january.title == "month 2024-01 → month 2024-02, customers (3 move, arrive or leave):")
        #expect(january.rows == [["A", "0", "0", "1", "1"], ["B", "0", "1", "1", "2"], ["new", "1", "0", "0", "1"]])
    }

    @Test func fromLimitsThePeriods() throws {
        let f = try ShellFixture(setup: "load sales.csv; set tiers count 50/50")
        defer { f.remove() }
        let sizes = try #require(try f.blocks("track monthly from 2024-02-01", as: TrackCommand.self).tables.first)
        #expect(sizes.column("period") == ["2024-02", "2024-03"])
    }

    @Test(arguments: [
        ("track weekly", "expected monthly, quarterly or yearly, found 'weekly'", 7),
        // The data is 2024-01-01 to 2024-03-31: one quarter only.
        ("track quarterly", "track needs at least two periods between 2024-01-01 and 2024-03-31", 7),
        ("track monthly from 2024-13-01", "expected a date like 2024-01-01, found '2024-13-01'", 20),
        ("track monthly since 2024-01-01", "expected 'from DATE' or 'to DATE', found 'since'; usage: track monthly|quarterly|yearly [from DATE] [to DATE]", 15),
    ])
    func usageErrors(line: String, message: String, column: Int) throws {
        let f = try ShellFixture()
        defer { f.remove() }
        let d = try #require(f.failure(line))
        #expect(d.message == message)
        #expect(d.location?.column == column)
    }

    @Test func aCustomerSummaryCannotBeTracked() throws {
        let f = try ShellFixture(files: ["c.csv": "customer_id,revenue\nC1,10\nC2,20\n"], setup: "load c.csv")
        defer { f.remove() }
        let d = try #require(f.failure("track monthly"))
        #expect(d.message == "track needs transactions with dates; this dataset is a customer summary")
    }
}
