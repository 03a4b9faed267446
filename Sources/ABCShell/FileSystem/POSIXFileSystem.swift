import ABCCore
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real file system. Writes go to a temporary file in the same folder (or, for a writer
/// that opens its own path, a private temporary folder there), then are renamed (or, when
/// nothing may be replaced, hard-linked) into place.
public struct POSIXFileSystem: FileSystem {
    public init() {}

    /// What a new file gets: 0666 less the umask (the temporary file starts at 0600).
    static let fileMode: mode_t = {
        let mask = umask(0o022)
        umask(mask)
        return 0o666 & ~mask
    }()

    public func write(_ bytes: [UInt8], to path: String, replace: Bool) throws(RequestError) {
        let folder = try checkTarget(path, replace: replace)
        let (temporary, fd, slot) = try TemporaryFiles.create(in: folder, for: path)
        defer { TemporaryFiles.unregister(slot) }
        var written = 0
        let ok = bytes.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return fsync(fd) == 0 }
            while written < buffer.count {
                let n = systemWrite(fd, base + written, buffer.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                written += n
            }
            return fchmod(fd, Self.fileMode) == 0 && fsync(fd) == 0
        }
        let reason = String(cString: strerror(errno))
        close(fd)
        guard ok else {
            unlink(temporary)
            throw RequestError("cannot write '\(path)': \(reason)")
        }
        try moveIntoPlace(temporary, path, replace: replace)
    }

    /// The file is produced in a private folder (mode 0700) beside the target, so the move is a
    /// `rename` or `link` on the same file system; then it is `fsync`ed and put in place.
    public func write(to path: String, replace: Bool, producedBy produce: (String) throws(RequestError) -> Void) throws(RequestError) {
        let folder = try checkTarget(path, replace: replace)
        let name = URL(fileURLWithPath: path).lastPathComponent
        let temporary = try PrivateFolder(in: folder, for: path, inside: name)
        defer { temporary.remove() }
        let produced = temporary.path + "/" + name
        try produce(produced)
        let fd = open(produced, O_RDONLY)
        guard fd >= 0 else { throw RequestError("cannot write '\(path)': \(String(cString: strerror(errno)))") }
        let synced = fsync(fd) == 0
        let reason = String(cString: strerror(errno))
        close(fd)
        guard synced else { throw RequestError("cannot write '\(path)': \(reason)") }
        try moveIntoPlace(produced, path, replace: replace)
    }

    /// The target's folder, once it is known to exist and the target may be written.
    private func checkTarget(_ path: String, replace: Bool) throws(RequestError) -> String {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let folderEntry = entry(at: folder)
        guard folderEntry.exists, folderEntry.isDirectory else {
            throw RequestError("cannot write '\(path)': folder '\(folder)' does not exist")
        }
        var link = stat()
        if lstat(path, &link) == 0 && (link.st_mode & S_IFMT) == S_IFLNK && !entry(at: path).exists && !replace {
            let points = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)).map { " to '\($0)'" } ?? ""
            throw RequestError("'\(path)' is a symbolic link\(points), which points to nothing; add --force to replace the link")
        }
        let target = entry(at: path)
        if target.exists {
            if target.isDirectory { throw RequestError("cannot write '\(path)': it is a folder") }
            if !replace { throw RequestError("'\(path)' exists; add --force to replace it") }
        }
        return folder
    }

    /// Renames `temporary` over `path` (replace), or links it there, which fails if the name
    /// was taken meanwhile: never overwrite what the user did not name. `temporary` is gone after.
    private func moveIntoPlace(_ temporary: String, _ path: String, replace: Bool) throws(RequestError) {
        if replace {
            guard rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw RequestError("cannot write '\(path)': \(reason)")
            }
        } else {
            let linked = link(temporary, path) == 0
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            guard linked else { throw RequestError("cannot write '\(path)': \(reason)") }
        }
    }

    public func contents(of path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { Array($0) }
    }

    public func entry(at path: String) -> (exists: Bool, isDirectory: Bool) {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        return (exists, isDirectory.boolValue)
    }

    public func names(inFolder path: String) -> [String]? {
        try? FileManager.default.contentsOfDirectory(atPath: path)
    }

    public func realPath(_ path: String) -> String? {
        guard let resolved = Foundation.realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    public func canonicalPath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
