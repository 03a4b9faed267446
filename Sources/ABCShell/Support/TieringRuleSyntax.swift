import ABCCore

/// `set tiers` words: how a tiering rule is written in scripts and listings.
extension TieringRule {
    /// `count 20/30/50`, `revenue 80/15/5`.
    var script: String {
        let s = shares.map(String.init).joined(separator: "/")
        switch self {
        case .countShare: return "count \(s)"
        case .valueShare(let basis, _): return "\(basis.rawValue) \(s)"
        case .computed(let basis): return "computed on \(basis.rawValue)"
        }
    }
}
