import ABCCore
import Testing

@Suite("Numeric sums from the server")
struct CustomerAggregatesTests {
    /// Half-even to 4 decimals: ties go to the even last digit, anything past half goes up.
    @Test(arguments: [
        ("12.34", 123_400, false), ("-12.34", -123_400, false), ("7", 70_000, false), ("0.00005", 0, true),
        ("0.00015", 2, true), ("0.000150001", 2, true), ("0.00025", 2, true), ("-0.00015", -2, true),
        ("100.00015", 1_000_002, true), ("1.23450000", 12_345, false), ("0.00004999", 0, true),
    ] as [(String, Int64, Bool)])
    func roundsHalfEven(text: String, units: Int64, rounded: Bool) throws {
        let parsed = try #require(CustomerAggregates.units(ofNumeric: text))
        #expect(parsed.0 == units)
        #expect(parsed.rounded == rounded)
    }

    @Test(arguments: ["", "-", "1e5", "NaN", "12.3.4", "99999999999999999999"])
    func refusesWhatIsNotAFittingNumber(text: String) {
        #expect(CustomerAggregates.units(ofNumeric: text) == nil)
    }

    @Test func customersComeOutInIdByteOrder() throws {
        var aggregates = CustomerAggregates(hasProfit: false)
        for (id, revenue) in [("b", 10), ("B", 20), ("a", 30)] {
            try aggregates.append(.init(customer: id, revenue: Int64(revenue), profit: nil, orders: 1, first: 1, last: 2))
        }
        #expect(throws: DataError.self) { try aggregates.append(.init(customer: "a", revenue: 1, profit: nil, orders: 1, first: 1, last: 1)) }
        let dataset = try aggregates.dataset(name: "t", report: LoadReport(file: "t", kind: .transactions, separatorName: ""))
        #expect((0..<3).map { dataset.customerIDs[$0] } == ["B", "a", "b"])
        #expect(dataset.metrics.revenue == [20, 30, 10])
        #expect(dataset.metrics.profit == nil)
    }
}
