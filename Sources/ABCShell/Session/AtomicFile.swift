import ABCCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes files the safe way: to a temporary file in the same folder, then renamed into
/// place, so a reader never sees half a file; an existing file is replaced only when asked.
enum AtomicFile {
    static func write(_ bytes: [UInt8], to path: String, replace: Bool) throws(RequestError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RequestError("cannot write '\(path)': folder '\(folder)' does not exist")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw RequestError("cannot write '\(path)': it is a folder") }
            if !replace { throw RequestError("'\(path)' exists; add --force to replace it") }
        }
        let temporary = folder + "/." + url.lastPathComponent + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw RequestError("cannot write '\(path)': \(String(cString: strerror(errno)))") }
        var written = 0
        let ok = bytes.withUnsafeBufferPointer { buffer -> Bool in
            while written < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + written, buffer.count - written)
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
}
