import Foundation
@testable import ABCCore

/// Small data loaded from memory, or written to a fresh temporary directory when a test needs a file.
enum Fixture {
    /// A new empty directory under the system temporary directory.
    static func makeDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("abc-coretests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `bytes` as `name` in a fresh directory and returns the file's path.
    static func write(bytes: [UInt8], name: String = "data.csv", in directory: URL? = nil) throws -> String {
        let dir = try directory ?? makeDirectory()
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    static func write(_ text: String, name: String = "data.csv", in directory: URL? = nil) throws -> String {
        try write(bytes: Array(text.utf8), name: name, in: directory)
    }

    /// Removes the directory a fixture was written to.
    static func remove(_ path: String) {
        try? FileManager.default.removeItem(at: URL(fileURLWithPath: path).deletingLastPathComponent())
    }

    /// Loads `text` as a file of that content would load; errors name it `name` (default `data.csv`).
    static func load(
        _ text: String, name: String = "data.csv", options: LoadOptions = LoadOptions()
    ) throws -> Dataset {
        try load(bytes: Array(text.utf8), name: name, options: options)
    }

    /// Loads `bytes` from memory (no file); errors name the data `name`.
    static func load(
        bytes: [UInt8], name: String = "data.csv", options: LoadOptions = LoadOptions()
    ) throws -> Dataset {
        try DataLoader.load(bytes: bytes, name: name, options: options)
    }

    /// The `DataError` a load of `text` throws, or nil when it loads.
    static func loadError(
        _ text: String, name: String = "data.csv", options: LoadOptions = LoadOptions()
    ) -> DataError? {
        do {
            _ = try load(text, name: name, options: options)
            return nil
        } catch let error as DataError {
            return error
        } catch {
            return DataError("unexpected error type: \(error)")
        }
    }
}

/// Options with the given settings, for one-line call sites.
func options(
    separator: LoadOptions.Separator? = nil, kind: DataKind? = nil, dateOrder: DateOrder? = nil,
    lenient: Bool = false, thousands: Character? = nil, columns: [ColumnRole: [String]] = [:],
    displayName: String? = nil
) -> LoadOptions {
    var o = LoadOptions()
    o.separator = separator
    o.kind = kind
    o.dateOrder = dateOrder
    o.lenient = lenient
    o.thousandsSeparator = thousands
    o.columns = columns
    o.displayName = displayName
    return o
}

/// Day number of a calendar date (shorthand).
func day(_ year: Int, _ month: Int, _ day: Int) -> Int32 {
    CivilDate.dayNumber(year: year, month: month, day: day)
}

extension Dataset {
    /// Metrics of one customer by id.
    func index(_ id: String) -> Int? { customerIDs.index(of: id) }
    func revenue(_ id: String) -> Int64? { index(id).map { metrics.revenue[$0] } }
    func profit(_ id: String) -> Int64? { index(id).flatMap { i in metrics.profit.map { $0[i] } } }
    func orders(_ id: String) -> Int64? { index(id).flatMap { i in metrics.orders.map { $0[i] } } }
    func first(_ id: String) -> String? { index(id).flatMap { i in metrics.first.map { CivilDate.iso($0[i]) } } }
    func last(_ id: String) -> String? { index(id).flatMap { i in metrics.last.map { CivilDate.iso($0[i]) } } }
    /// All ids in index order.
    var ids: [String] { (0..<customerIDs.count).map { customerIDs[$0] } }
    /// Report columns as `role=column` strings.
    var columnMap: [String] { report.columns.map { "\($0.role.rawValue)=\($0.column)" } }
}

/// SplitMix64: a tiny seeded generator so random tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
