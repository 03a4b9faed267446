import Testing
@testable import ABCCore

/// `customer ID`'s figures, worked out by hand on five customers, and each change found
/// checked by applying it with the levers' placing rule (`Placement`).
@Suite("Explaining a customer")
struct CustomerExplanationTests {
    /// revenue 500, 250, 120, 80, 50; profit 250, 100, 50, 20, 10; orders 2, 1, 2, 1, 2;
    /// recency 0, 45, 30, 16, 59 (the ShellFixture of the shell tests).
    static let text = """
        customer_id,date,amount,cost
        K1,2024-01-10,300.00,150.00
        K1,2024-03-31,200.00,100.00
        K2,2024-02-15,250.00,150.00
        K3,2024-01-20,70.00,40.00
        K3,2024-03-01,50.00,30.00
        K4,2024-03-15,80.00,60.00
        K5,2024-01-01,30.00,25.00
        K5,2024-02-01,20.00,15.00

        """

    static func segment(_ criteria: [WeightedCriterion], _ rule: TieringRule = .countShare([20, 30, 50])) throws -> (Dataset, Segmentation) {
        let data = try Fixture.load(text)
        return (data, try Segmenter.segment(metrics: data.metrics, criteria: criteria, rule: rule))
    }

    static func explain(_ id: String, _ data: Dataset, _ s: Segmentation) throws -> CustomerExplanation {
        let c = try #require(data.customerIDs.index(of: id))
        return try CustomerExplainer.explain(customer: c, metrics: data.metrics, segmentation: s, moneyDecimals: 2)
    }

    static func move(_ e: CustomerExplanation, _ figure: MovableFigure) -> CustomerExplanation.Move? {
        e.moves.first { $0.figure == figure }
    }

    /// The tier Placement gives customer `c` when its revenue or profit changes by `delta` units.
    static func placed(_ c: Int, _ figure: MovableFigure, _ delta: Int64, _ data: Dataset, _ s: Segmentation) throws -> UInt8 {
        var revenue = data.metrics.revenue, profit = data.metrics.profit
        if figure == .revenue { revenue[c] += delta } else { profit?[c] += delta }
        let placed = try Placement.place(
            metrics: data.metrics, segmentation: s, revenue: revenue, profit: profit,
            active: [Bool](repeating: true, count: data.customerCount), profileProfit: profit)
        return placed.tier[c]
    }

    @Test func contributionsAndTheChangesThatReachTheTierAbove() throws {
        let (data, s) = try Self.segment(WeightedCriterion.standardDefaults)
        // Scores: K1 1, K2 0.3347, K3 0.3278, K5 0.2, K4 0.0458 → A = K1, B = K2, C = K3, K5, K4.
        let e = try Self.explain("K3", data, s)
        #expect(e.tier == 2)
        #expect(e.rank == 3)
        // K3: revenue (120 − 50)/450, profit (50 − 10)/240, orders (2 − 1)/1.
        #expect(e.terms.map(\.criterion) == [.revenue, .profit, .orders])
        #expect(e.terms.map(\.normalised) == [70.0 / 450, 40.0 / 240, 1])
        #expect(abs(e.terms[0].contribution - 0.5 * 70 / 450) < 1e-15)
        #expect(abs(e.score - (0.5 * 70 / 450 + 0.3 * 40 / 240 + 0.2)) < 1e-12)
        #expect(data.customerIDs[try #require(e.above).customer] == "K2")
        // C, the last tier, has no boundary below.
        #expect(e.below == nil)
        // To pass K2 (score 0.334722…, 1/144 more; K3 comes after K2 in id order, so strictly
        // more): profit 0.3·Δ/240 > 1/144 → Δ > 5.5555… → 5.56; orders 0.2·Δ > 1/144 → 1.
        #expect(Self.move(e, .profit)?.change == 55_600)
        #expect(Self.move(e, .profit)?.reaches == 1)
        #expect(Self.move(e, .orders)?.change == 1)
        // Revenue: 0.5·Δ/450 > 1/144 → Δ > 6.25, a tie in exact arithmetic: 6.25 or 6.26 by
        // the last bit of the Doubles. Whichever it is, applying it must move K3, a cent less not.
        let revenue = try #require(Self.move(e, .revenue)?.change)
        #expect(revenue == 62_500 || revenue == 62_600)
        let k3 = e.customer
        #expect(try Self.placed(k3, .revenue, revenue, data, s) == 1)
        #expect(try Self.placed(k3, .revenue, revenue - 100, data, s) == 2)
        #expect(try Self.placed(k3, .profit, 55_600, data, s) == 1)
        #expect(try Self.placed(k3, .profit, 55_500, data, s) == 2)
        // No recency or tenure moves: they are not in the score.
        #expect(e.moves.map(\.figure) == [.revenue, .profit, .orders])
    }

    @Test func fromBToA() throws {
        let (data, s) = try Self.segment(WeightedCriterion.standardDefaults)
        let e = try Self.explain("K2", data, s)
        // Pass K1 (score 1): 0.665277… more. Profit 0.3·Δ/240 > 0.665277… → Δ > 532.22… →
        // 532.23; orders 0.2·Δ > 0.665… → 4.
        #expect(Self.move(e, .profit)?.change == 5_322_300)
        #expect(Self.move(e, .profit)?.reaches == 0)
        #expect(Self.move(e, .orders)?.change == 4)
        #expect(try Self.placed(e.customer, .profit, 5_322_300, data, s) == 0)
        #expect(try Self.placed(e.customer, .profit, 5_322_200, data, s) == 1)
    }

    @Test func recencyMovesDownAndCanBeOutOfReach() throws {
        // Recency alone, reversed min-max over 0…59: K1 1, K4 43/59, K3 29/59, K2 14/59, K5 0
        // → A = K1, B = K4, C = K3, K2, K5.
        let (data, s) = try Self.segment([WeightedCriterion(.recency, 1)])
        // K3 (30 days) passes K4 (16) at an equal score: K3 comes first by id. −14 days.
        let k3 = try Self.explain("K3", data, s)
        #expect(Self.move(k3, .recency)?.change == -14)
        #expect(Self.move(k3, .recency)?.reaches == 1)
        // K5 (59) must beat 16 strictly (it comes after K4): 15 days, −44.
        #expect(Self.move(try Self.explain("K5", data, s), .recency)?.change == -44)
        // K4 in B must pass K1's recency 0 strictly; K4 comes after K1, and recency cannot go
        // below 0: not reachable.
        let k4 = try Self.explain("K4", data, s)
        let move = try #require(Self.move(k4, .recency))
        #expect(move.change == nil)
        #expect(move.reaches == nil)
    }

    @Test func valueTieringMovesOnlyTheValue() throws {
        // Revenue 80/15/5 of 1000: A = K1, K2, K3 (cumulative before 0, 500, 750 < 800),
        // B = K4 (870 < 950), C = K5.
        let (data, s) = try Self.segment(WeightedCriterion.standardDefaults, .valueShare(.revenue, [80, 15, 5]))
        let k4 = try Self.explain("K4", data, s)
        #expect(k4.tier == 1)
        #expect(k4.terms.isEmpty)
        #expect(k4.above?.value == 1_200_000)
        // Pass K3's 120 strictly (K4 after K3): 120.01 − 80 = 40.01.
        #expect(k4.moves.map(\.figure) == [.revenue])
        #expect(k4.moves.first?.change == 400_100)
        #expect(try Self.placed(k4.customer, .revenue, 400_100, data, s) == 0)
        #expect(try Self.placed(k4.customer, .revenue, 400_000, data, s) == 1)
        // K5 (50) to B: beat K4's 80: +30.01.
        let k5 = try Self.explain("K5", data, s)
        #expect(k5.moves.first?.change == 300_100)
        #expect(k5.moves.first?.reaches == 1)
    }

    @Test func theTopTierHasNoMovesAndNoBoundaryAbove() throws {
        let (data, s) = try Self.segment(WeightedCriterion.standardDefaults)
        let e = try Self.explain("K1", data, s)
        #expect(e.tier == 0)
        #expect(e.above == nil)
        #expect(e.moves.isEmpty)
        // K1 is A's only customer: its own tier's boundary is itself.
        #expect(e.below?.customer == e.customer)
    }

    @Test func theSearchFindsTheFirstPassingStep() {
        #expect(CustomerExplainer.smallestSteps(limit: 1_000) { $0 >= 1 } == 1)
        #expect(CustomerExplainer.smallestSteps(limit: 1_000) { $0 >= 777 } == 777)
        #expect(CustomerExplainer.smallestSteps(limit: 1_000) { $0 >= 1_000 } == 1_000)
        #expect(CustomerExplainer.smallestSteps(limit: 1_000) { $0 >= 1_001 } == nil)
        #expect(CustomerExplainer.smallestSteps(limit: 0) { _ in true } == nil)
    }
}
