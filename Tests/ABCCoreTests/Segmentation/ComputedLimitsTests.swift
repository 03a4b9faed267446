import Foundation
import Testing
@testable import ABCCore

/// Computed ABC limits against the answers of the `abc-analysis` package (0.1.23) on the
/// generated datasets of Tests/Fixtures/computed-abc (tools/make_computed_abc_fixtures.py).
@Suite("Computed ABC limits")
struct ComputedLimitsTests {
    static let folder: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { break }
        }
        return url.appendingPathComponent("Tests/Fixtures/computed-abc")
    }()

    struct Answer: Sendable, CustomTestStringConvertible {
        var name: String
        var abLimit: Int64, bcLimit: Int64
        var a: Int, b: Int, c: Int
        var testDescription: String { name }
    }

    static var answers: [Answer] {
        guard let text = try? String(contentsOf: folder.appendingPathComponent("answers.csv"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: ",").map(String.init)
            return Answer(name: f[0], abLimit: Int64(f[2])!, bcLimit: Int64(f[3])!, a: Int(f[4])!, b: Int(f[5])!, c: Int(f[6])!)
        }
    }

    @Test func fixturesExist() { #expect(Self.answers.count == 7) }

    /// Where the linear interpolation and the package's cubic spline part (see the fixture
    /// README): the slope of a linear curve is the slope of one customer's segment, so the
    /// break-even point lands one grid step away on these two, moving a boundary by one or two
    /// customers. Class sizes here are ours, worked out with the same limits rule.
    static let knownDifferences: [String: (ab: Int64, bc: Int64, counts: [Int])] = [
        "lognormal-50": (7002, 3562, [15, 9, 26]),
        "lognormal-500": (8954, 5843, [140, 71, 289]),
    ]

    @Test(arguments: answers)
    func matchesThePackage(answer: Answer) throws {
        if let known = Self.knownDifferences[answer.name] {
            let text = try String(contentsOf: Self.folder.appendingPathComponent(answer.name + ".csv"), encoding: .utf8)
            let values = text.split(separator: "\n").dropFirst().map { Int64($0)! }
            let limits = try ComputedLimits.compute(values)
            #expect(limits.abLimit == known.ab && limits.bcLimit == known.bc)
            #expect((0..<3).map { t in values.filter { limits.tier(of: $0) == t }.count } == known.counts)
            // Within two customers of the package in every class.
            #expect(zip(known.counts, [answer.a, answer.b, answer.c]).allSatisfy { abs($0 - $1) <= 2 })
            return
        }
        let text = try String(contentsOf: Self.folder.appendingPathComponent(answer.name + ".csv"), encoding: .utf8)
        let values = text.split(separator: "\n").dropFirst().map { Int64($0)! }
        let limits = try ComputedLimits.compute(values)
        let tiers = values.map(limits.tier(of:))
        let counts = (0..<3).map { t in tiers.filter { $0 == t }.count }
        #expect(limits.abLimit == answer.abLimit, "A|B limit")
        #expect(limits.bcLimit == answer.bcLimit, "B|C limit")
        #expect(counts == [answer.a, answer.b, answer.c])
    }

    @Test func tooFewOrNoPositiveValuesAreRefused() {
        #expect(throws: RequestError.self) { try ComputedLimits.compute([5, 3]) }
        #expect(throws: RequestError.self) { try ComputedLimits.compute([0, -1, 0, 0]) }
    }
}
