import Testing
@testable import ABCCore

/// Attribute columns: kept per customer as the most frequent non-empty value by row count,
/// ties to the value first in byte order (docs/input.md#attributes).
@Suite("Customer attributes")
struct CustomerAttributesTests {
    static func values(_ data: Dataset, _ name: String) -> [String?] {
        guard let attribute = data.attributes.first(where: { $0.name == name }) else { return [] }
        return (0..<data.customerCount).map { attribute.value(of: $0) }
    }

    @Test func theMostFrequentValueByRowsWithTiesInByteOrder() throws {
        // K1: North twice, South once → North. K2: West and East once each → East (byte order).
        // K3: only blanks → none. K4: "b" and "B" once each → "B" (0x42 < 0x62).
        // K5's row is short (no region field at all): none.
        let data = try Fixture.load("""
            customer_id,date,amount,region
            K1,2024-01-01,10,North
            K1,2024-01-02,10,South
            K1,2024-01-03,-5,North
            K2,2024-01-01,10,West
            K2,2024-01-02,10, East
            K3,2024-01-01,10,
            K4,2024-01-01,10,b
            K4,2024-01-02,10,B
            K5,2024-01-01,10

            """)
        #expect(Self.values(data, "region") == ["North", "East", nil, "B", nil])
        let region = try #require(data.attributes.first)
        // The values some customer has, in byte order (South, West and b are no one's); " East"
        // was read trimmed.
        #expect(region.values == ["B", "East", "North"])
        #expect(region.index(of: "North") == 2)
        #expect(region.index(of: "north") == nil)
        #expect(data.report.attributes.map(\.name) == ["region"])
        #expect(data.report.attributes.map(\.values) == [3])
    }

    @Test func rolesNumbersAndManyValuesAreNotAttributes() throws {
        // `discount` holds only numbers; `note` has 1,001 distinct values; `order_id` is a role.
        var text = "customer_id,date,amount,order_id,discount,note,segment\n"
        for i in 0..<1_001 { text += "K\(i % 7),2024-01-01,1,O\(i),\(i % 3).5,n\(i),\(i % 2 == 0 ? "Retail" : "Trade")\n" }
        let data = try Fixture.load(text)
        #expect(data.attributes.map(\.name) == ["segment"])
        #expect(data.report.droppedAttributes.map(\.name) == ["discount", "note"])
        #expect(data.report.droppedAttributes.map(\.reason) == ["numbers, not an attribute", "more than 1,000 distinct values"])
        // K0 has the rows i ≡ 0 (mod 7), i = 0…994: 143 rows, 72 with an even i (Retail), 71 odd.
        #expect(Self.values(data, "segment").first == "Retail")
    }

    @Test func valuesApartOnlyByCaseAreNoted() throws {
        let data = try Fixture.load("customer_id,revenue,country\nC1,1,Germany\nC2,2,germany\nC3,3,France\n")
        #expect(Self.values(data, "country") == ["Germany", "germany", "France"])
        #expect(data.report.assumptions.contains("attribute 'country' has values that differ only in case, kept apart: 'Germany' and 'germany'"))
    }

    @Test func aCustomerSummaryKeepsItsRowsValue() throws {
        let data = try Fixture.load("""
            customer_id,revenue,country
            C2,100,France
            C1,50,Germany
            C1,20,France
            C1,5,Germany

            """)
        // C1 is repeated: its rows are merged, the attribute by row count (Germany twice).
        #expect(Self.values(data, "country") == ["Germany", "France"])
    }

    /// A file over the parallel threshold: each part interns its own values; merged they must
    /// give what counting every row does.
    @Test func partsReadInParallelGiveTheCountedModes() throws {
        var text = "customer_id,date,amount,region\n"
        var counts: [String: [String: Int]] = [:]
        let regions = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"]
        var row = 0
        while text.utf8.count < TransactionLoader.parallelThreshold + 500_000 {
            let customer = "K\((row &* 7919) % 3_000)"
            let region = regions[(row / 3 + row % 11) % regions.count]
            text += "\(customer),2024-01-\(row % 20 + 10),1.00,\(region)\n"
            counts[customer, default: [:]][region, default: 0] += 1
            row += 1
        }
        var options = LoadOptions()
        options.threads = 3
        let data = try Fixture.load(text, options: options)
        #expect(data.transactions?.segments.count == 3)
        let region = try #require(data.attributes.first)
        for c in 0..<data.customerCount {
            let perRegion = counts[data.customerIDs[c]] ?? [:]
            let best = perRegion.max { a, b in a.value != b.value ? a.value < b.value : Array(a.key.utf8).lexicographicallyPrecedes(Array(b.key.utf8)) == false }
            #expect(region.value(of: c) == best?.key)
        }
    }
}
