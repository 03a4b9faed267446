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

    /// The sheet to load when the file is an Excel workbook, read into text; nil for text.
    /// What can be read neither way (a legacy `.xls`, a program, a PDF) is an error saying so.
    func workbookSheet(options: LoadOptions) throws -> XlsxSheetText? {
        let signature: FileSignature
        switch content {
        case .path(let path):
            let (sniffed, isRegular) = FileSignature.of(path: path)
            if !isRegular && Self.hasWorkbookExtension(name) {
                throw DataError(
                    "'\(name)' is not a regular file (a pipe?): an Excel workbook can only be read from a file, "
                        + "since reading one needs seeking; save it to a file and load that")
            }
            signature = sniffed
        case .bytes(let bytes):
            signature = FileSignature(prefix: Array(bytes.prefix(FileSignature.sniffLength)))
        }
        if let refusal = signature.refusal(name: name) { throw DataError(refusal) }
        guard signature == .zip else { return nil }
        let bytes: [UInt8]
        switch content {
        case .path(let path): bytes = try Self.readWhole(path, name: name)
        case .bytes(let b): bytes = b
        }
        return try XlsxSheetText(workbookBytes: bytes, name: name, options: options)
    }

    private static func hasWorkbookExtension(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm")
    }

    /// The whole file (a workbook's zip directory is at its end).
    private static func readWhole(_ path: String, name: String) throws(DataError) -> [UInt8] {
        let source = try ByteSource(path: path)
        var bytes = [UInt8](repeating: 0, count: source.fileSize)
        let n = try bytes.withUnsafeMutableBufferPointer { buffer throws(DataError) -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            return try source.read(into: base, count: buffer.count)
        }
        if n < bytes.count { bytes.removeSubrange(n...) }
        return bytes
    }

    func makeSource() throws(DataError) -> ByteSource {
        switch content {
        case .path(let path): return try ByteSource(path: path)
        case .bytes(let bytes): return try ByteSource(bytes: bytes, name: name)
        }
    }
}
