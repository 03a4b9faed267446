import ABCCore
import Testing
@testable import ABCShell

@Suite("set period")
struct SetPeriodCommandTests {
    @Test(arguments: [
        ("set period month 2024-02", Period.month(2024, 2)),
        ("set period quarter 2024Q1", .quarter(2024, 1)),
        ("set period year 2024", .year(2024)),
        ("set period last 2 months", .lastMonths(2)),
        ("set period 2024-01-01 2024-01-31", .between(CivilDate.parseISO("2024-01-01")!, CivilDate.parseISO("2024-01-31")!)),
    ])
    func parsesThePeriod(line: String, period: Period) throws {
        #expect(try ShellFixture.parse(line, as: SetPeriodCommand.self).period == period)
    }

    @Test func onlyTheCustomersWhoBoughtInThePeriodAreSegmented() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        #expect(try f.blocks("set period month 2024-02", as: SetPeriodCommand.self).text == "Period: month 2024-02")
        // February: K2 250 (02-15) and K5 20 (02-01). 2 customers: A = ⌊2·20/100⌋ = 0,
        // B = up to ⌊2·50/100⌋ = 1 (K2, the higher score), C = K5.
        let blocks = try f.blocks("segment", as: SegmentCommand.self)
        let profile = try #require(blocks.tables.first)
        #expect(profile.column("customers") == ["0", "1", "1", "2"])
        #expect(profile.column("revenue") == ["0.00", "250.00", "20.00", "270.00"])
        // Recency is measured from the period's end: K2 bought 14 days before 02-29, K5 28.
        #expect(profile.column("avg_recency") == ["", "14.0", "28.0", "21.0"])
        #expect(blocks.text.contains("window: period month 2024-02, 2024-02-01 to 2024-02-29; reference date 2024-02-29; 2 of 5 customers bought in it"))
    }

    @Test func aPeriodCoveredInPartSaysSo() throws {
        // The data is 2024-01-01 to 2024-03-31 (2024 is a leap year): 91 of 2024's 366 days.
        let f = try ShellFixture(setup: "load sales.csv; set period year 2024")
        defer { f.remove() }
        #expect(try f.blocks("segment", as: SegmentCommand.self).text
                == "window: period year 2024, 2024-01-01 to 2024-03-31 (partial: 91 of 366 days); reference date 2024-03-31; 5 of 5 customers bought in it")
    }

    @Test func lastMonthsCountBackFromTheDataNotFromToday() throws {
        let f = try ShellFixture(setup: "load sales.csv; set period last 2 months")
        defer { f.remove() }
        // The data ends on 03-31, a month's last day: whole months, 02-01 to 03-31. Every customer
        // bought in it: K1 200 + K2 250 + K3 50 + K4 80 + K5 20 = 600.
        let profile = try #require(try f.blocks("segment", as: SegmentCommand.self).tables.first)
        #expect(profile["total", "customers"] == "5")
        #expect(profile["total", "revenue"] == "600.00")
        f.run("set period all")
        #expect(f.session.scenario.period == nil)
    }

    @Test func usageErrors() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        let bad = try #require(f.failure("set period next week"))
        #expect(bad.message == "expected FROM TO (2024-01-01 2024-06-30), last N months|days|years, year 2024, quarter 2024Q3, month 2024-03 or all")
        #expect(bad.location?.column == 12)
        // No transaction in 2025: refused, and the scenario keeps all the data.
        let empty = try #require(f.failure("set period month 2025-01"))
        #expect(empty.message.hasPrefix("the period 2025-01-01 to "))
        #expect(f.session.scenario.period == nil)
    }
}
