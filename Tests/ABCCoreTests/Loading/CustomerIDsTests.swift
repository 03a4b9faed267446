import Testing
@testable import ABCCore

@Suite("Customer ids")
struct CustomerIDsTests {
    @Test func byteOrder() throws {
        let data = try Fixture.load("""
            customer,date,amount
            b,2024-01-01,1
            é,2024-01-01,2
            B,2024-01-01,3
            a,2024-01-01,4
            A9,2024-01-01,5
            A10,2024-01-01,6
             b ,2024-01-02,7

            """)
        // Bytes: "A10" 41 31 30 < "A9" 41 39 < "B" 42 < "a" 61 < "b" 62 < "é" c3 a9.
        // " b " is "b" once the blanks are trimmed.
        #expect(data.ids == ["A10", "A9", "B", "a", "b", "é"])
        #expect(data.metrics.revenue == [60_000, 50_000, 30_000, 40_000, 80_000, 20_000])
        #expect(data.index("A9") == 1)
        #expect(data.index("é") == 5)
        #expect(data.index("zz") == nil)
        #expect(data.index("") == nil)
        #expect(data.index("A") == nil)
    }

    @Test func longIdsSharingEightBytePrefixes() throws {
        // Ids beyond 8 bytes that share their first 8 ("customer…"), plus shorter prefixes.
        var ids = (1...300).map { "customer\($0)" }
        ids += ["customer", "custome", "cust", "customer1x", "customer10\u{1}"]
        var rng = SplitMix64(seed: 11)
        ids.shuffle(using: &rng)
        let text = "customer,date,amount\n" + ids.map { "\($0),2024-01-01,1\n" }.joined()
        let data = try Fixture.load(text)
        let expected = ids.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        #expect(data.ids == expected)
        for (i, id) in expected.enumerated() where i % 37 == 0 {
            #expect(data.index(id) == i)
        }
    }
}
