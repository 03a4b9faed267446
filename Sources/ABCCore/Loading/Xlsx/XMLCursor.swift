/// Walks the tags of an XML document in place, as byte ranges, without building strings.
///
/// Hand-written rather than Foundation's `XMLParser` (FoundationXML, on libxml2): a sheet of
/// 100,000 rows has over a million tags, and `XMLParser` calls back with a `String` for every
/// element name, attribute and text; this walk compares bytes where they lie. Enough XML for the parts of a workbook: elements, attributes in
/// either quote, namespace prefixes (`x:c` is `c`), comments, processing instructions,
/// CDATA, the five named entities and character references. Not a validating parser:
/// malformed markup ends the walk (`nextTag` returns nil) rather than trapping.
struct XMLCursor {
    struct Tag {
        /// The local name (after any `prefix:`).
        var name: Range<Int>
        /// Between the name and `>` (or `/>`).
        var attributes: Range<Int>
        var isClosing: Bool
        var isSelfClosing: Bool
    }

    let base: UnsafePointer<UInt8>
    let count: Int
    /// Where the walk is: just past the last tag returned.
    var position = 0

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        // An empty buffer has no base address: point at a static empty byte instead.
        base = buffer.baseAddress ?? UnsafePointer(XMLCursor.emptyByte)
        count = buffer.count
    }

    nonisolated(unsafe) private static let emptyByte: UnsafeMutablePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        p.initialize(to: 0)
        return p
    }()

    @inline(__always)
    private static func isNameEnd(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0a || b == 0x0d || b == 0x3e || b == 0x2f
    }

    /// The next element tag (opening, closing or self-closing), or nil at the end.
    mutating func nextTag() -> Tag? {
        var i = position
        while true {
            while i < count && base[i] != 0x3c { i += 1 }
            guard i + 1 < count else { position = count; return nil }
            let b = base[i + 1]
            if b == 0x3f {  // <? … ?>
                guard let end = find(0x3f, 0x3e, from: i + 2) else { position = count; return nil }
                i = end + 2
                continue
            }
            if b == 0x21 {  // <!-- … -->, <![CDATA[ … ]]>, <!DOCTYPE … >
                if i + 3 < count && base[i + 2] == 0x2d && base[i + 3] == 0x2d {
                    guard let end = find(0x2d, 0x2d, from: i + 4), end + 2 < count else { position = count; return nil }
                    i = end + 3
                } else if i + 8 < count && base[i + 2] == 0x5b {
                    guard let end = find(0x5d, 0x5d, from: i + 9) else { position = count; return nil }
                    i = end + 3
                } else {
                    while i < count && base[i] != 0x3e { i += 1 }
                    i += 1
                }
                continue
            }
            var j = i + 1
            let closing = base[j] == 0x2f
            if closing { j += 1 }
            var nameStart = j
            while j < count && !Self.isNameEnd(base[j]) {
                if base[j] == 0x3a { nameStart = j + 1 }
                j += 1
            }
            let nameEnd = j
            // Attributes run to the `>` outside quotes.
            var quote: UInt8 = 0
            while j < count {
                let c = base[j]
                if quote != 0 {
                    if c == quote { quote = 0 }
                } else if c == 0x22 || c == 0x27 {
                    quote = c
                } else if c == 0x3e {
                    break
                }
                j += 1
            }
            guard j < count else { position = count; return nil }
            let selfClosing = j > nameEnd && base[j - 1] == 0x2f
            position = j + 1
            return Tag(name: nameStart..<nameEnd, attributes: nameEnd..<(selfClosing ? j - 1 : j),
                       isClosing: closing, isSelfClosing: selfClosing)
        }
    }

    /// Offset of the two bytes `a b` from `start`, or nil.
    private func find(_ a: UInt8, _ b: UInt8, from start: Int) -> Int? {
        var i = start
        while i + 1 < count {
            if base[i] == a && base[i + 1] == b { return i }
            i += 1
        }
        return nil
    }

    /// Whether `range` holds exactly the ASCII bytes of `name`.
    @inline(__always)
    func matches(_ range: Range<Int>, _ name: StaticString) -> Bool {
        guard range.count == name.utf8CodeUnitCount else { return false }
        let n = name.utf8Start
        for k in 0..<range.count where base[range.lowerBound + k] != n[k] { return false }
        return true
    }

    /// The raw value (entities not decoded) of the attribute whose local name is `name`.
    func attribute(_ name: StaticString, of tag: Tag) -> Range<Int>? {
        var i = tag.attributes.lowerBound
        let end = tag.attributes.upperBound
        while i < end {
            while i < end && (base[i] == 0x20 || base[i] == 0x09 || base[i] == 0x0a || base[i] == 0x0d) { i += 1 }
            var nameStart = i
            while i < end && base[i] != 0x3d && base[i] != 0x20 && base[i] != 0x09 && base[i] != 0x0a && base[i] != 0x0d {
                if base[i] == 0x3a { nameStart = i + 1 }
                i += 1
            }
            let nameEnd = i
            while i < end && base[i] != 0x3d { i += 1 }
            i += 1
            while i < end && base[i] != 0x22 && base[i] != 0x27 { i += 1 }
            guard i < end else { return nil }
            let quote = base[i]
            let valueStart = i + 1
            i = valueStart
            while i < end && base[i] != quote { i += 1 }
            if matches(nameStart..<nameEnd, name) { return valueStart..<i }
            i += 1
        }
        return nil
    }

    /// The text from the walk's position to the next `<` (the content after the last tag).
    mutating func textToNextTag() -> Range<Int> {
        var i = position
        while i < count && base[i] != 0x3c { i += 1 }
        return position..<i
    }

    /// The bytes of `range`, entities and `&#…;` references decoded; with `excelEscapes`, also
    /// Excel's `_xHHHH_` (a UTF-16 code unit, as Excel writes control characters: `_x000D_`).
    func appendDecoded(_ range: Range<Int>, to out: inout [UInt8], excelEscapes: Bool = false) {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let b = base[i]
            if b == 0x26, let (scalar, next) = entity(at: i, end: end) {
                append(scalar, to: &out)
                i = next
            } else if b == 0x5f && excelEscapes, i + 6 < end, base[i + 1] == 0x78, base[i + 6] == 0x5f,
                      let unit = hex(i + 2..<i + 6) {
                // Lone surrogates cannot be UTF-8: they are kept as written.
                if let scalar = Unicode.Scalar(unit) {
                    append(scalar, to: &out)
                    i += 7
                } else {
                    out.append(b)
                    i += 1
                }
            } else {
                out.append(b)
                i += 1
            }
        }
    }

    /// The decoded text of `range` as a `String` (names, small parts; never per cell).
    func string(_ range: Range<Int>, excelEscapes: Bool = false) -> String {
        var bytes: [UInt8] = []
        appendDecoded(range, to: &bytes, excelEscapes: excelEscapes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `range` holds nothing that needs decoding (the bytes can be copied as they are).
    @inline(__always)
    func isPlain(_ range: Range<Int>) -> Bool {
        for k in range where base[k] == 0x26 || base[k] == 0x5f { return false }
        return true
    }

    private func entity(at i: Int, end: Int) -> (Unicode.Scalar, Int)? {
        var j = i + 1
        while j < end && j - i <= 10 && base[j] != 0x3b { j += 1 }
        guard j < end && base[j] == 0x3b else { return nil }
        let body = (i + 1)..<j
        if matches(body, "amp") { return ("&", j + 1) }
        if matches(body, "lt") { return ("<", j + 1) }
        if matches(body, "gt") { return (">", j + 1) }
        if matches(body, "quot") { return ("\"", j + 1) }
        if matches(body, "apos") { return ("'", j + 1) }
        guard body.count >= 2, base[body.lowerBound] == 0x23 else { return nil }
        let value: UInt32?
        if base[body.lowerBound + 1] == 0x78 || base[body.lowerBound + 1] == 0x58 {
            value = hex((body.lowerBound + 2)..<body.upperBound)
        } else {
            var v: UInt32 = 0
            var ok = body.count > 1 && body.count <= 8
            for k in (body.lowerBound + 1)..<body.upperBound {
                let d = base[k] &- 0x30
                if d >= 10 { ok = false; break }
                v = v * 10 + UInt32(d)
            }
            value = ok ? v : nil
        }
        guard let value, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, j + 1)
    }

    private func hex(_ range: Range<Int>) -> UInt32? {
        guard !range.isEmpty, range.count <= 6 else { return nil }
        var v: UInt32 = 0
        for k in range {
            let b = base[k]
            let d: UInt8
            switch b {
            case 0x30...0x39: d = b - 0x30
            case 0x41...0x46: d = b - 0x41 + 10
            case 0x61...0x66: d = b - 0x61 + 10
            default: return nil
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }

    private func append(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        let v = scalar.value
        if v < 0x80 {
            out.append(UInt8(v))
        } else if v < 0x800 {
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }
}
