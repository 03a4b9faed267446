/// How many customers, and how much revenue, move from each tier of one segmentation to each
/// tier of another. The last column counts customers absent on the right (dropped, or without
/// purchases in a later period); the last row those absent on the left (new).
public struct MigrationMatrix: Sendable, Equatable {
    public static let absent: UInt8 = 255

    public let fromTiers: Int
    public let toTiers: Int
    /// [from][to], with index `fromTiers` / `toTiers` for absent.
    public var customers: [[Int]]
    public var revenue: [[Int128]]

    /// `from` and `to` give each customer's tier (or `absent`); `revenue` is what each
    /// customer's move carries.
    public init(from: [UInt8], fromTiers: Int, to: [UInt8], toTiers: Int, revenue: [Int64]) {
        self.fromTiers = fromTiers
        self.toTiers = toTiers
        customers = Array(repeating: Array(repeating: 0, count: toTiers + 1), count: fromTiers + 1)
        self.revenue = Array(repeating: Array(repeating: 0, count: toTiers + 1), count: fromTiers + 1)
        for c in 0..<from.count {
            let f = from[c] == Self.absent ? fromTiers : Int(from[c])
            let t = to[c] == Self.absent ? toTiers : Int(to[c])
            if f == fromTiers && t == toTiers { continue }
            customers[f][t] += 1
            self.revenue[f][t] += Int128(revenue[c])
        }
    }

    /// Customers whose tier changed (absent counts as a change).
    public var moved: Int {
        var total = 0
        for f in 0...fromTiers {
            for t in 0...toTiers where !(f == t && f < fromTiers && t < toTiers) { total += customers[f][t] }
        }
        return total
    }
}
