/// Parses money and quantities into exact 1/10,000 fixed point, straight from the bytes.
///
/// Hand-written rather than `Double(String)`: it must be exact (no binary floating point),
/// fast (no `String` per field), and tell the caller precisely what was wrong.
/// Accepts `-12.50`, `12.5`, `1.776357e-15`, `(12.50)`, `$12.50`, `12,50 €`; a decimal comma
/// when the file's separator is not a comma; thousands separators only when declared.
/// Decimals typed in commands go through `ExactDecimal` instead: this parser stays on the
/// file's bytes, where a `String` per field would cost the load its speed.
struct NumberParser: Sendable {
    enum Outcome: Equatable {
        /// The value in units; `rounded` when digits beyond the 4th decimal were dropped.
        case value(Int64, rounded: Bool)
        case empty
        case invalid
        case tooLarge
    }

    /// Whether a comma may be a decimal mark (the separator is not a comma).
    var allowsDecimalComma: Bool
    /// A declared thousands separator (`,` `.` `'` or space), or nil.
    var thousands: UInt8?

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// The value of a plain `123.45` / `-7` / `0.5` (the bulk of every export: at most 14
    /// bytes, digits, a leading minus, one point and 1–4 decimals), or nil for the general path.
    /// Inlined into the loader's fast path (`PlainRowParser`), which calls `parse` only for the rest.
    @inline(__always)
    func plainValue(_ base: UnsafePointer<UInt8>, _ count: Int) -> Int64? {
        guard count > 0 && count <= 14 && thousands != 0x2e else { return nil }
        var i = 0
        var negative = false
        if base[0] == 0x2d { negative = true; i = 1 }
        guard i < count else { return nil }
        var mantissa: Int64 = 0
        var fraction = -1
        while i < count {
            let d = base[i] &- 0x30
            if d < 10 {
                mantissa = mantissa &* 10 &+ Int64(d)
                if fraction >= 0 { fraction += 1 }
            } else if base[i] == 0x2e && fraction < 0 {
                fraction = 0
            } else {
                return nil
            }
            i += 1
        }
        guard fraction != 0 && fraction <= 4 else { return nil }
        var v = mantissa
        for _ in max(0, fraction)..<4 { v = v &* 10 }
        return negative ? -v : v
    }

    func parse(_ base: UnsafePointer<UInt8>, _ count: Int) -> Outcome {
        if let v = plainValue(base, count) { return .value(v, rounded: false) }
        var lo = 0
        var hi = count
        // General path.
        // Blanks: space, tab, and the no-break spaces of spreadsheet exports (U+00A0, U+202F).
        func skipBlanksForward() {
            while lo < hi {
                let n = Self.blankLength(base, lo, hi)
                if n == 0 { break }
                lo += n
            }
        }
        func skipBlanksBackward() {
            while hi > lo {
                let n = Self.blankLengthBefore(base, lo, hi)
                if n == 0 { break }
                hi -= n
            }
        }
        skipBlanksForward()
        skipBlanksBackward()
        if lo == hi { return .empty }
        var negative = false
        if base[lo] == 0x28 && base[hi - 1] == 0x29 {  // accounting negative: (12.50)
            negative = true
            lo += 1
            hi -= 1
        }
        func skipSign() {
            if lo < hi && (base[lo] == 0x2d || base[lo] == 0x2b) {
                if base[lo] == 0x2d { negative.toggle() }
                lo += 1
            }
        }
        skipSign()
        let prefix = Self.currencyLength(base + lo, hi - lo, atEnd: false)
        if prefix > 0 {
            lo += prefix
            skipBlanksForward()
            skipSign()
        }
        let suffix = Self.currencyLength(base + lo, hi - lo, atEnd: true)
        if suffix > 0 {
            hi -= suffix
            skipBlanksBackward()
        }
        if lo == hi { return .invalid }

        var mantissa: UInt64 = 0
        var significant = 0
        var exponentAdjust = 0  // integer digits dropped beyond 19 significant ones
        var fractionDigits = 0
        var sticky = false  // a non-zero digit was dropped
        var seenDecimal = false
        var seenDigit = false
        var i = lo
        var lastWasDigit = false
        while i < hi {
            let b = base[i]
            let d = b &- 0x30
            if d < 10 {
                seenDigit = true
                lastWasDigit = true
                if significant < 19 {
                    if mantissa != 0 || d != 0 { significant += 1 }
                    mantissa = mantissa * 10 + UInt64(d)
                    if seenDecimal { fractionDigits += 1 }
                } else {
                    if d != 0 { sticky = true }
                    if !seenDecimal { exponentAdjust += 1 }
                }
                i += 1
                continue
            }
            if let thousands, !seenDecimal, lastWasDigit {
                // A declared space also matches the no-break spaces used as group separators.
                let length = b == thousands ? 1 : (thousands == 0x20 ? Self.blankLength(base, i, hi) : 0)
                if length > 0, i + length < hi, base[i + length] &- 0x30 < 10 {
                    lastWasDigit = false
                    i += length
                    continue
                }
            }
            let isDecimal = b == 0x2e ? thousands != 0x2e
                : (b == 0x2c && (allowsDecimalComma || thousands == 0x2e) && thousands != 0x2c)
            if isDecimal && !seenDecimal {
                seenDecimal = true
                lastWasDigit = false
                i += 1
                continue
            }
            break
        }
        if !seenDigit { return .invalid }
        var exponent = 0
        if i < hi && (base[i] == 0x65 || base[i] == 0x45) {  // e / E
            i += 1
            var expNegative = false
            if i < hi && (base[i] == 0x2d || base[i] == 0x2b) {
                expNegative = base[i] == 0x2d
                i += 1
            }
            var expDigits = 0
            while i < hi, base[i] &- 0x30 < 10 {
                if exponent < 100_000 { exponent = exponent * 10 + Int(base[i] &- 0x30) }
                expDigits += 1
                i += 1
            }
            if expDigits == 0 { return .invalid }
            if expNegative { exponent = -exponent }
        }
        if i != hi { return .invalid }

        // value = mantissa × 10^(scale10) units
        let scale10 = FixedPoint.digits - fractionDigits + exponentAdjust + exponent
        if mantissa == 0 { return .value(0, rounded: sticky) }
        if scale10 >= 0 {
            var v = mantissa
            for _ in 0..<scale10 {
                let (m, o) = v.multipliedReportingOverflow(by: 10)
                if o { return .tooLarge }
                v = m
            }
            if v > UInt64(Int64.max) { return .tooLarge }
            return .value(negative ? -Int64(v) : Int64(v), rounded: sticky)
        }
        let k = -scale10
        if k > 19 { return .value(0, rounded: true) }
        var divisor: UInt64 = 1
        for _ in 0..<k { divisor *= 10 }
        var q = mantissa / divisor
        let r = mantissa % divisor
        let half = divisor / 2
        if r > half || (r == half && r != 0 && (sticky || q & 1 == 1)) { q += 1 }
        let rounded = r != 0 || sticky
        if q > UInt64(Int64.max) { return .tooLarge }
        return .value(negative ? -Int64(q) : Int64(q), rounded: rounded)
    }

    /// Bytes of the blank at i (space, tab, U+00A0, U+202F), or 0.
    @inline(__always)
    static func blankLength(_ base: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let b = base[i]
        if b == 0x20 || b == 0x09 { return 1 }
        if b == 0xc2 && i + 1 < end && base[i + 1] == 0xa0 { return 2 }
        if b == 0xe2 && i + 2 < end && base[i + 1] == 0x80 && base[i + 2] == 0xaf { return 3 }
        return 0
    }

    /// Bytes of the blank that ends just before `end`, or 0.
    @inline(__always)
    static func blankLengthBefore(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        let b = base[end - 1]
        if b == 0x20 || b == 0x09 { return 1 }
        if end - start >= 2 && base[end - 2] == 0xc2 && b == 0xa0 { return 2 }
        if end - start >= 3 && base[end - 3] == 0xe2 && base[end - 2] == 0x80 && b == 0xaf { return 3 }
        return 0
    }

    /// UTF-8 currency symbols ignored around numbers.
    private static let currencySymbols: [[UInt8]] = [
        [0x24],  // $
        [0xe2, 0x82, 0xac],  // €
        [0xc2, 0xa3],  // £
        [0xc2, 0xa5],  // ¥
        [0xe2, 0x82, 0xb9],  // ₹
        [0xe2, 0x82, 0xbd],  // ₽
        [0xe2, 0x82, 0xa9],  // ₩
        [0xe2, 0x82, 0xba],  // ₺
    ]

    private static func currencyLength(_ p: UnsafePointer<UInt8>, _ n: Int, atEnd: Bool) -> Int {
        for symbol in currencySymbols where symbol.count <= n {
            let start = atEnd ? n - symbol.count : 0
            var match = true
            for (j, b) in symbol.enumerated() where p[start + j] != b {
                match = false
                break
            }
            if match { return symbol.count }
        }
        return 0
    }
}
