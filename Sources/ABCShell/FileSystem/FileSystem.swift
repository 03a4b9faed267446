import ABCCore
import Foundation

/// What the shell needs of the file system: writing exports and scripts, reading scripts,
/// listing folders for completion. The POSIX implementation is `POSIXFileSystem`; tests may
/// use one in memory. (Data files are read by the core's loader.)
public protocol FileSystem: Sendable {
    /// Writes `bytes` atomically: a reader never sees half a file; an existing file is
    /// replaced only when `replace` is true.
    func write(_ bytes: [UInt8], to path: String, replace: Bool) throws(RequestError)
    /// For writers that open their own path (libxlsxwriter): `produce` writes a file at the
    /// path it is given, in a private temporary folder (it may keep its own temporary files in
    /// that folder, the path's parent), and the file is then put in place as `write` puts
    /// bytes: atomically, and over an existing file only when `replace` is true. Nothing is
    /// left behind when `produce` throws.
    func write(to path: String, replace: Bool, producedBy produce: (String) throws(RequestError) -> Void) throws(RequestError)
    /// The file's bytes; nil when it is missing or unreadable.
    func contents(of path: String) -> [UInt8]?
    /// Whether something is at `path`, and whether it is a folder.
    func entry(at path: String) -> (exists: Bool, isDirectory: Bool)
    /// The names in a folder (nil when it cannot be listed).
    func names(inFolder path: String) -> [String]?
    /// `path` made absolute, `.`/`..` removed and symbolic links resolved.
    func canonicalPath(_ path: String) -> String
    /// The real path of what is at `path` (symbolic links resolved, as `realpath(3)`); nil
    /// when nothing is there. The script fence (`Fence`) is built on it.
    func realPath(_ path: String) -> String?
}

extension FileSystem {
    /// The file is produced in a private folder of the system's temporary folder, read back
    /// and written with `write(_:to:replace:)`: right for any file system, at the cost of a copy.
    /// `POSIXFileSystem` moves the file into place instead.
    public func write(to path: String, replace: Bool, producedBy produce: (String) throws(RequestError) -> Void) throws(RequestError) {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let folder = try PrivateFolder(in: NSTemporaryDirectory(), for: path, inside: name)
        defer { folder.remove() }
        let produced = folder.path + "/" + name
        try produce(produced)
        guard let bytes = FileManager.default.contents(atPath: produced) else {
            throw RequestError("cannot write '\(path)': the file was not produced")
        }
        try write(Array(bytes), to: path, replace: replace)
    }

    func fileExists(_ path: String) -> Bool { entry(at: path).exists }

    /// For file systems without symbolic links: the canonical path of what exists.
    public func realPath(_ path: String) -> String? {
        entry(at: path).exists ? canonicalPath(path) : nil
    }

    /// The absolute folder of `path` (`b.abc` → the working directory).
    func folder(of path: String) -> String {
        URL(fileURLWithPath: path).deletingLastPathComponent().path
    }
}
