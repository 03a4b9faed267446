import ABCCore
import ABCShell
import ArgumentParser
import Foundation

/// `abc bench FILE`: the phases of the whole job timed in one process, for `make bench`.
/// Hidden from help: it is a measuring tool, not part of the workshop language.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time the phases of load, segment and re-segment on a file (for make bench).",
        shouldDisplay: false)

    @Argument(help: "A transactions file.")
    var file: String

    @Option(help: "Re-segmentations to time with other weights (median reported).")
    var reseg = 5

    /// The weight sets of ../shared/bench/abc_common.py (RESEG_WEIGHTS).
    static let weightSets: [(Double, Double, Double)] = [
        (0.6, 0.2, 0.2), (0.4, 0.4, 0.2), (0.34, 0.33, 0.33), (0.7, 0.1, 0.2), (0.2, 0.5, 0.3),
    ]

    func run() throws {
        MemoryTuning.apply()
        var clock = Stopwatch()
        var options = LoadOptions()
        options.threads = ProcessSettings.loaderThreads
        let dataset = try DataLoader.load(path: file, options: options)
        let loadTime = clock.lap()
        func line(_ phase: String, _ seconds: Double) -> String {
            phase.padding(toLength: 24, withPad: " ", startingAt: 0) + String(format: "%8.1f ms", seconds * 1000)
        }
        var lines = dataset.report.timings.map { line($0.phase, $0.seconds) }
        lines.append(line("load (total)", loadTime))
        let metrics = dataset.metrics
        let criteria = metrics.defaultCriteria()
        let rule = TieringRule.standard
        clock = Stopwatch()
        let ranking = try Segmenter.rank(metrics: metrics, criteria: criteria, rule: rule)
        let rankTime = clock.lap()
        let segmentation = try Segmenter.tier(ranking, metrics: metrics, criteria: criteria, rule: rule)
        let tierTime = clock.lap()
        _ = try Segmenter.segment(metrics: metrics, criteria: criteria, rule: .valueShare(.revenue, [80, 15, 5]))
        let valueTime = clock.lap()
        lines.append(line("score+rank", rankTime))
        lines.append(line("tier+profile", tierTime))
        lines.append(line("revenue 80/15/5 tiering", valueTime))
        var times: [Double] = []
        for i in 0..<reseg {
            let w = Self.weightSets[i % Self.weightSets.count]
            let weights = [WeightedCriterion(.revenue, w.0), WeightedCriterion(.profit, w.1), WeightedCriterion(.orders, w.2)]
            clock = Stopwatch()
            _ = try Segmenter.segment(metrics: metrics, criteria: weights, rule: rule)
            times.append(clock.lap())
        }
        if !times.isEmpty {
            let median = times.sorted()[times.count / 2]
            lines.append(line("resegment (median)", median) + "  (\(times.count) runs: "
                + times.map { String(format: "%.1f", $0 * 1000) }.joined(separator: ", ") + " ms)")
        }
        lines.append("customers \(dataset.customerCount), rows \(dataset.report.rowsUsed), A = \(segmentation.profile.tiers[0].customers)")
        print(lines.joined(separator: "\n"))
    }
}
