import ABCCore

/// The windows of the scenarios `compare` puts side by side, and how their money is made
/// comparable (PRODUCT.md, "Time windows and honest comparisons"): as it is when the windows
/// are the same; deltas per covered day when they differ in length; with `--annualise`, each
/// scenario's money scaled by 365 / its covered days (never customers, shares or days).
struct ComparisonWindows {
    /// Per compared result: its label, its scenario's window in words, and its coverage.
    let labels: [String]
    let descriptions: [String]
    let coverages: [Coverage?]
    let annualise: Bool
    /// The scenarios cover different days.
    let differ: Bool
    /// Money deltas are per covered day: the windows differ in length and money is not annualised.
    let deltasPerCoveredDay: Bool
    /// Per result: how its money prints (annualised by its own covered days with `--annualise`).
    let money: [SimulationViews.Money]
    private let plain: SimulationViews.Money

    init(scenarios: [Scenario], labels: [String], evaluator: ScenarioEvaluator, annualise: Bool) throws {
        let dataset = try evaluator.requireDataset()
        let scopes = try scenarios.map { try evaluator.scope(of: $0) }
        let coverages = scopes.map(\.coverage)
        if annualise && coverages.contains(where: { $0 == nil }) {
            throw RequestError("--annualise needs purchase dates, which this dataset lacks")
        }
        let plain = try SimulationViews.money(dataset, annualise: false).0
        self.labels = labels
        descriptions = zip(scenarios, scopes).map { WindowViews.describe($0, scope: $1) }
        self.coverages = coverages
        self.annualise = annualise
        self.plain = plain
        differ = Set(scopes.map { $0.window ?? dataset.dateRange }).count > 1
        deltasPerCoveredDay = !annualise && Set(coverages.map { $0?.covered }).count > 1
        money = coverages.map { coverage in
            guard annualise, let coverage else { return plain }
            return { plain(coverage.annualised($0) ?? $0) }
        }
    }

    /// Result `i`'s `value` against the first result's `base`: plain, per covered day, or
    /// between the annualised figures.
    func delta(_ value: Int128, of i: Int, from base: Int128) -> String {
        guard let coverage = coverages[i], let baseCoverage = coverages[0] else { return plain(value - base) }
        if annualise, let value = coverage.annualised(value), let base = baseCoverage.annualised(base) {
            return plain(value - base)
        }
        if deltasPerCoveredDay, let change = Coverage.changePerCoveredDay(from: base, over: baseCoverage, to: value, over: coverage) {
            return plain(change)
        }
        return plain(value - base)
    }

    /// `Comparison on DATA: a vs b`, then the window of each scenario and a note when the
    /// windows differ.
    func header(on dataset: String) -> String {
        let annualised = annualise ? ", annualised to 365 days" : ""
        var lines = ["Comparison on \(dataset): " + labels.joined(separator: " vs ")]
        if Set(descriptions).count == 1 {
            lines.append("window of each: \(descriptions[0])\(annualised)")
        } else {
            for (label, description) in zip(labels, descriptions) { lines.append("window of \(label): \(description)\(annualised)") }
        }
        guard differ else { return lines.joined(separator: "\n") }
        if annualise {
            lines.append("note: the scenarios cover different windows; each one's money is annualised (× 365 / its covered days)")
        } else if deltasPerCoveredDay {
            lines.append("note: the scenarios cover windows of different lengths: money deltas are per covered day "
                         + "(each side's figure ÷ its covered days), not growth; --annualise scales each one's money to 365 days")
        } else {
            lines.append("note: the scenarios cover different windows of the same length; --annualise scales each one's money to 365 days")
        }
        return lines.joined(separator: "\n")
    }
}
