/// How to read a data file. Everything defaults to detection.
public struct LoadOptions: Sendable {
    public enum Separator: String, Sendable, CaseIterable {
        case comma, semicolon, tab, pipe, whitespace

        var byte: UInt8? {
            switch self {
            case .comma: return 0x2c
            case .semicolon: return 0x3b
            case .tab: return 0x09
            case .pipe: return 0x7c
            case .whitespace: return nil
            }
        }
    }

    /// Force transactions or customer summary; nil detects (a date column means transactions).
    public var kind: DataKind?
    public var separator: Separator?
    /// Day/month order for slash dates when the data cannot settle it.
    public var dateOrder: DateOrder?
    /// Skip and count bad rows instead of stopping at the first.
    public var lenient = false
    /// A declared thousands separator: `,` `.` `'` or space.
    public var thousandsSeparator: Character?
    /// Columns mapped by hand, by header name; `revenue` may list several (summed).
    public var columns: [ColumnRole: [String]] = [:]
    /// The sheet of an Excel workbook to read (by name, exactly or ignoring case); nil is the
    /// first sheet. Refused for text files.
    public var sheet: String?
    /// The name errors and the report use for the file (default: the path).
    public var displayName: String?
    /// Polled between blocks; a load that sees `true` throws `Interrupted`.
    public var isCancelled: @Sendable () -> Bool = { false }
    /// Called between blocks with the fraction of the file read.
    public var progress: (@Sendable (Double) -> Void)?
    /// Threads that parse parts of a large plain file at once (at most 8 are used); nil is
    /// the number of active processors. 1 reads in one piece (for profiling).
    public var threads: Int?

    /// The longest record read (a line, or the lines of a quoted field), in bytes: a file with
    /// no line breaks (`/dev/zero`, binary data) stops with an error instead of filling memory.
    /// `load --max-line-size N`, as DuckDB's `max_line_size`.
    public var maxRecordBytes = LoadOptions.defaultMaxRecordBytes
    public static let defaultMaxRecordBytes = 16 << 20

    /// The bytes a load may take (what the machine has available, or `load --memory-limit`);
    /// a load that would need more stops with an error saying so (`LoadMemory`). nil: no check.
    public var memoryBudget: Int?

    public init() {}

    /// The options for the file at `index` of `count`: progress reports its share of the load.
    func forFile(_ index: Int, of count: Int) -> LoadOptions {
        guard let progress, count > 1 else { return self }
        var options = self
        let n = Double(count), i = Double(index)
        options.progress = { progress((i + $0) / n) }
        return options
    }
}
