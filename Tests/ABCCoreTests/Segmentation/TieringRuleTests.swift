import Testing
@testable import ABCCore

@Suite("Tiering rules")
struct TieringRuleTests {
    @Test(arguments: [[20, 30, 50], [50, 50], [10, 20, 30, 40], [20, 20, 20, 20, 20], [1, 99]])
    func validShares(shares: [Int]) {
        #expect(throws: Never.self) { try TieringRule.validate(shares: shares) }
    }

    @Test(arguments: [
        ([100], "expected 2 to 5 tier shares, found 1"),
        ([10, 10, 20, 20, 20, 20], "expected 2 to 5 tier shares, found 6"),
        ([], "expected 2 to 5 tier shares, found 0"),
        ([50, 40], "tier shares must add up to 100, these add up to 90"),
        ([60, 30, 20], "tier shares must add up to 100, these add up to 110"),
        ([0, 50, 50], "every tier share must be above 0"),
        ([-10, 60, 50], "every tier share must be above 0"),
    ])
    func invalidShares(shares: [Int], message: String) {
        let error = #expect(throws: RequestError.self) { try TieringRule.validate(shares: shares) }
        #expect(error?.message == message)
    }

    @Test func descriptions() {
        #expect(TieringRule.standard.tierCount == 3)
        #expect(TieringRule.standard.shares == [20, 30, 50])
    }
}
