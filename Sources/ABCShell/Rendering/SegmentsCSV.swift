import ABCCore

/// The `export segments` CSV: one row per customer in customer_id order.
enum SegmentsCSV {
    static let header = "customer_id,tier,score,rank,revenue,profit,orders,first_purchase,last_purchase,recency_days,tenure_days\n"

    /// The columns added for a scenario with levers: each customer after them.
    static let leverHeader = ",projected_tier,projected_revenue,projected_profit,cost_to_serve,lever_cost,net,profit_basis"

    /// With `outcome` (a scenario with levers), each row goes on with the customer after the
    /// levers: its tier against the fixed boundaries (or `dropped`), projected revenue and
    /// profit, cost-to-serve, its share of the levers' costs, net = profit − both, and where
    /// the profit comes from (`data`, `assumed 30%`; empty profit and net when not known).
    /// The data's attributes come last, one column each (empty for a customer without one).
    static func bytes(dataset: Dataset, scope: ScopedMetrics, segmentation: Segmentation, outcome: SimulationOutcome? = nil) -> [UInt8] {
        let m = scope.metrics
        let ids = dataset.customerIDs
        let recency = m.recency, tenure = m.tenure
        var out: [UInt8] = []
        out.reserveCapacity(dataset.customerCount * 96)
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
        append(String(header.dropLast()) + (outcome == nil ? "" : leverHeader))
        let own = (header.dropLast() + (outcome == nil ? "" : leverHeader)).split(separator: ",").map(String.init)
        for title in AttributeName.columnTitles(dataset.attributes, besides: own) {
            out.append(0x2c)
            field(ArraySlice(title.utf8))
        }
        out.append(0x0a)
        func appendProjection(_ o: SimulationOutcome, _ c: Int, tier: UInt8) {
            let kept = o.active[c]
            let known = o.profitBasis.isKnown
            let projectedTier = o.projected?.tier[c] ?? tier
            let revenue = kept ? o.projectedRevenue[c] : 0
            let profit = kept ? o.projectedProfit[c] : 0
            let cts = kept ? o.costToServe[c] : 0
            let leverCost = o.leverCost[c]
            // Exact: the dataset's decimals, or more where a lever's effect has more, so the
            // rows add up to simulate's totals.
            func exact(_ v: Int128) -> String { FixedPoint.formatExact(v, minimumDecimals: dataset.moneyDecimals) }
            var fields = [kept ? TieringRule.tierNames[Int(projectedTier)] : "dropped", exact(Int128(revenue))]
            fields.append(known ? exact(Int128(profit)) : "")
            fields += [exact(Int128(cts)), exact(Int128(leverCost))]
            fields.append(known ? exact(Int128(profit) - Int128(cts) - Int128(leverCost)) : "")
            switch o.profitBasis {
            case .data: fields.append("data")
            case .unknown: fields.append("none")
            case .assumed(.all(let rate)): fields.append("assumed \(rate)")
            case .assumed(.perTier(let rates)): fields.append("assumed \(rates[Int(tier)])")
            }
            append("," + fields.joined(separator: ","))
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
            if let outcome { appendProjection(outcome, c, tier: segmentation.tier[c]) }
            for attribute in dataset.attributes {
                out.append(0x2c)
                if let value = attribute.value(of: g) { field(ArraySlice(value.utf8)) }
            }
            out.append(0x0a)
        }
        return out
    }
}
