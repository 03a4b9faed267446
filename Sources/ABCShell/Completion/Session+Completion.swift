import ABCCore

/// What Tab completion asks the session about the loaded data beyond the command specs: the
/// customer attributes (`customers … where ATTRIBUTE = VALUE`, `segment by ATTRIBUTE`).
extension Session {
    /// The customer attributes of the loaded data, in the dataset's order; none without data.
    public var attributeNames: [String] {
        evaluator.dataset?.attributes.map(\.name) ?? []
    }

    /// The values attribute `name` takes (any case), in byte order; none when the data has no
    /// such attribute.
    public func attributeValues(of name: String) -> [String] {
        let attributes = evaluator.dataset?.attributes ?? []
        let found = attributes.first { $0.name == name } ?? attributes.first { $0.name.lowercased() == name.lowercased() }
        return found?.values ?? []
    }
}

extension Session {
    /// The open workspace's snapshot names, for Tab (none without a workspace).
    var snapshotNames: [String] {
        (try? workspace?.store.snapshots().map(\.info.name)) ?? []
    }
}
