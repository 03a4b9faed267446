import Testing
@testable import ABCCore

@Suite("Customer listings")
struct CustomerListingTests {
    static func ids(_ order: CustomerListing.Order, limit: Int? = nil, include: (Int) -> Bool = { _ in true }) throws -> [String] {
        let data = try Fixture.load(CustomerExplanationTests.text)
        let s = try Segmenter.segment(metrics: data.metrics, criteria: WeightedCriterion.standardDefaults, rule: .countShare([20, 30, 50]))
        return try CustomerListing.list(s, metrics: data.metrics, order: order, limit: limit, include: include)
            .customers.map { data.customerIDs[$0] }
    }

    @Test func ordersBestFirstWithTiesById() throws {
        // Ranking (score): K1, K2, K3, K5, K4.
        #expect(try Self.ids(.rank) == ["K1", "K2", "K3", "K5", "K4"])
        #expect(try Self.ids(.score) == ["K1", "K2", "K3", "K5", "K4"])
        #expect(try Self.ids(.criterion(.revenue)) == ["K1", "K2", "K3", "K4", "K5"])
        // Orders 2, 1, 2, 1, 2: the 2s in id order, then the 1s.
        #expect(try Self.ids(.criterion(.orders)) == ["K1", "K3", "K5", "K2", "K4"])
        // Recency 0, 45, 30, 16, 59: the most recent first.
        #expect(try Self.ids(.criterion(.recency)) == ["K1", "K4", "K3", "K2", "K5"])
        // Margin 50%, 40%, 41.67%, 25%, 20%.
        #expect(try Self.ids(.criterion(.margin)) == ["K1", "K3", "K2", "K4", "K5"])
    }

    @Test func aLimitAndAFilter() throws {
        #expect(try Self.ids(.criterion(.revenue), limit: 2) == ["K1", "K2"])
        // Customers 2…4 (K3, K4, K5) by revenue.
        #expect(try Self.ids(.criterion(.revenue), limit: 2, include: { $0 >= 2 }) == ["K3", "K4"])
        #expect(try Self.ids(.rank, limit: 2, include: { $0 >= 2 }) == ["K3", "K5"])
    }
}
