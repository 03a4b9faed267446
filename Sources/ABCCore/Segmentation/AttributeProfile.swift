/// A segmentation's tiers broken down by an attribute's values (`segment by ATTRIBUTE`): the
/// values with most customers, the rest together, the customers without a value apart. The
/// tiers are those of the whole segmentation, not of each group.
public struct AttributeProfile: Sendable {
    public struct Group: Sendable {
        public enum Kind: Sendable, Equatable {
            /// One value (its index among the attribute's values).
            case value(Int)
            /// Every value beyond the ones shown.
            case other(values: Int)
            /// Customers without a value.
            case none
        }

        public let kind: Kind
        public var customers = 0
        public var revenue: Int128 = 0
        public var profit: Int128?
        /// Per tier.
        public var tierCustomers: [Int]
        public var tierRevenue: [Int128]
        public var tierProfit: [Int128]?
    }

    public let groups: [Group]

    /// `shown` values with most customers (ties in the values' byte order), then "other", then
    /// the customers without a value; groups without customers are left out.
    public init(
        _ segmentation: Segmentation, metrics: CustomerMetrics, attribute: CustomerAttribute,
        global: (Int) -> Int, shown: Int = 10
    ) {
        let valueCount = attribute.values.count
        let tierCount = segmentation.tierCount
        // Per value (and a last slot for none): per tier customers, revenue, profit.
        let slots = valueCount + 1
        var customers = [Int](repeating: 0, count: slots * tierCount)
        var revenue = [Int128](repeating: 0, count: slots * tierCount)
        var profit = [Int128](repeating: 0, count: metrics.profit == nil ? 0 : slots * tierCount)
        let values = attribute.valueOfCustomer
        metrics.revenue.withUnsafeBufferPointer { rev in
            for c in 0..<metrics.count {
                let v = values[global(c)]
                let slot = (v == CustomerAttribute.none ? valueCount : Int(v)) * tierCount + Int(segmentation.tier[c])
                customers[slot] += 1
                revenue[slot] += Int128(rev[c])
            }
        }
        if let p = metrics.profit {
            for c in 0..<metrics.count {
                let v = values[global(c)]
                profit[(v == CustomerAttribute.none ? valueCount : Int(v)) * tierCount + Int(segmentation.tier[c])] += Int128(p[c])
            }
        }
        func total(_ value: Int) -> Int { (0..<tierCount).reduce(0) { $0 + customers[value * tierCount + $1] } }
        let ranked = (0..<valueCount).filter { total($0) > 0 }.sorted { a, b in
            let (x, y) = (total(a), total(b))
            return x != y ? x > y : a < b
        }
        func group(_ kind: Group.Kind, _ members: [Int]) -> Group {
            var g = Group(kind: kind, profit: metrics.profit == nil ? nil : 0,
                          tierCustomers: [Int](repeating: 0, count: tierCount),
                          tierRevenue: [Int128](repeating: 0, count: tierCount),
                          tierProfit: metrics.profit == nil ? nil : [Int128](repeating: 0, count: tierCount))
            for v in members {
                for t in 0..<tierCount {
                    let slot = v * tierCount + t
                    g.tierCustomers[t] += customers[slot]
                    g.tierRevenue[t] += revenue[slot]
                    g.tierProfit?[t] += metrics.profit == nil ? 0 : profit[slot]
                }
            }
            g.customers = g.tierCustomers.reduce(0, +)
            g.revenue = g.tierRevenue.reduce(0, +)
            g.profit = g.tierProfit?.reduce(0, +)
            return g
        }
        var groups = ranked.prefix(shown).map { group(.value($0), [$0]) }
        let rest = Array(ranked.dropFirst(shown))
        if !rest.isEmpty { groups.append(group(.other(values: rest.count), rest)) }
        let none = group(.none, [valueCount])
        if none.customers > 0 { groups.append(none) }
        self.groups = groups
    }
}
