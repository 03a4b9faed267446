import ABCCore
import Foundation

/// The shell's file-system port in memory: exports, saved scripts and scripts to `run` live in
/// a dictionary, so tests (and the fuzz harness) can read what was written without touching
/// the disk. (`load` still
/// reads data through the core's loader, from real files.)
///
/// A class so a test keeps a handle on what the session writes; `@unchecked Sendable` because
/// every access to its state goes through `lock`.
public final class InMemoryFileSystem: FileSystem, @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: [UInt8]] = [:]
    private var folders: Set<String> = ["/"]
    private var writeLog: [(path: String, replace: Bool)] = []

    /// A file system holding these folders (and the folders above them), and no files.
    public init(folders: [String] = []) {
        for folder in folders { addFolder(folder) }
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    private static func normalised(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    // MARK: Test set-up and inspection

    public func addFolder(_ path: String) {
        var url = URL(fileURLWithPath: Self.normalised(path))
        locked {
            while url.path != "/" {
                folders.insert(url.path)
                url.deleteLastPathComponent()
            }
        }
    }

    /// Puts a file in place directly (its folder must have been added).
    public func put(_ text: String, at path: String) {
        locked { files[Self.normalised(path)] = Array(text.utf8) }
    }

    /// The text of the file at `path`, nil when there is none.
    public func text(at path: String) -> String? {
        locked { files[Self.normalised(path)].map { String(decoding: $0, as: UTF8.self) } }
    }

    /// Every file's path, sorted.
    public var paths: [String] { locked { files.keys.sorted() } }

    /// Every `write` call that succeeded, in order.
    public var writes: [(path: String, replace: Bool)] { locked { writeLog } }

    // MARK: FileSystem

    public func write(_ bytes: [UInt8], to path: String, replace: Bool) throws(RequestError) {
        let path = Self.normalised(path)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let refusal: String? = locked {
            guard folders.contains(folder) else { return "cannot write '\(path)': folder '\(folder)' does not exist" }
            if folders.contains(path) { return "cannot write '\(path)': it is a folder" }
            if files[path] != nil && !replace { return "'\(path)' exists; add --force to replace it" }
            files[path] = bytes
            writeLog.append((path, replace))
            return nil
        }
        if let refusal { throw RequestError(refusal) }
    }

    public func contents(of path: String) -> [UInt8]? {
        locked { files[Self.normalised(path)] }
    }

    public func entry(at path: String) -> (exists: Bool, isDirectory: Bool) {
        let path = Self.normalised(path)
        return locked {
            if folders.contains(path) { return (true, true) }
            return (files[path] != nil, false)
        }
    }

    public func names(inFolder path: String) -> [String]? {
        let folder = Self.normalised(path)
        return locked {
            guard folders.contains(folder) else { return nil }
            let prefix = folder == "/" ? "/" : folder + "/"
            let children = (Array(files.keys) + Array(folders)).filter {
                $0.hasPrefix(prefix) && $0 != folder && !$0.dropFirst(prefix.count).contains("/")
            }
            return children.map { String($0.dropFirst(prefix.count)) }.sorted()
        }
    }

    public func canonicalPath(_ path: String) -> String { Self.normalised(path) }
}
