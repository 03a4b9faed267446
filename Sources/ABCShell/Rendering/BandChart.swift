import ABCCore

/// Monte Carlo bands for the report: per outcome a bar from P10 to P90 with a tick at P50, all
/// on one scale with zero marked, so the spread of each lever's effect reads at a glance.
struct BandChart {
    struct Band {
        var label: String
        /// Nearest-rank percentiles, in money units.
        var p10: Int128
        var p50: Int128
        var p90: Int128
    }

    var title: String
    var bands: [Band]
    /// Exact money as the dataset prints it; grouped for people here.
    var money: (Int128) -> String

    /// The bands of the changes a scenario's runs made: revenue, profit (when known), lever
    /// cost and net contribution, each against the figures before the levers.
    init(_ summary: MonteCarlo.Summary, before: TierTotals, profitKnown: Bool, money: @escaping (Int128) -> String) {
        func band(_ label: String, _ values: [Int128]) -> Band {
            let sorted = values.sorted()
            return Band(label: label, p10: MonteCarlo.Summary.percentile(sorted, 10),
                        p50: MonteCarlo.Summary.percentile(sorted, 50), p90: MonteCarlo.Summary.percentile(sorted, 90))
        }
        var bands = [band("delta revenue", summary.outcomes.map(\.deltaRevenue))]
        if profitKnown { bands.append(band("delta profit", summary.outcomes.map(\.deltaProfit))) }
        bands.append(band("lever cost", summary.outcomes.map(\.leverCost)))
        if profitKnown { bands.append(band("delta net contribution", summary.outcomes.map { $0.netContribution - before.netContribution })) }
        self.bands = bands
        title = "Monte Carlo bands, P10 to P90 with P50 marked (\(summary.runs) runs, seed \(summary.seed))"
        self.money = money
    }

    func svg() -> String {
        let n = ChartData.number, e = ChartData.escape
        let width = 760.0, left = 170.0, plotW = 300.0, rowH = 34.0, top = 44.0
        let height = top + rowH * Double(bands.count) + 12
        let low = min(0, bands.map(\.p10).min() ?? 0), high = max(0, bands.map(\.p90).max() ?? 0)
        let span = high > low ? Double(high - low) : 1
        func x(_ v: Int128) -> Double { left + plotW * Double(v - low) / span }
        func people(_ v: Int128) -> String { PeopleNumbers.money(money(v)) ?? money(v) }
        var s = "<svg width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" "
            + "font-family=\"sans-serif\" font-size=\"12\" role=\"img\">\n<title>\(e(title))</title>\n"
        s += "<rect x=\"0\" y=\"0\" width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"white\"/>\n"
        s += "<text x=\"10\" y=\"20\" font-size=\"14\">\(e(title))</text>\n"
        s += "<line x1=\"\(n(x(0)))\" y1=\"\(n(top - 8))\" x2=\"\(n(x(0)))\" y2=\"\(n(height - 8))\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>\n"
        s += "<text x=\"\(n(x(0)))\" y=\"\(n(top - 12))\" text-anchor=\"middle\" fill=\"#555\">0</text>\n"
        for (i, band) in bands.enumerated() {
            let y = top + rowH * Double(i)
            s += "<text x=\"\(n(left - 10))\" y=\"\(n(y + 15))\" text-anchor=\"end\">\(e(band.label))</text>\n"
            let x0 = x(band.p10), x1 = x(band.p90)
            s += "<rect x=\"\(n(x0))\" y=\"\(n(y + 4))\" width=\"\(n(max(2, x1 - x0)))\" height=\"14\" fill=\"#0072B2\" fill-opacity=\"0.35\" stroke=\"#0072B2\"/>\n"
            s += "<line x1=\"\(n(x(band.p50)))\" y1=\"\(n(y + 1))\" x2=\"\(n(x(band.p50)))\" y2=\"\(n(y + 21))\" stroke=\"#111\" stroke-width=\"2\"/>\n"
            s += "<text x=\"\(n(left + plotW + 12))\" y=\"\(n(y + 15))\">\(e("\(people(band.p10)) … \(people(band.p90)), P50 \(people(band.p50))"))</text>\n"
        }
        return s + "</svg>\n"
    }
}
