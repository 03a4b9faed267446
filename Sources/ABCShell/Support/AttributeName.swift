import ABCCore

/// Attribute names and values as typed (`where country = France`), read against the loaded
/// dataset's attributes: exact first, then ignoring case, else an error with the choices.
enum AttributeName {
    static func attribute(_ token: Token, in dataset: Dataset) throws(CommandError) -> CustomerAttribute {
        let attributes = dataset.attributes
        if let exact = attributes.first(where: { $0.name == token.text }) { return exact }
        let folded = attributes.filter { $0.name.lowercased() == token.text.lowercased() }
        if folded.count == 1 { return folded[0] }
        guard !attributes.isEmpty else {
            throw CommandError(
                "\(dataset.name) has no attribute columns (text columns with at most 1,000 values, see the load report)",
                column: token.column)
        }
        let names = attributes.map(\.name)
        var message = "no attribute '\(token.text)'"
        if let near = NearestName.suggestion(for: token.text.lowercased(), among: names.map { $0.lowercased() }),
           let original = names.first(where: { $0.lowercased() == near }) {
            message += "; did you mean '\(original)'?"
        }
        throw CommandError(message + " The attributes are: " + names.map { "'\($0)'" }.joined(separator: ", "), column: token.column)
    }

    /// The index of the value `token` names among the attribute's values.
    static func value(_ token: Token, of attribute: CustomerAttribute) throws(CommandError) -> Int {
        if let exact = attribute.index(of: token.text) { return exact }
        let folded = attribute.values.indices.filter { attribute.values[$0].lowercased() == token.text.lowercased() }
        if folded.count == 1 { return folded[0] }
        var message = "no customer has \(attribute.name) '\(token.text)'"
        if let near = NearestName.suggestion(for: token.text, among: attribute.values) {
            message += "; did you mean '\(near)'?"
        } else {
            let shown = attribute.values.prefix(10).map { "'\($0)'" }.joined(separator: ", ")
            message += "; its values are \(shown)" + (attribute.values.count > 10 ? " and \(attribute.values.count - 10) more" : "")
        }
        throw CommandError(message, column: token.column)
    }
}
