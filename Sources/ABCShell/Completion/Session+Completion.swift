import ABCCore

/// What Tab completion asks the session about the loaded data beyond the command specs.
///
/// Customer attributes (`customers … where ATTRIBUTE = VALUE`, `segment by ATTRIBUTE`) come
/// from the dataset once it carries them: plug `dataset.attributes` in here (each attribute's
/// `name` and `values`), and the `.attribute` and `.attributeValue` hints complete with them.
extension Session {
    /// The customer attributes of the loaded data, in the dataset's order; none without data.
    public var attributeNames: [String] {
        []
    }

    /// The values attribute `name` takes (any case), in the dataset's order; none when the
    /// data has no such attribute.
    public func attributeValues(of name: String) -> [String] {
        []
    }
}
