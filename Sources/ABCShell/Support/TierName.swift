import ABCCore

/// Tier letters as typed (`a`, `B`) read against a tiering's tiers.
enum TierName {
    /// The tier index of `token` among the first `tierCount` tiers.
    static func parse(_ token: Token, tierCount: Int) throws(CommandError) -> Int {
        let names = TieringRule.tierNames.prefix(tierCount)
        guard let index = names.firstIndex(of: token.text.uppercased()) else {
            throw CommandError("unknown tier '\(token.text)'; the tiers are \(names.joined(separator: ", "))", column: token.column)
        }
        return index
    }

    static func name(_ tier: Int) -> String { TieringRule.tierNames[tier] }
}
