import ABCCore
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real file system. Writes go to a temporary file in the same folder, then are renamed
/// (or, when nothing may be replaced, hard-linked) into place.
public struct POSIXFileSystem: FileSystem {
    public init() {}

    public func write(_ bytes: [UInt8], to path: String, replace: Bool) throws(RequestError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let folderEntry = entry(at: folder)
        guard folderEntry.exists, folderEntry.isDirectory else {
            throw RequestError("cannot write '\(path)': folder '\(folder)' does not exist")
        }
        let target = entry(at: path)
        if target.exists {
            if target.isDirectory { throw RequestError("cannot write '\(path)': it is a folder") }
            if !replace { throw RequestError("'\(path)' exists; add --force to replace it") }
        }
        let temporary = folder + "/." + url.lastPathComponent + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw RequestError("cannot write '\(path)': \(String(cString: strerror(errno)))") }
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
            return fsync(fd) == 0
        }
        let reason = String(cString: strerror(errno))
        close(fd)
        guard ok else {
            unlink(temporary)
            throw RequestError("cannot write '\(path)': \(reason)")
        }
        if replace {
            guard rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw RequestError("cannot write '\(path)': \(reason)")
            }
        } else {
            // link() fails if the name was taken meanwhile: never overwrite what the user did not name.
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

    public func canonicalPath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
