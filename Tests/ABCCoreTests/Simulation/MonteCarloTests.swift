import Testing
@testable import ABCCore

@Suite("Monte Carlo")
struct MonteCarloTests {
    /// 200 B customers with revenue 1.00 … 200.00, profit a quarter of it.
    static let metrics: CustomerMetrics = {
        let revenue = (1...400).map { Int64($0) * 10_000 }
        return CustomerMetrics(revenue: revenue, profit: revenue.map { $0 / 4 }, orders: revenue.map { _ in 1 })
    }()

    static let levers: [Lever] = [
        .uplift(tier: 1, lift: ExactRate(percent: "10%")!, adoption: ExactRate(percent: "30%")!, cost: 20_000, basis: .perAdopter),
    ]

    static func segmentation() throws -> Segmentation {
        try Segmenter.segment(metrics: metrics, criteria: [WeightedCriterion(.revenue, 1)], rule: .countShare([50, 50]))
    }

    @Test func sameSeedSameResults() throws {
        let s = try Self.segmentation()
        let a = try MonteCarlo.run(metrics: Self.metrics, segmentation: s, levers: Self.levers, runs: 50, seed: 7)
        let b = try MonteCarlo.run(metrics: Self.metrics, segmentation: s, levers: Self.levers, runs: 50, seed: 7)
        #expect(a.outcomes.map(\.deltaRevenue) == b.outcomes.map(\.deltaRevenue))
        let c = try MonteCarlo.run(metrics: Self.metrics, segmentation: s, levers: Self.levers, runs: 50, seed: 8)
        #expect(a.outcomes.map(\.deltaRevenue) != c.outcomes.map(\.deltaRevenue))
    }

    /// What a run reported, in order.
    final class Reports: @unchecked Sendable {
        private var list: [Double] = []
        private let lock = NSLockLike()
        func add(_ f: Double) { lock.withLock { list.append(f) } }
        var fractions: [Double] { lock.withLock { list } }
    }

    @Test func reportsProgressWithoutChangingTheResults() throws {
        let s = try Self.segmentation()
        let reports = Reports()
        let plain = try MonteCarlo.run(metrics: Self.metrics, segmentation: s, levers: Self.levers, runs: 3000, seed: 7)
        let watched = try MonteCarlo.run(
            metrics: Self.metrics, segmentation: s, levers: Self.levers, runs: 3000, seed: 7, progress: reports.add)
        #expect(plain.outcomes.map(\.netContribution) == watched.outcomes.map(\.netContribution))
        // Every 3 runs of 3000: a thousand reports, rising to 1.
        #expect(reports.fractions.count == 1000)
        #expect(reports.fractions == reports.fractions.sorted())
        #expect(reports.fractions.last == 1)
    }

    @Test func stopsWhenCancelled() throws {
        let s = try Self.segmentation()
        let reports = Reports()
        // Cancelled from the first progress report on, as Ctrl-C's flag would be.
        #expect(throws: Interrupted.self) {
            try MonteCarlo.run(
                metrics: Self.metrics, segmentation: s, levers: Self.levers, runs: 100_000, seed: 7,
                isCancelled: { !reports.fractions.isEmpty }, progress: reports.add)
        }
        #expect(reports.fractions.count < 10)
    }

    @Test(arguments: [1, 3, 4])
    func independentOfThreadCount(threads: Int) throws {
        let s = try Self.segmentation()
        let reference = try MonteCarlo.run(metrics: Self.metrics, segmentation: s, levers: Self.levers, runs: 40, seed: 3, threads: 2)
        let other = try MonteCarlo.run(metrics: Self.metrics, segmentation: s, levers: Self.levers, runs: 40, seed: 3, threads: threads)
        #expect(reference.outcomes.map(\.deltaRevenue) == other.outcomes.map(\.deltaRevenue))
        #expect(reference.outcomes.map(\.leverCost) == other.outcomes.map(\.leverCost))
    }

    @Test func drawsAreAdoptersAtTheFullLift() throws {
        // A drawn adopter gets exactly revenue × 10%; cost is 2.00 per adopter, so every run's
        // Δrevenue is a sum of 10% of some B revenues and its cost a multiple of 2.00.
        let s = try Self.segmentation()
        let summary = try MonteCarlo.run(metrics: Self.metrics, segmentation: s, levers: Self.levers, runs: 20, seed: 1)
        for run in summary.outcomes {
            #expect(run.deltaRevenue % 1_000 == 0)  // 10% of whole currency units
            #expect(run.leverCost % 20_000 == 0)
            let adopters = run.leverCost / 20_000
            #expect(adopters > 20 && adopters < 100)  // 200 × 30% = 60 expected
        }
    }

    @Test func adoptionOfOneHundredPercentEqualsExpected() throws {
        let s = try Self.segmentation()
        let all: [Lever] = [.uplift(tier: 1, lift: ExactRate(percent: "10%")!, adoption: ExactRate(percent: "100%")!, cost: 0, basis: .perAdopter)]
        let summary = try MonteCarlo.run(metrics: Self.metrics, segmentation: s, levers: all, runs: 3, seed: 1)
        // B = customers 1…200 (lowest revenue): Σ 1…200 = 20100 → 10% = 2010.00.
        #expect(summary.outcomes.allSatisfy { $0.deltaRevenue == 20_100_000 })
    }

    @Test func nearestRankPercentiles() {
        let values = Array(1...10)
        #expect(MonteCarlo.Summary.percentile(values, 10) == 1)
        #expect(MonteCarlo.Summary.percentile(values, 50) == 5)
        #expect(MonteCarlo.Summary.percentile(values, 90) == 9)
        #expect(MonteCarlo.Summary.percentile([4], 90) == 4)
    }
}

extension MonteCarloTests {
    @Test func retentionDrawsKeepWholeCustomers() throws {
        let s = try Self.segmentation()
        // Churn 100% → 0%: every B customer is kept in every run (Σ 1…200 = 20,100.00).
        let all: [Lever] = [.retention(tier: 1, churnBefore: ExactRate(percent: "100%")!, churnAfter: .zero, cost: 0)]
        let kept = try MonteCarlo.run(metrics: Self.metrics, segmentation: s, levers: all, runs: 3, seed: 1)
        #expect(kept.outcomes.allSatisfy { $0.deltaRevenue == 201_000_000 })
        // Churn 10% → 10%: nobody is kept.
        let none: [Lever] = [.retention(tier: 1, churnBefore: ExactRate(percent: "10%")!, churnAfter: ExactRate(percent: "10%")!, cost: 0)]
        let nothing = try MonteCarlo.run(metrics: Self.metrics, segmentation: s, levers: none, runs: 3, seed: 1)
        #expect(nothing.outcomes.allSatisfy { $0.deltaRevenue == 0 })
        // 15% → 10%: each run keeps whole customers, so Δrevenue is whole currency units.
        let some: [Lever] = [.retention(tier: 1, churnBefore: ExactRate(percent: "15%")!, churnAfter: ExactRate(percent: "10%")!, cost: 0)]
        let drawn = try MonteCarlo.run(metrics: Self.metrics, segmentation: s, levers: some, runs: 20, seed: 2)
        #expect(drawn.outcomes.allSatisfy { $0.deltaRevenue % 10_000 == 0 })
        #expect(Set(drawn.outcomes.map(\.deltaRevenue)).count > 1)
    }
}
