import ABCCore

/// The `where` clauses of `customers` and of a lever (`where ATTRIBUTE = VALUE`, `where GROUP`),
/// all of which a customer must meet. Kept as written (the words, in order) and resolved against
/// the loaded data when used, so a saved lever replays on next quarter's data.
struct CustomerFilter: Sendable, Equatable {
    enum Clause: Sendable {
        /// `where country = France` (or `country=France` in one word).
        case attribute(name: Token, value: Token)
        /// `where at-risk`: a strategy group (docs/forecasting.md#strategy-groups).
        case group(PlaybookGroup, Token)
    }

    var clauses: [Clause] = []

    var isEmpty: Bool { clauses.isEmpty }

    var conditions: [(attribute: Token, value: Token)] {
        clauses.compactMap { if case .attribute(let name, let value) = $0 { (name, value) } else { nil } }
    }

    var groups: [PlaybookGroup] {
        clauses.compactMap { if case .group(let group, _) = $0 { group } else { nil } }
    }

    /// The clauses as they read back the same: `where country = France where at-risk`.
    var script: String {
        clauses.map { clause in
            switch clause {
            case .attribute(let name, let value): return "where \(ScenarioScript.word(name)) = \(ScenarioScript.word(value))"
            case .group(let group, _): return "where \(group.rawValue)"
            }
        }.joined(separator: " ")
    }

    /// Two filters are the same when they read the same (the columns they were typed at aside).
    static func == (a: CustomerFilter, b: CustomerFilter) -> Bool { a.script == b.script }

    /// Reads every `where …` clause at the front of `rest`.
    mutating func read(_ rest: inout ArraySlice<Token>, invocation: Invocation) throws(CommandError) {
        while let word = rest.first, !word.quoted, word.text.lowercased() == "where" {
            rest.removeFirst()
            clauses.append(try Self.clause(after: word, &rest, invocation: invocation))
        }
    }

    /// Reads the clause after `where` (already taken) from `rest`: a group name not followed by
    /// `=`, `ATTRIBUTE=VALUE` in one word, or `ATTRIBUTE = VALUE`.
    static func clause(after word: Token, _ rest: inout ArraySlice<Token>, invocation: Invocation) throws(CommandError) -> Clause {
        let usage = invocation.spec.usage
        guard let attribute = rest.popFirst() else {
            throw invocation.missing("missing the attribute after 'where'; usage: \(usage)")
        }
        if !attribute.quoted, let group = PlaybookGroup(rawValue: attribute.text.lowercased()),
           rest.first.map({ $0.text != "=" || $0.quoted }) ?? true {
            return .group(group, attribute)
        }
        if let eq = attribute.text.firstIndex(of: "="), !attribute.quoted {
            let name = String(attribute.text[..<eq]), value = String(attribute.text[attribute.text.index(after: eq)...])
            guard !value.isEmpty else { throw invocation.missing("missing the value after '='") }
            return .attribute(name: Token(name, column: attribute.column), value: Token(value, column: attribute.column + name.count + 1))
        }
        let eq = rest.popFirst()
        guard let eq, eq.text == "=", !eq.quoted else {
            let groups = PlaybookGroup.allCases.map(\.rawValue)
            if !attribute.quoted, let near = NearestName.suggestion(for: attribute.text.lowercased(), among: groups) {
                throw invocation.error(
                    "no group '\(attribute.text)'; did you mean '\(near)'? The groups are \(groups.joined(separator: ", ")); an attribute needs where ATTRIBUTE = VALUE",
                    at: attribute)
            }
            throw invocation.error(
                "expected '=' after the attribute '\(attribute.text)'; usage: where ATTRIBUTE = VALUE (quote names and values with blanks)",
                at: eq ?? attribute)
        }
        guard let value = rest.popFirst() else { throw invocation.missing("missing the value after '='; usage: \(usage)") }
        return .attribute(name: attribute, value: value)
    }

    /// The attributes and values the conditions name in `dataset`, in order; errors name the
    /// word (an unknown attribute or value, with the choices).
    func resolvedConditions(in dataset: Dataset) throws(CommandError) -> [(attribute: CustomerAttribute, value: UInt16)] {
        var resolved: [(attribute: CustomerAttribute, value: UInt16)] = []
        for condition in conditions {
            let found = try AttributeName.attribute(condition.attribute, in: dataset)
            resolved.append((found, try AttributeName.value(condition.value, of: found)))
        }
        return resolved
    }

    /// Per customer of `scope` (its local indices): whether it meets every clause; nil without
    /// clauses. The groups read the segmentation before the levers through `groupInputs`, made
    /// once and only when a group is named.
    func members(
        dataset: Dataset, scope: ScopedMetrics, groupInputs: () throws -> PlaybookGroup.Inputs
    ) throws -> [Bool]? {
        guard !isEmpty else { return nil }
        let n = scope.metrics.count
        var member = [Bool](repeating: true, count: n)
        for condition in try resolvedConditions(in: dataset) {
            let values = condition.attribute.valueOfCustomer
            for c in 0..<n where member[c] {
                let g = scope.global(c)
                member[c] = g < values.count && values[g] == condition.value
            }
        }
        let groups = self.groups
        if !groups.isEmpty {
            let inputs = try groupInputs()
            for group in groups {
                let inGroup = try group.members(inputs)
                for c in 0..<n where member[c] { member[c] = c < inGroup.count && inGroup[c] }
            }
        }
        return member
    }
}
