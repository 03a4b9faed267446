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

    /// One bar per tier: its share of revenue, in eighths of a block.
    func terminalBars(width: Int = 40) -> String {
        let blocks = Array(" ▏▎▍▌▋▊▉█")
        var lines = ["Revenue share per tier"]
        for (t, name) in tierNames.enumerated() {
            let eighths = revenueShares[t] * width * 8 / 10_000
            let full = max(0, eighths) / 8, rest = max(0, eighths) % 8
            let bar = String(repeating: "█", count: full) + (rest > 0 ? String(blocks[rest]) : "")
            lines.append("\(name) \(bar.padding(toLength: width + 1, withPad: " ", startingAt: 0)) "
                         + NumberFormatting.percent(basisPoints: revenueShares[t]) + "  (\(customers[t]) customers)")
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

    /// Both charts as one standalone SVG document.
    func svg() -> String {
        let width = 640.0, height = 560.0
        let left = 60.0, top = 50.0, plotW = 540.0, plotH = 300.0
        var s = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
            <title>\(Self.escape(title))</title>
            <rect x="0" y="0" width="\(Int(width))" height="\(Int(height))" fill="white"/>
            <text x="\(Self.number(left))" y="24" font-size="15">\(Self.escape(title))</text>

            """
        // Axes and grid.
        s += "<line x1=\"\(Self.number(left))\" y1=\"\(Self.number(top + plotH))\" x2=\"\(Self.number(left + plotW))\" y2=\"\(Self.number(top + plotH))\" stroke=\"black\"/>\n"
        s += "<line x1=\"\(Self.number(left))\" y1=\"\(Self.number(top))\" x2=\"\(Self.number(left))\" y2=\"\(Self.number(top + plotH))\" stroke=\"black\"/>\n"
        for p in [0, 50, 100] {
            let y = top + plotH * (1 - Double(p) / 100)
            s += "<text x=\"\(Self.number(left - 8))\" y=\"\(Self.number(y + 4))\" text-anchor=\"end\">\(p)%</text>\n"
            let x = left + plotW * Double(p) / 100
            s += "<text x=\"\(Self.number(x))\" y=\"\(Self.number(top + plotH + 18))\" text-anchor=\"middle\">\(p)%</text>\n"
        }
        s += "<text x=\"\(Self.number(left + plotW / 2))\" y=\"\(Self.number(top + plotH + 36))\" text-anchor=\"middle\">share of customers, by revenue</text>\n"
        // Boundaries and tier letters.
        let edges = [0.0] + boundaries + [1.0]
        for b in boundaries {
            let x = left + plotW * b
            s += "<line x1=\"\(Self.number(x))\" y1=\"\(Self.number(top))\" x2=\"\(Self.number(x))\" y2=\"\(Self.number(top + plotH))\" stroke=\"#c33\" stroke-dasharray=\"4 3\"/>\n"
        }
        for (t, name) in tierNames.enumerated() {
            let x = left + plotW * (edges[t] + edges[t + 1]) / 2
            s += "<text x=\"\(Self.number(x))\" y=\"\(Self.number(top + 16))\" text-anchor=\"middle\" fill=\"#c33\" font-size=\"14\">\(Self.escape(name))</text>\n"
        }
        // The curve.
        let points = curve.enumerated().map { k, y in
            "\(Self.number(left + plotW * Double(k) / Double(Self.samples))),\(Self.number(top + plotH * (1 - y)))"
        }
        s += "<polyline fill=\"none\" stroke=\"#236\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>\n"
        // Bars: revenue share per tier.
        let barTop = top + plotH + 70, barH = 22.0
        s += "<text x=\"\(Self.number(left))\" y=\"\(Self.number(barTop - 8))\">revenue share per tier</text>\n"
        for (t, name) in tierNames.enumerated() {
            let y = barTop + Double(t) * (barH + 8)
            let w = plotW * 0.8 * Double(max(0, revenueShares[t])) / 10_000
            s += "<text x=\"\(Self.number(left - 8))\" y=\"\(Self.number(y + 15))\" text-anchor=\"end\">\(Self.escape(name))</text>\n"
            s += "<rect x=\"\(Self.number(left))\" y=\"\(Self.number(y))\" width=\"\(Self.number(w))\" height=\"\(Self.number(barH))\" fill=\"#236\"/>\n"
            s += "<text x=\"\(Self.number(left + w + 6))\" y=\"\(Self.number(y + 15))\">\(NumberFormatting.percent(basisPoints: revenueShares[t])) (\(customers[t]) customers)</text>\n"
        }
        return s + "</svg>\n"
    }
}
