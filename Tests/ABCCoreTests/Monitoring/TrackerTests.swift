import Testing
@testable import ABCCore

/// Three quarters, tiers by revenue alone with 50/50 shares, worked by hand:
///
///   Q1: K1 100, K2 50          → N = 2, A = ⌊2·50/100⌋ = 1: K1 A, K2 B
///   Q2: K1 10, K2 60, K3 30    → N = 3, A = ⌊1.5⌋ = 1: K2 A; K3, K1 B
///   Q3: K3 40, K4 5            → K3 A, K4 B; K1 and K2 are gone
@Suite("Tracking tiers over periods")
struct TrackerTests {
    static func dataset() throws -> Dataset {
        try Fixture.load("""
            customer_id,date,amount
            K1,2024-01-15,100
            K2,2024-02-15,50
            K1,2024-04-15,10
            K2,2024-05-15,60
            K3,2024-06-15,30
            K3,2024-07-15,40
            K4,2024-08-15,5
            """, name: "t.csv")
    }

    @Test func quartersOfTheData() throws {
        let data = try Self.dataset()
        let periods = Tracker.periods(.quarterly, from: data.report.firstDate!, to: data.report.lastDate!)
        #expect(periods == [.quarter(2024, 1), .quarter(2024, 2), .quarter(2024, 3)])
        #expect(Tracker.periods(.monthly, from: data.report.firstDate!, to: data.report.lastDate!).count == 8)
        #expect(Tracker.periods(.yearly, from: data.report.firstDate!, to: data.report.lastDate!) == [.year(2024)])
    }

    @Test func migrationAcrossThreePeriods() throws {
        let data = try Self.dataset()
        let tracked = try Tracker.track(
            dataset: data, criteria: [WeightedCriterion(.revenue, 1)], rule: .countShare([50, 50]),
            periods: [.quarter(2024, 1), .quarter(2024, 2), .quarter(2024, 3)])
        let absent = MigrationMatrix.absent
        #expect(tracked.map(\.tier) == [[0, 1, absent, absent], [1, 0, 1, absent], [absent, absent, 0, 1]])
        #expect(tracked.map(\.customers) == [[1, 1], [1, 2], [1, 1]])
        // Q1 → Q2: K1 A→B, K2 B→A, K3 new→B.
        let first = Tracker.migration(from: tracked[0], to: tracked[1], tiers: 2)
        #expect(first.customers == [[0, 1, 0], [1, 0, 0], [0, 1, 0]])
        // Q2 → Q3: K2 A→gone, K1 B→gone, K3 B→A, K4 new→B.
        let second = Tracker.migration(from: tracked[1], to: tracked[2], tiers: 2)
        #expect(second.customers == [[0, 0, 1], [1, 0, 1], [0, 1, 0]])
        // Revenue: the later period's for those present (K3 40), the earlier one's for the gone (K1 10).
        #expect(second.revenue[1] == [400_000, 0, 100_000])
        #expect(second.moved == 4)
    }

    final class Reports: @unchecked Sendable {
        var fractions: [Double] = []
    }

    @Test func reportsProgressPerPeriodAndStopsWhenCancelled() throws {
        let data = try Self.dataset()
        let periods: [Period] = [.quarter(2024, 1), .quarter(2024, 2), .quarter(2024, 3)]
        let reports = Reports()
        _ = try Tracker.track(
            dataset: data, criteria: [WeightedCriterion(.revenue, 1)], rule: .countShare([50, 50]), periods: periods,
            progress: { reports.fractions.append($0) })
        #expect(reports.fractions == [0, 1.0 / 3, 2.0 / 3, 1])
        let stopped = Reports()
        #expect(throws: Interrupted.self) {
            try Tracker.track(
                dataset: data, criteria: [WeightedCriterion(.revenue, 1)], rule: .countShare([50, 50]), periods: periods,
                isCancelled: { stopped.fractions.count >= 2 }, progress: { stopped.fractions.append($0) })
        }
        #expect(stopped.fractions == [0, 1.0 / 3])
    }
}
