import Foundation

/// A file of a load with its separator settled and its header read: the reader stands at
/// the first row.
struct OpenedFile {
    /// Its place among the files of the load (0 for the first).
    let index: Int
    let name: String
    let source: ByteSource
    let reader: RecordReader
    let header: [String]
    let separator: LoadOptions.Separator
    /// Bytes per line of the first block, for the memory estimate; nil when it holds no line break.
    let averageRecordBytes: Double?

    /// Opens `file`, detects its separator unless one is given and reads its header (the
    /// first non-blank record).
    init(_ file: DataFile, index: Int, options: LoadOptions) throws {
        self.index = index
        name = file.name
        let source = try file.makeSource()
        let reader = RecordReader(source: source, name: file.name, separator: nil, options: options)
        let sample = try reader.prime()
        let lineBreaks = sample.reduce(0) { $0 + ($1 == 0x0a ? 1 : 0) }
        averageRecordBytes = lineBreaks > 0 ? Double(sample.count) / Double(lineBreaks) : nil
        let separator = options.separator ?? DialectDetector.separator(in: sample)
        reader.setSeparator(separator.byte)
        self.source = source
        self.reader = reader
        self.separator = separator
        var header: [String] = []
        while try reader.next() {
            if reader.isBlankRecord { continue }
            header = (0..<reader.fieldCount).map {
                reader.text(ofField: $0).trimmingCharacters(in: .whitespaces)
            }
            break
        }
        if header.isEmpty { throw DataError("'\(file.name)' is empty: expected a header line with column names") }
        self.header = header
    }

    /// Refuses a later file of the load whose separator or columns differ from the first's:
    /// its rows would not mean what the first file's mean.
    func checkSameLayout(as first: OpenedFile) throws(DataError) {
        if separator != first.separator {
            throw DataError(
                "'\(name)' is \(separator.rawValue)-separated but '\(first.name)' is \(first.separator.rawValue)-separated; "
                    + "the files of one load must have the same layout (or give --sep when detection is wrong)")
        }
        guard header != first.header else { return }
        func list(_ columns: [String]) -> String { columns.map { "'\($0)'" }.joined(separator: ", ") }
        var difference = ""
        if let i = zip(header, first.header).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            difference = "column \(i + 1) is '\(header[i])' in '\(name)' but '\(first.header[i])' in '\(first.name)'"
        } else {
            difference = "'\(name)' has \(header.count) columns, '\(first.name)' \(first.header.count)"
        }
        throw DataError(
            "the columns of '\(name)' differ from those of '\(first.name)' (\(difference)); the files of one load must "
                + "have the same columns in the same order. '\(first.name)': \(list(first.header)); '\(name)': \(list(header))")
    }
}
