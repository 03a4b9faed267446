import ABCCore
import Foundation

/// The loader's fuzz entry point: bytes → a dataset or an error, never a crash; what loads
/// is segmented too.
///
/// The bytes are loaded as a file with them would load, three ways: as detected, forced as a
/// customer summary, and forced as lenient transactions (bad rows skipped), so one input reaches
/// the dialect detector, both loaders and the xlsx reader (bytes that start as a zip). Gzip bytes
/// are read from a file, since the loader reads gzip from files only. Errors are the expected
/// answer to most inputs; only a crash, a hang or a leak is a finding.
public enum LoaderHarness {
    /// `run` as libFuzzer calls it.
    public static let entryPoint: FuzzEntryPoint = { data, size in
        run(UnsafeRawBufferPointer(start: data, count: size))
        return 0
    }

    /// Runs one input. Deterministic: one thread, no clock, nothing kept between inputs.
    public static func run(_ bytes: UnsafeRawBufferPointer) {
        let data = Array(bytes)
        guard data.starts(with: [0x1f, 0x8b]) else {
            for options in variants { segment(try? DataLoader.load(bytes: data, name: "input.csv", options: options)) }
            return
        }
        // A file of its own: the corpus tests run inputs in parallel.
        guard let path = Scratch.shared?.replace("input-\(UUID().uuidString).csv.gz", with: data) else { return }
        defer { try? FileManager.default.removeItem(atPath: path) }
        for options in variants { segment(try? DataLoader.load(path: path, options: options)) }
    }

    /// What was loaded, segmented by the default criteria it has with each kind of tiering
    /// rule: the figures of user data reach scoring, ranking and the tier profiles.
    private static func segment(_ dataset: Dataset?) {
        guard let metrics = dataset?.metrics else { return }
        let criteria = WeightedCriterion.standardDefaults.filter { metrics.has($0.criterion) }
        let rules: [TieringRule] = [.standard, .valueShare(.revenue, [80, 15, 5]), .computed(.revenue)]
        for rule in rules {
            _ = try? Segmenter.segment(metrics: metrics, criteria: criteria, rule: rule)
        }
        _ = try? Segmenter.segment(metrics: metrics, criteria: criteria, rule: .standard, scaling: .rank)
    }

    private static let variants: [LoadOptions] = {
        var detected = LoadOptions()
        detected.threads = 1
        var summary = detected
        summary.kind = .customers
        var lenient = detected
        lenient.kind = .transactions
        lenient.lenient = true
        return [detected, summary, lenient]
    }()
}
