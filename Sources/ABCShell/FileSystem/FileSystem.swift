import ABCCore
import Foundation

/// What the shell needs of the file system: writing exports and scripts, reading scripts,
/// listing folders for completion. The POSIX implementation is `POSIXFileSystem`; tests may
/// use one in memory. (Data files are read by the core's loader.)
public protocol FileSystem: Sendable {
    /// Writes `bytes` atomically: a reader never sees half a file; an existing file is
    /// replaced only when `replace` is true.
    func write(_ bytes: [UInt8], to path: String, replace: Bool) throws(RequestError)
    /// The file's bytes; nil when it is missing or unreadable.
    func contents(of path: String) -> [UInt8]?
    /// Whether something is at `path`, and whether it is a folder.
    func entry(at path: String) -> (exists: Bool, isDirectory: Bool)
    /// The names in a folder (nil when it cannot be listed).
    func names(inFolder path: String) -> [String]?
    /// `path` made absolute, `.`/`..` removed and symbolic links resolved.
    func canonicalPath(_ path: String) -> String
}

extension FileSystem {
    func fileExists(_ path: String) -> Bool { entry(at: path).exists }

    /// The absolute folder of `path` (`b.abc` → the working directory).
    func folder(of path: String) -> String {
        URL(fileURLWithPath: path).deletingLastPathComponent().path
    }
}
