import ABCCore

/// The charts of a segmentation: the Pareto (ABC) curve with the tier boundaries and a bar
/// per tier, drawn for the terminal (Unicode braille and blocks) or as standalone SVG.
///
/// The SVG is written by hand: two small, fixed drawings do not justify a template or HTML
/// package, and this keeps the output byte-for-byte deterministic.
struct ChartData {
    /// The ABC curve of revenue (`ABCCurve`): cumulative share of revenue (0…1) at share of
    /// customers k/samples, k = 0…samples.
    var curve: [Double]
    /// Share of customers where each tier ends (cumulative), and the tier names.
    var boundaries: [Double]
    var tierNames: [String]
    /// Per tier: revenue share in hundredths of a percent, and customers.
    var revenueShares: [Int]
    var customers: [Int]
    var title: String

    static let samples = 60

    init(segmentation: Segmentation, metrics: CustomerMetrics, title: String) {
        let n = metrics.count
        curve = ABCCurve(values: metrics.revenue).sampled(Self.samples)
        let tiers = segmentation.profile.tiers
        var seen = 0
        boundaries = tiers.dropLast().map { tier in
            seen += tier.customers
            return n > 0 ? Double(seen) / Double(n) : 0
        }
        tierNames = tiers.map(\.name)
        revenueShares = tiers.map { $0.revenueShare ?? 0 }
        customers = tiers.map(\.customers)
        self.title = title
    }

    // MARK: Terminal

    /// The curve in braille (2×4 dots a character), boundaries as dotted verticals.
    func terminalCurve(width: Int = 60, height: Int = 12) -> String {
        let dotsX = width * 2, dotsY = height * 4
        var grid = [[Bool]](repeating: [Bool](repeating: false, count: dotsX), count: dotsY)
        func plot(_ x: Double, _ y: Double) {
            let px = min(dotsX - 1, max(0, Int(x * Double(dotsX - 1))))
            let py = min(dotsY - 1, max(0, Int((1 - y) * Double(dotsY - 1))))
            grid[py][px] = true
        }
        for px in 0..<dotsX {
            let x = Double(px) / Double(dotsX - 1)
            let position = x * Double(Self.samples)
            let k = min(Self.samples - 1, Int(position))
            plot(x, curve[k] + (position - Double(k)) * (curve[k + 1] - curve[k]))
        }
        for b in boundaries {
            for py in stride(from: 0, to: dotsY, by: 2) {
                plot(b, 1 - Double(py) / Double(dotsY - 1))
            }
        }
        let bits: [(Int, Int, UInt32)] = [(0, 0, 0x01), (0, 1, 0x02), (0, 2, 0x04), (1, 0, 0x08), (1, 1, 0x10),
                                          (1, 2, 0x20), (0, 3, 0x40), (1, 3, 0x80)]
        var lines: [String] = []
        for row in 0..<height {
            var line = ""
            for column in 0..<width {
                var code: UInt32 = 0
                for (dx, dy, bit) in bits where grid[row * 4 + dy][column * 2 + dx] { code |= bit }
                line.unicodeScalars.append(Unicode.Scalar(0x2800 + code)!)
            }
            let label = row == 0 ? "100% ┤" : row == height - 1 ? "  0% ┤" : row == height / 2 ? " 50% ┤" : "     │"
            lines.append(label + line)
        }
        // Tier letters under the middle of each tier.
        var axis = [Character](repeating: " ", count: width)
        let edges = [0.0] + boundaries + [1.0]
        for (t, name) in tierNames.enumerated() {
            let middle = Int((edges[t] + edges[t + 1]) / 2 * Double(width - 1))
            if middle < width { axis[middle] = Character(name) }
        }
        lines.append("      └" + String(repeating: "─", count: width - 1))
        lines.append("       " + String(axis) + "  share of customers →")
        return "\(title)\ncumulative share of revenue ↑, customers by revenue, tiers marked\n" + lines.joined(separator: "\n")
    }

    /// One bar per tier: its share of revenue, in eighths of a block; customers grouped in
    /// thousands when `grouped` (the report).
    func terminalBars(width: Int = 40, grouped: Bool = false) -> String {
        let blocks = Array(" ▏▎▍▌▋▊▉█")
        var lines = ["Revenue share per tier"]
        for (t, name) in tierNames.enumerated() {
            let eighths = revenueShares[t] * width * 8 / 10_000
            let full = max(0, eighths) / 8, rest = max(0, eighths) % 8
            let bar = String(repeating: "█", count: full) + (rest > 0 ? String(blocks[rest]) : "")
            lines.append("\(name) \(bar.padding(toLength: width + 1, withPad: " ", startingAt: 0)) "
                         + NumberFormatting.percent(basisPoints: revenueShares[t])
                         + "  (\(grouped ? PeopleNumbers.grouped(String(customers[t])) : String(customers[t])) customers)")
        }
        return lines.joined(separator: "\n")
    }

    // MARK: SVG

    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    static func number(_ v: Double) -> String { NumberFormatting.fixed(v, decimals: 1) }


    /// A tier's colour, the same in every chart and table of the report (Okabe–Ito, readable
    /// by colour-blind readers and in grey print).
    static func colour(ofTier index: Int) -> String {
        let colours = ["#0072B2", "#E69F00", "#808080", "#CC79A7", "#009E73"]
        return colours[index % colours.count]
    }

    /// `text` broken at spaces into lines of at most `limit` characters (a longer word stays whole).
    static func wrap(_ text: String, limit: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > limit {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// Both charts as SVG: a standalone document (`export chart`), or an element to inline in
    /// an HTML page (no XML declaration, no namespace: HTML puts `<svg>` in it).
    ///
    /// Nothing is drawn on the curve: the title is wrapped above the plot, the tier letters
    /// stand in a strip between the title and the plot, and the y axis spans the curve
    /// (above 100% when customers with negative revenue bring the total down).
    func svg(standalone: Bool = true) -> String {
        let width = 640.0
        let left = 60.0, plotW = 540.0, plotH = 300.0
        let titleLines = Self.wrap(title, limit: 68)
        let stripTop = 24.0 + 19 * Double(titleLines.count - 1) + 12
        let top = stripTop + 26
        let barTop = top + plotH + 70, barH = 22.0
        let height = barTop + Double(tierNames.count) * (barH + 8) + 12
        let low = min(0, curve.min() ?? 0), high = max(1, curve.max() ?? 1)
        func x(_ share: Double) -> Double { left + plotW * share }
        func y(_ value: Double) -> Double { top + plotH * (high - value) / (high - low) }
        let n = Self.number
        var s = standalone ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : ""
        s += "<svg\(standalone ? " xmlns=\"http://www.w3.org/2000/svg\"" : "") width=\"\(Int(width))\" height=\"\(Int(height))\" "
            + "viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\">\n"
        s += "<title>\(Self.escape(title))</title>\n"
        s += "<rect x=\"0\" y=\"0\" width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"white\"/>\n"
        s += "<text x=\"\(n(left))\" y=\"24\" font-size=\"15\">"
        for (i, line) in titleLines.enumerated() {
            s += "<tspan x=\"\(n(left))\"\(i == 0 ? "" : " dy=\"19\"")>\(Self.escape(line))</tspan>"
        }
        s += "</text>\n"
        // Each tier's area under the curve, in its colour.
        let edges = [0.0] + boundaries + [1.0]
        func curveValue(at share: Double) -> Double {
            let position = share * Double(Self.samples)
            let k = min(Self.samples - 1, max(0, Int(position)))
            return curve[k] + (position - Double(k)) * (curve[k + 1] - curve[k])
        }
        for t in tierNames.indices where edges[t + 1] > edges[t] {
            var points = ["\(n(x(edges[t]))),\(n(y(0)))", "\(n(x(edges[t]))),\(n(y(curveValue(at: edges[t]))))"]
            for k in 0...Self.samples {
                let share = Double(k) / Double(Self.samples)
                if share > edges[t] && share < edges[t + 1] { points.append("\(n(x(share))),\(n(y(curve[k])))") }
            }
            points += ["\(n(x(edges[t + 1]))),\(n(y(curveValue(at: edges[t + 1]))))", "\(n(x(edges[t + 1]))),\(n(y(0)))"]
            s += "<polygon fill=\"\(Self.colour(ofTier: t))\" fill-opacity=\"0.25\" stroke=\"none\" points=\"\(points.joined(separator: " "))\"/>\n"
        }
        // Axes and their labels.
        s += "<line x1=\"\(n(left))\" y1=\"\(n(y(0)))\" x2=\"\(n(left + plotW))\" y2=\"\(n(y(0)))\" stroke=\"black\"/>\n"
        s += "<line x1=\"\(n(left))\" y1=\"\(n(top))\" x2=\"\(n(left))\" y2=\"\(n(top + plotH))\" stroke=\"black\"/>\n"
        for p in [0, 50, 100] {
            s += "<text x=\"\(n(left - 8))\" y=\"\(n(y(Double(p) / 100) + 4))\" text-anchor=\"end\">\(p)%</text>\n"
            s += "<text x=\"\(n(x(Double(p) / 100)))\" y=\"\(n(top + plotH + 18))\" text-anchor=\"middle\">\(p)%</text>\n"
        }
        s += "<text x=\"\(n(left + plotW / 2))\" y=\"\(n(top + plotH + 36))\" text-anchor=\"middle\">share of customers, by revenue</text>\n"
        s += "<text x=\"\(n(left - 44))\" y=\"\(n(top + plotH / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 \(n(left - 44)) \(n(top + plotH / 2)))\">cumulative share of revenue</text>\n"
        // Boundaries, and the tier letters in the strip above the plot, kept 16 apart.
        for b in boundaries {
            s += "<line x1=\"\(n(x(b)))\" y1=\"\(n(top))\" x2=\"\(n(x(b)))\" y2=\"\(n(top + plotH))\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>\n"
        }
        var previous = -Double.infinity
        for (t, name) in tierNames.enumerated() {
            let middle = max(x((edges[t] + edges[t + 1]) / 2), previous + 16)
            previous = middle
            s += "<text x=\"\(n(middle))\" y=\"\(n(top - 10))\" text-anchor=\"middle\" fill=\"\(Self.colour(ofTier: t))\" font-size=\"14\" font-weight=\"bold\">\(Self.escape(name))</text>\n"
        }
        // The curve.
        let points = curve.enumerated().map { k, v in "\(n(x(Double(k) / Double(Self.samples)))),\(n(y(v)))" }
        s += "<polyline fill=\"none\" stroke=\"#222\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>\n"
        // Bars: revenue share per tier, 60% of the plot's width at most, the figures beside them.
        s += "<text x=\"\(n(left))\" y=\"\(n(barTop - 8))\">revenue share per tier</text>\n"
        for (t, name) in tierNames.enumerated() {
            let top = barTop + Double(t) * (barH + 8)
            let w = plotW * 0.6 * Double(min(10_000, max(0, revenueShares[t]))) / 10_000
            s += "<text x=\"\(n(left - 8))\" y=\"\(n(top + 15))\" text-anchor=\"end\" fill=\"\(Self.colour(ofTier: t))\" font-weight=\"bold\">\(Self.escape(name))</text>\n"
            s += "<rect x=\"\(n(left))\" y=\"\(n(top))\" width=\"\(n(w))\" height=\"\(n(barH))\" fill=\"\(Self.colour(ofTier: t))\"/>\n"
            let count = PeopleNumbers.grouped(String(customers[t]))
            s += "<text x=\"\(n(left + w + 6))\" y=\"\(n(top + 15))\">\(NumberFormatting.percent(basisPoints: revenueShares[t])) (\(count) customers)</text>\n"
        }
        return s + "</svg>\n"
    }
}
