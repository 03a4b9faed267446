/// One file of a load: a path (plain or gzip), or bytes already in memory, and the name
/// errors and the load report call it.
///
/// A load may read several files with the same columns (a file per month) as one dataset,
/// exactly as one file holding their rows one after the other would load.
public struct DataFile: Sendable {
    enum Content: Sendable {
        case path(String)
        case bytes([UInt8])
    }

    let content: Content
    /// The name in messages (`sales_2024_03.csv:1042:17: error: …`).
    public let name: String

    /// The file at `path`, called `name` (default: the path).
    public init(path: String, name: String? = nil) {
        content = .path(path)
        self.name = name ?? path
    }

    /// Plain-text bytes, as a file with these bytes would load (gzip is read from files only).
    public init(bytes: [UInt8], name: String) {
        content = .bytes(bytes)
        self.name = name
    }

    func makeSource() throws(DataError) -> ByteSource {
        switch content {
        case .path(let path): return try ByteSource(path: path)
        case .bytes(let bytes): return try ByteSource(bytes: bytes, name: name)
        }
    }
}
