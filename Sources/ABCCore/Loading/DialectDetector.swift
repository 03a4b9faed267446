/// Guesses the separator from the header and the first rows: the candidate that splits the
/// header into the most fields and every sampled row into the same number wins.
enum DialectDetector {
    static func separator(in sample: UnsafeBufferPointer<UInt8>) -> LoadOptions.Separator {
        guard let base = sample.baseAddress, sample.count > 0 else { return .comma }
        // Drop the last, possibly cut, line unless the sample is the whole file.
        var end = sample.count
        if let lastBreak = (0..<sample.count).last(where: { base[$0] == 0x0a }), lastBreak + 1 < end {
            end = lastBreak + 1
        }
        end = min(end, 1 << 16)
        var best: (separator: LoadOptions.Separator, fields: Int, consistent: Bool)?
        for candidate in [LoadOptions.Separator.comma, .semicolon, .tab, .pipe, .whitespace] {
            let scanner = RecordScanner(separator: candidate.byte)
            var position = 0
            var headerFields = 0
            var consistent = true
            var rows = 0
            while position < end && rows < 50 {
                guard let next = try? scanner.scan(base, from: position, to: end, atEnd: true) else { break }
                position = next
                if scanner.isBlank(base) { continue }
                if headerFields == 0 {
                    headerFields = scanner.count
                } else if scanner.count != headerFields {
                    consistent = false
                }
                rows += 1
            }
            guard headerFields >= 2 else { continue }
            if let current = best {
                let better = (consistent && !current.consistent)
                    || (consistent == current.consistent && headerFields > current.fields
                        && candidate != .whitespace)
                if better { best = (candidate, headerFields, consistent) }
            } else {
                best = (candidate, headerFields, consistent)
            }
        }
        return best?.separator ?? .comma
    }
}
