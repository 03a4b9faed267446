/// Splits delimited text into records and fields, in place, without copying.
///
/// Hand-written (not a CSV package) for speed and for exact error locations: fields are
/// byte ranges into the read buffer, RFC 4180 quotes may hold separators, quotes and line
/// breaks, CRLF and LF both end a record, and `separator == nil` means runs of blanks.
/// A class with raw field storage, so the per-row loop does no reference counting.
final class RecordScanner {
    /// One field of the current record: `start..<end` in the buffer, quotes removed.
    struct Field {
        var start: Int
        var end: Int
        /// Quoted and containing doubled quotes, so the bytes need unescaping before use.
        var hasEscapes: Bool
    }

    enum Failure: Error {
        case unterminatedQuote
        case textAfterQuote(offset: Int)
    }

    /// The separator byte, or nil for "one or more spaces or tabs".
    var separator: UInt8?
    private(set) var fields: UnsafeMutablePointer<Field>
    private(set) var count = 0
    private var capacity = 64
    /// Line breaks inside quoted fields of the last record (its physical line count − 1).
    private(set) var embeddedLineBreaks = 0

    init(separator: UInt8?) {
        self.separator = separator
        fields = .allocate(capacity: capacity)
    }

    deinit { fields.deallocate() }

    @inline(__always)
    private func append(_ start: Int, _ end: Int, _ escapes: Bool) {
        if count == capacity {
            let bigger = UnsafeMutablePointer<Field>.allocate(capacity: capacity * 2)
            bigger.update(from: fields, count: count)
            fields.deallocate()
            fields = bigger
            capacity *= 2
        }
        fields[count] = Field(start: start, end: end, hasEscapes: escapes)
        count += 1
    }

    /// Scans the record starting at `position`. Returns the position just past its line
    /// break, or nil when the buffer ends inside it and more input may follow (`atEnd` false).
    func scan(
        _ buffer: UnsafePointer<UInt8>, from position: Int, to end: Int, atEnd: Bool
    ) throws(Failure) -> Int? {
        count = 0
        embeddedLineBreaks = 0
        var i = position
        let whitespace = separator == nil
        let sep = separator ?? 0x20
        if whitespace {
            while i < end && (buffer[i] == 0x20 || buffer[i] == 0x09) { i += 1 }
        }
        while true {
            // After the field: the record ends at a line break (CRLF or LF) or at the end.
            if i < end && buffer[i] == 0x22 {
                let contentStart = i + 1
                var j = contentStart
                var escapes = false
                var breaks = 0
                while true {
                    if j >= end {
                        if atEnd { throw .unterminatedQuote }
                        return nil
                    }
                    let b = buffer[j]
                    if b == 0x22 {
                        if j + 1 < end && buffer[j + 1] == 0x22 {
                            escapes = true
                            j += 2
                            continue
                        }
                        if j + 1 >= end && !atEnd { return nil }
                        break
                    }
                    if b == 0x0a { breaks += 1 }
                    j += 1
                }
                embeddedLineBreaks += breaks
                append(contentStart, j, escapes)
                i = j + 1
                if whitespace {
                    while i < end && (buffer[i] == 0x20 || buffer[i] == 0x09) { i += 1 }
                }
            } else {
                // Unquoted field: up to the separator or the line break.
                let start = i
                if whitespace {
                    while i < end {
                        let b = buffer[i]
                        if b == 0x20 || b == 0x09 || b == 0x0a || b == 0x0d { break }
                        i += 1
                    }
                } else {
                    while i < end {
                        let b = buffer[i]
                        if b == sep || b == 0x0a || b == 0x0d { break }
                        i += 1
                    }
                }
                if i >= end && !atEnd { return nil }
                append(start, i, false)
                if whitespace {
                    while i < end && (buffer[i] == 0x20 || buffer[i] == 0x09) { i += 1 }
                }
            }
            if i >= end {
                if !atEnd { return nil }
                return i
            }
            let b = buffer[i]
            if b == 0x0a { return i + 1 }
            if b == 0x0d {
                if i + 1 < end { return buffer[i + 1] == 0x0a ? i + 2 : i + 1 }
                return atEnd ? i + 1 : nil
            }
            if whitespace { continue }  // blanks separated the field from the next one
            if b == sep {
                i += 1
                continue
            }
            throw .textAfterQuote(offset: i)
        }
    }

    /// Whether the last record was a blank line (nothing but blanks).
    func isBlank(_ buffer: UnsafePointer<UInt8>) -> Bool {
        guard count == 1 else { return count == 0 }
        let f = fields[0]
        if f.end == f.start { return f.start == 0 || buffer[f.start - 1] != 0x22 }  // "" is a value
        var i = f.start
        while i < f.end {
            if buffer[i] != 0x20 && buffer[i] != 0x09 { return false }
            i += 1
        }
        return f.start == 0 || buffer[f.start - 1] != 0x22
    }

    /// The field's bytes with doubled quotes collapsed.
    static func unescaped(_ buffer: UnsafePointer<UInt8>, _ field: Field) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(field.end - field.start)
        var i = field.start
        while i < field.end {
            out.append(buffer[i])
            i += buffer[i] == 0x22 ? 2 : 1
        }
        return out
    }
}
