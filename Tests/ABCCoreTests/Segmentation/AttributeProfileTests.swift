import Testing
@testable import ABCCore

@Suite("Tiers per attribute value")
struct AttributeProfileTests {
    @Test func groupsByValueWithTheRestAndTheNone() throws {
        // Revenue 600, 300, 100, 50, 40, 10 → count 20/30/50 of 6 on revenue: A = C1 (⌊1.2⌋),
        // B = C2, C3 (⌊3⌋), C = C4, C5, C6.
        let data = try Fixture.load("""
            customer_id,revenue,region
            C1,600,North
            C2,300,South
            C3,100,North
            C4,50,East
            C5,40,
            C6,10,South

            """)
        let s = try Segmenter.segment(metrics: data.metrics, criteria: [WeightedCriterion(.revenue, 1)], rule: .countShare([20, 30, 50]))
        let region = try #require(data.attributes.first)
        // Two values shown: North and South have 2 customers each (byte order), East is "other".
        let profile = AttributeProfile(s, metrics: data.metrics, attribute: region, global: { $0 }, shown: 2)
        #expect(profile.groups.map(\.kind) == [.value(1), .value(2), .other(values: 1), .none])
        #expect(region.values == ["East", "North", "South"])
        let north = profile.groups[0], south = profile.groups[1]
        #expect(north.tierCustomers == [1, 1, 0])
        #expect(north.tierRevenue == [6_000_000, 1_000_000, 0])
        #expect(south.tierCustomers == [0, 1, 1])
        #expect(south.revenue == 3_100_000)
        #expect(profile.groups[2].tierCustomers == [0, 0, 1])
        #expect(profile.groups[3].customers == 1)
        #expect(profile.groups[3].tierRevenue == [0, 0, 400_000])
        #expect(north.profit == nil)
    }
}
