/// The customers whose tier changes most between two tierings of the same customers (two
/// scenarios, before and after levers, or two periods): the furthest move first, then the
/// most revenue, then the lowest customer index, so the list never depends on sort order.
public enum LargestMovers {
    public struct Mover: Sendable, Equatable {
        /// Index of the customer in the arrays given.
        public var customer: Int
        /// Tiers moved, |to − from|, or `Options.absentDistance` for a customer absent on one side.
        public var distance: Int
        /// The revenue that ordered this customer (see `Options.Revenue`).
        public var revenue: Int64

        public init(customer: Int, distance: Int, revenue: Int64) {
            self.customer = customer
            self.distance = distance
            self.revenue = revenue
        }
    }

    public struct Options: Sendable, Equatable {
        /// Which revenue orders the customers who moved equally far.
        public enum Revenue: Sendable, Equatable {
            /// The `from` side's, or the `to` side's for a customer absent on the `from` side.
            case presentSide
            /// The larger of the two sides'.
            case larger
        }

        /// nil leaves out customers absent (`MigrationMatrix.absent`) on either side; a number
        /// counts them as having moved that many tiers.
        public var absentDistance: Int?
        public var revenue: Revenue

        public init(absentDistance: Int?, revenue: Revenue) {
            self.absentDistance = absentDistance
            self.revenue = revenue
        }

        /// Customers who arrive or leave (dropped, new, outside a period) count as moving 9
        /// tiers, ahead of any real move, by their revenue where they are present.
        public static let includingAbsent = Options(absentDistance: 9, revenue: .presentSide)
        /// Only customers present on both sides, by the larger of their two revenues.
        public static let presentOnBothSides = Options(absentDistance: nil, revenue: .larger)
    }

    /// The first `limit` movers from tiers `from` to tiers `to` (both indexed by customer,
    /// `MigrationMatrix.absent` for absent), with each side's revenue per customer.
    /// Customers in the same tier on both sides (or absent on both) are not movers.
    public static func find(
        from: [UInt8], to: [UInt8], revenueFrom: [Int64], revenueTo: [Int64], options: Options, limit: Int
    ) -> [Mover] {
        precondition(from.count == to.count && revenueFrom.count == from.count && revenueTo.count == from.count,
                     "both sides must index the same customers")
        let absent = MigrationMatrix.absent
        var movers: [Mover] = []
        for c in 0..<from.count where from[c] != to[c] {
            let f = from[c], t = to[c]
            let distance: Int
            if f == absent || t == absent {
                guard let absentDistance = options.absentDistance else { continue }
                distance = absentDistance
            } else {
                distance = abs(Int(t) - Int(f))
            }
            let revenue: Int64
            switch options.revenue {
            case .presentSide: revenue = f == absent ? revenueTo[c] : revenueFrom[c]
            case .larger: revenue = max(revenueFrom[c], revenueTo[c])
            }
            movers.append(Mover(customer: c, distance: distance, revenue: revenue))
        }
        movers.sort { a, b in
            a.distance != b.distance ? a.distance > b.distance
                : a.revenue != b.revenue ? a.revenue > b.revenue : a.customer < b.customer
        }
        return Array(movers.prefix(max(0, limit)))
    }
}
