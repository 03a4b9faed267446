import ABCCore
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A folder only this process can enter (mode 0700, a name `mkdtemp` made unique), where a
/// library that opens its own paths writes a file before it is moved into place.
struct PrivateFolder {
    let path: String

    /// A new folder `.NAME.tmp-XXXXXX` inside `parent`, for the file that will become `target`.
    init(in parent: String, for target: String) throws(RequestError) {
        let name = URL(fileURLWithPath: target).lastPathComponent
        let base = parent.hasSuffix("/") ? String(parent.dropLast()) : parent
        var template = Array((base + "/." + name + ".tmp-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else {
            throw RequestError("cannot write '\(target)': \(String(cString: strerror(errno)))")
        }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Removes the folder and whatever is still in it.
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
