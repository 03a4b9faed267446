import ABCCore

/// The `export segments` CSV: one row per customer in customer_id order.
enum SegmentsCSV {
    static let header = "customer_id,tier,score,rank,revenue,profit,orders,first_purchase,last_purchase,recency_days,tenure_days\n"

    static func bytes(dataset: Dataset, scope: ScopedMetrics, segmentation: Segmentation) -> [UInt8] {
        let m = scope.metrics
        let ids = dataset.customerIDs
        let recency = m.recency, tenure = m.tenure
        var out: [UInt8] = []
        out.reserveCapacity(dataset.customerCount * 96)
        out.append(contentsOf: header.utf8)
        func append(_ s: String) { out.append(contentsOf: s.utf8) }
        func field(_ bytes: ArraySlice<UInt8>) {
            if bytes.contains(where: { $0 == 0x2c || $0 == 0x22 || $0 == 0x0a || $0 == 0x0d }) {
                out.append(0x22)
                for b in bytes {
                    if b == 0x22 { out.append(0x22) }
                    out.append(b)
                }
                out.append(0x22)
            } else {
                out.append(contentsOf: bytes)
            }
        }
        for c in 0..<m.count {
            let g = scope.global(c)
            field(ids.arena[Int(ids.offsets[g])..<Int(ids.offsets[g + 1])])
            out.append(0x2c)
            append(TieringRule.tierNames[Int(segmentation.tier[c])])
            out.append(0x2c)
            append(NumberFormatting.exactScore(segmentation.score[c]))
            out.append(0x2c)
            append(String(segmentation.rank[c]))
            out.append(0x2c)
            append(dataset.formatMoney(m.revenue[c]))
            out.append(0x2c)
            if let profit = m.profit { append(dataset.formatMoney(profit[c])) }
            out.append(0x2c)
            if let orders = m.orders { append(String(orders[c])) }
            out.append(0x2c)
            if let first = m.first { append(CivilDate.iso(first[c])) }
            out.append(0x2c)
            if let last = m.last { append(CivilDate.iso(last[c])) }
            out.append(0x2c)
            if let recency { append(String(recency[c])) }
            out.append(0x2c)
            if let tenure { append(String(tenure[c])) }
            out.append(0x0a)
        }
        return out
    }
}
