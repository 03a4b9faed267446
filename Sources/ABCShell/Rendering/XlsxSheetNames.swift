/// Sheet names Excel accepts, made from any text (a scenario's name, a table's title): at most
/// 31 characters, none of `[ ] : * ? / \`, not starting or ending with `'`, not `History`,
/// and unique in the workbook regardless of case (a repeated name gets ` 2`, ` 3`…).
struct XlsxSheetNames {
    static let maxLength = 31
    private static let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    private var taken: Set<String> = []

    /// A name for a new sheet, from `wanted`.
    mutating func make(_ wanted: String) -> String {
        var base = String(wanted.map { Self.forbidden.contains($0) || $0.isNewline ? " " : $0 })
        base = String(base.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " "))
        while base.hasPrefix("'") { base.removeFirst() }
        while base.hasSuffix("'") { base.removeLast() }
        if base.isEmpty || base.lowercased() == "history" { base = "sheet" + (base.isEmpty ? "" : " " + base) }
        base = Self.clipped(base, to: Self.maxLength)
        var name = base
        var n = 2
        while taken.contains(name.lowercased()) {
            let suffix = " \(n)"
            name = Self.clipped(base, to: Self.maxLength - suffix.count) + suffix
            n += 1
        }
        taken.insert(name.lowercased())
        return name
    }

    /// At most `length` UTF-16 units (what Excel counts), cut between scalars.
    private static func clipped(_ text: String, to length: Int) -> String {
        var scalars = String.UnicodeScalarView()
        var units = 0
        for scalar in text.unicodeScalars {
            units += scalar.utf16.count
            if units > length { break }
            scalars.append(scalar)
        }
        var out = String(scalars)
        while out.hasSuffix(" ") || out.hasSuffix("'") { out.removeLast() }
        return out
    }
}
