import ABCCore

/// Attribute names and values as typed (`where country = France`), read against the loaded
/// dataset's attributes: exact first, then ignoring case (when that names one), else an error
/// with the choices.
enum AttributeName {
    static func attribute(_ token: Token, in dataset: Dataset) throws(CommandError) -> CustomerAttribute {
        let attributes = dataset.attributes
        if let exact = attributes.first(where: { $0.name == token.text }) { return exact }
        let folded = attributes.filter { $0.name.lowercased() == token.text.lowercased() }
        if folded.count == 1 { return folded[0] }
        if let dropped = dataset.report.droppedAttributes.first(where: { $0.name.lowercased() == token.text.lowercased() }) {
            throw CommandError("column '\(dropped.name)' is not an attribute: \(dropped.reason)", column: token.column)
        }
        guard !attributes.isEmpty else {
            throw CommandError(
                "\(dataset.name) has no attribute columns (text columns with at most 1,000 values, see the load report)",
                column: token.column)
        }
        let names = attributes.map(\.name)
        var message = "no attribute '\(token.text)'"
        if folded.count > 1 {
            message = "'\(token.text)' names \(folded.count) attributes that differ in case: give the exact name"
        } else if let near = NearestName.suggestion(for: token.text.lowercased(), among: names.map { $0.lowercased() }),
                  let original = names.first(where: { $0.lowercased() == near }) {
            message += "; did you mean '\(original)'?"
        }
        throw CommandError(message + "; the attributes are " + names.map { "'\($0)'" }.joined(separator: ", "), column: token.column)
    }

    /// The customers' value `token` names (`(none)` or an empty quoted value: those without one).
    static func value(_ token: Token, of attribute: CustomerAttribute) throws(CommandError) -> UInt16 {
        if let exact = attribute.index(of: token.text) { return UInt16(exact) }
        if token.text == Self.none || token.text.isEmpty { return CustomerAttribute.none }
        let folded = attribute.values.indices.filter { attribute.values[$0].lowercased() == token.text.lowercased() }
        if folded.count == 1 { return UInt16(folded[0]) }
        if folded.count > 1 {
            throw CommandError(
                "'\(token.text)' matches \(folded.map { "'\(attribute.values[$0])'" }.joined(separator: ", ")) "
                    + "of \(attribute.name), which differ in case: give the exact value", column: token.column)
        }
        var message = "no customer has \(attribute.name) '\(token.text)'"
        if let near = NearestName.suggestion(for: token.text, among: attribute.values) {
            message += "; did you mean '\(near)'?"
        } else {
            let shown = attribute.values.prefix(10).map { "'\($0)'" }.joined(separator: ", ")
            message += "; its values are \(shown)" + (attribute.values.count > 10 ? " and \(attribute.values.count - 10) more" : "")
        }
        throw CommandError(message, column: token.column)
    }

    /// How customers without a value are shown and named.
    static let none = "(none)"

    static func text(of value: UInt16, in attribute: CustomerAttribute) -> String {
        value == CustomerAttribute.none ? none : attribute.values[Int(value)]
    }

    /// Column titles for the attributes beside the tool's own columns: an attribute called like
    /// one of them (`tier`, `rank`) is prefixed `attr_`, so no record has a key twice.
    static func columnTitles(_ attributes: [CustomerAttribute], besides own: [String]) -> [String] {
        let taken = Set(own.map { $0.lowercased() })
        return attributes.map { taken.contains($0.name.lowercased()) ? "attr_" + $0.name : $0.name }
    }
}
