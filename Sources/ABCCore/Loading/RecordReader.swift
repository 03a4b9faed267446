/// Feeds records from a `ByteSource` through a `RecordScanner`, block by block, keeping
/// line numbers so any field can be reported as `FILE:LINE:COLUMN`.
///
/// A reader covers the whole file or, for parallel parsing, a byte range of a plain file
/// that starts at a record boundary; `firstLine` is the line number its range starts on
/// (for a later range, relative: the loader adds the lines before it).
final class RecordReader {
    private let source: ByteSource
    let name: String
    let scanner: RecordScanner
    private var capacity: Int
    private(set) var buffer: UnsafeMutablePointer<UInt8>
    private var filled = 0
    private var position = 0
    private var atEnd = false
    /// File offset of `buffer[0]`, and the end of this reader's range.
    private var bufferOffset: Int
    private let rangeEnd: Int?
    private let rangeStart: Int
    /// Line number of the next record.
    private(set) var nextLine: Int
    /// Where the current record starts in `buffer`, and its line number.
    private(set) var recordStart = 0
    private(set) var recordLine = 0
    private let isCancelled: @Sendable () -> Bool
    /// The longest record allowed (`--max-line-size`).
    let maxRecordBytes: Int
    /// Called with the fraction read; a load of several files turns it off for all but one
    /// of the files read at once.
    var progress: (@Sendable (Double) -> Void)?

    /// Bytes read at a time: large enough that reads cost nothing next to parsing, small
    /// enough not to weigh on a load's peak (each part has one).
    static let blockSize = 1 << 20

    init(source: ByteSource, name: String, separator: UInt8?, options: LoadOptions,
         range: Range<Int>? = nil, firstLine: Int = 1) {
        self.source = source
        self.name = name
        scanner = RecordScanner(separator: separator)
        capacity = Self.blockSize
        buffer = .allocate(capacity: capacity)
        isCancelled = options.isCancelled
        maxRecordBytes = max(1, options.maxRecordBytes)
        progress = options.progress
        rangeStart = range?.lowerBound ?? 0
        bufferOffset = range?.lowerBound ?? 0
        rangeEnd = range?.upperBound
        nextLine = firstLine
    }

    deinit { buffer.deallocate() }

    /// Reads the first block (for dialect detection) and skips a UTF-8 byte order mark.
    func prime() throws -> UnsafeBufferPointer<UInt8> {
        try refill()
        if filled >= 3 && buffer[0] == 0xef && buffer[1] == 0xbb && buffer[2] == 0xbf { position = 3 }
        return UnsafeBufferPointer(start: buffer + position, count: filled - position)
    }

    func setSeparator(_ separator: UInt8?) { scanner.separator = separator }

    /// File offset of the next record (plain files).
    var offset: Int { bufferOffset + position }

    /// Bytes left to read, when known (a range, or a plain file).
    var remainingBytes: Int? {
        if let rangeEnd { return rangeEnd - offset }
        return source.isSeekable ? max(0, source.fileSize - offset) : nil
    }

    private func refill() throws {
        if isCancelled() { throw Interrupted() }
        if position > 0 {
            let rest = filled - position
            if rest > 0 { buffer.update(from: buffer + position, count: rest) }
            recordStart -= position
            bufferOffset += position
            filled = rest
            position = 0
        }
        if filled == capacity {  // one record larger than the buffer
            if filled > maxRecordBytes { throw recordTooLong() }
            let grown = min(capacity * 2, maxRecordBytes + 1)
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
            bigger.update(from: buffer, count: filled)
            buffer.deallocate()
            buffer = bigger
            capacity = grown
        }
        let n: Int
        if let rangeEnd {
            let want = min(capacity - filled, rangeEnd - (bufferOffset + filled))
            n = want > 0 ? try source.read(into: buffer + filled, count: want, at: bufferOffset + filled) : 0
        } else {
            n = try source.read(into: buffer + filled, count: capacity - filled)
        }
        filled += n
        if n == 0 { atEnd = true }
        if let progress {
            if let rangeEnd, rangeEnd > rangeStart {
                progress(min(1, Double(bufferOffset + filled - rangeStart) / Double(rangeEnd - rangeStart)))
            } else if source.fileSize > 0 {
                progress(min(1, Double(source.bytesConsumed) / Double(source.fileSize)))
            }
        }
    }

    /// A data error in a gzip stream may be damage its checksum would show: the rest of the
    /// stream is read, and when it does not check out, the damage is the error, at the row it
    /// first broke (random bytes mid-stream often still inflate, into rows that do not parse).
    func explainingDamage(_ rowError: DataError) -> DataError {
        guard source.isCompressed else { return rowError }
        do {
            while try source.read(into: buffer, count: capacity) > 0 {
                if isCancelled() { return rowError }
            }
        } catch {
            return DataError(error.message + ": the rows from here on are damaged (\(rowError.message))", at: rowError.location)
        }
        filled = 0
        position = 0
        atEnd = true
        return rowError
    }

    private func recordTooLong() -> DataError {
        DataError(
            "a record longer than \(maxRecordBytes) bytes (the line size limit): is this a text file with line breaks? "
                + "A file whose lines are that long loads with load --max-line-size BYTES",
            at: SourceLocation(file: name, line: nextLine, column: 1))
    }

    /// Advances to the next record; false at the end of the file (or range).
    func next() throws -> Bool {
        while true {
            if position >= filled {
                if atEnd { return false }
                try refill()
                if position >= filled && atEnd { return false }
                continue
            }
            let end: Int?
            do {
                end = try scanner.scan(buffer, from: position, to: filled, atEnd: atEnd)
            } catch .unterminatedQuote {
                throw DataError(
                    "unterminated quoted field (a '\"' opens a field that never closes)",
                    at: SourceLocation(file: name, line: nextLine, column: 1))
            } catch .textAfterQuote(let offset) {
                recordStart = position
                recordLine = nextLine
                throw DataError(
                    "unexpected text after a closing quote; expected a separator",
                    at: location(ofOffset: offset))
            }
            guard let end else {
                try refill()
                continue
            }
            if end - position > maxRecordBytes { throw recordTooLong() }
            recordStart = position
            recordLine = nextLine
            nextLine += 1 + scanner.embeddedLineBreaks
            position = end
            return true
        }
    }

    /// The bytes read but not yet taken as records, for the loader's in-place fast path
    /// (`PlainRowParser`): valid until the next `next()`, which may refill the buffer.
    @inline(__always)
    var unread: (buffer: UnsafePointer<UInt8>, start: Int, end: Int) { (UnsafePointer(buffer), position, filled) }

    /// Takes the records before buffer offset `end` as read: `records` plain one-line records
    /// the fast path parsed in place.
    @inline(__always)
    func skipParsed(to end: Int, records: Int) {
        position = end
        nextLine += records
    }

    @inline(__always)
    var fieldCount: Int { scanner.count }

    var isBlankRecord: Bool { scanner.isBlank(buffer) }

    /// Line and column (1-based, in bytes) of a buffer offset inside the current record.
    func location(ofOffset offset: Int) -> SourceLocation {
        var line = recordLine
        var lineStart = recordStart
        var i = recordStart
        while i < offset {
            if buffer[i] == 0x0a {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        return SourceLocation(file: name, line: line, column: offset - lineStart + 1)
    }

    /// The column of a field of a one-line record, without scanning (cheap enough per row).
    @inline(__always)
    func column(ofField index: Int) -> Int {
        var start = scanner.fields[index].start
        if start > recordStart && buffer[start - 1] == 0x22 { start -= 1 }
        return start - recordStart + 1
    }

    func location(ofField index: Int) -> SourceLocation {
        let field = scanner.fields[index]
        var start = field.start
        if start > recordStart && buffer[start - 1] == 0x22 { start -= 1 }  // point at the quote
        return location(ofOffset: start)
    }

    /// The field's text, for messages and headers.
    func text(ofField index: Int) -> String {
        let field = scanner.fields[index]
        if field.hasEscapes {
            return String(decoding: RecordScanner.unescaped(buffer, field), as: UTF8.self)
        }
        return String(decoding: UnsafeBufferPointer(start: buffer + field.start, count: field.end - field.start),
                      as: UTF8.self)
    }

    /// Calls `body` with the field's bytes without surrounding spaces and tabs (ids).
    @inline(__always)
    func withTrimmedField<R>(_ index: Int, _ body: (UnsafePointer<UInt8>, Int) throws -> R) rethrows -> R {
        try withField(index) { p, n in
            var lo = 0, hi = n
            while lo < hi && (p[lo] == 0x20 || p[lo] == 0x09) { lo += 1 }
            while hi > lo && (p[hi - 1] == 0x20 || p[hi - 1] == 0x09) { hi -= 1 }
            return try body(p + lo, hi - lo)
        }
    }

    /// Whether the field holds nothing but blanks (checked on the raw bytes: no closure).
    @inline(__always)
    func isBlank(field index: Int) -> Bool {
        let field = scanner.fields[index]
        var i = field.start
        while i < field.end {
            if buffer[i] != 0x20 && buffer[i] != 0x09 { return false }
            i += 1
        }
        return true
    }

    /// Calls `body` with the field's bytes (unescaped when the field has doubled quotes).
    @inline(__always)
    func withField<R>(_ index: Int, _ body: (UnsafePointer<UInt8>, Int) throws -> R) rethrows -> R {
        let field = scanner.fields[index]
        if field.hasEscapes {
            let copy = RecordScanner.unescaped(buffer, field)
            return try copy.withUnsafeBufferPointer { try body($0.baseAddress!, $0.count) }
        }
        return try body(UnsafePointer(buffer + field.start), field.end - field.start)
    }
}
