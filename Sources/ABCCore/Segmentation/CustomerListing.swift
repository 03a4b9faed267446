/// Customers of a segmentation picked and ordered for a listing (`customers`).
public enum CustomerListing {
    public enum Order: Sendable, Equatable {
        /// The segmentation's ranking: by score, or by value for value tiering.
        case rank
        /// The weighted score, highest first.
        case score
        /// A criterion, best first (lowest recency first); ties by customer id.
        case criterion(Criterion)
    }

    /// The customers (indices among the segmented ones) that `include` accepts, in `order`,
    /// the first `limit` of them (all with nil), and how many matched.
    public static func list(
        _ segmentation: Segmentation, metrics: CustomerMetrics, order: Order, limit: Int?,
        include: (Int) -> Bool
    ) throws(RequestError) -> (customers: [Int], matched: Int) {
        switch order {
        case .rank:
            var picked: [Int] = []
            var matched = 0
            for i in segmentation.order where include(Int(i)) {
                matched += 1
                if limit.map({ picked.count < $0 }) ?? true { picked.append(Int(i)) }
            }
            return (picked, matched)
        case .score, .criterion:
            let candidates = (0..<metrics.count).filter(include)
            let keys: [UInt64]
            switch order {
            case .criterion(let criterion):
                switch try CriterionValues(criterion, in: metrics) {
                case .integers(let values):
                    // Ascending keys: the best value first; the radix sort is stable, so ties stay in id order.
                    let flip: UInt64 = criterion.lowerIsBetter ? 0 : ~0
                    keys = candidates.map { (UInt64(bitPattern: values[$0]) ^ (1 << 63)) ^ flip }
                case .doubles(let values):
                    keys = candidates.map { RadixSort.descendingKey(values[$0]) }
                }
            default:
                keys = candidates.map { RadixSort.descendingKey(segmentation.score[$0]) }
            }
            let sorted = RadixSort.sortedIndices(keys: keys)
            let count = limit.map { min($0, sorted.count) } ?? sorted.count
            return (sorted.prefix(count).map { candidates[Int($0)] }, candidates.count)
        }
    }
}
