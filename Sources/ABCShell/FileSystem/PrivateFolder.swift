import ABCCore
import CSupport
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
    private let slot: Int32

    /// A new folder `.NAME.abc-tmp-PID-XXXXXX` inside `parent`, for the file that will become
    /// `target` (named `inside` there): registered, so a signal removes both.
    init(in parent: String, for target: String, inside: String) throws(RequestError) {
        TemporaryFiles.removeLeftovers(in: parent)
        var template = TemporaryFiles.template(in: parent, for: target)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else {
            throw RequestError("cannot write '\(target)': \(String(cString: strerror(errno)))")
        }
        path = TemporaryFiles.path(of: template)
        slot = abc_temp_register(path, path + "/" + inside)
    }

    /// Removes the folder and whatever is still in it.
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
        TemporaryFiles.unregister(slot)
    }
}
