import CZlib
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a data file in blocks, transparently decompressing gzip.
///
/// Block reads rather than `mmap`: the pages of a mapped file count as resident memory, and
/// a 300 MB export would double the tool's footprint. Plain files can also be read at any
/// offset (`pread`), so several workers can parse parts of one file at once.
final class ByteSource: @unchecked Sendable {
    private var fd: Int32 = -1
    private var gz: gzFile?
    let path: String
    /// Size of the file on disk (compressed size for `.gz`), for progress.
    let fileSize: Int
    private(set) var bytesConsumed = 0

    /// Whether parts of the file can be read independently (not compressed).
    var isSeekable: Bool { gz == nil }

    init(path: String) throws(DataError) {
        self.path = path
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw DataError("cannot open '\(path)': \(String(cString: strerror(errno)))")
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            throw DataError("'\(path)' is a directory, not a data file")
        }
        fileSize = Int(st.st_size)
        let handle = open(path, O_RDONLY)
        guard handle >= 0 else {
            throw DataError("cannot open '\(path)': \(String(cString: strerror(errno)))")
        }
        var magic: (UInt8, UInt8) = (0, 0)
        let n = withUnsafeMutableBytes(of: &magic) { readFile(handle, $0.baseAddress, 2) }
        lseek(handle, 0, SEEK_SET)
        if n == 2 && magic.0 == 0x1f && magic.1 == 0x8b {
            gz = gzdopen(handle, "rb")
            if gz == nil {
                close(handle)
                throw DataError("cannot read '\(path)' as gzip")
            }
            gzbuffer(gz, 1 << 18)
        } else {
            fd = handle
        }
    }

    deinit {
        if let gz { gzclose(gz) }
        if fd >= 0 { close(fd) }
    }

    /// Fills up to `count` bytes at `buffer` from the current position; 0 at the end.
    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws(DataError) -> Int {
        var total = 0
        while total < count {
            let n: Int
            if let gz {
                n = Int(gzread(gz, buffer + total, UInt32(min(count - total, 1 << 30))))
                var code: Int32 = 0
                let message = gzerror(gz, &code)
                // A cut-off stream ends with Z_BUF_ERROR, not -1: never take it for the end.
                if n < 0 || (code != Z_OK && code != Z_STREAM_END) {
                    let text = code == Z_BUF_ERROR ? "the compressed data ends early (truncated file)"
                        : message.map { String(cString: $0) } ?? "corrupt data"
                    throw DataError("cannot decompress '\(path)': \(text)")
                }
            } else {
                n = readFile(fd, buffer + total, count - total)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw DataError("cannot read '\(path)': \(String(cString: strerror(errno)))")
                }
            }
            if n == 0 { break }
            total += n
        }
        if let gz {
            bytesConsumed = Int(gzoffset(gz))
        } else {
            bytesConsumed += total
        }
        return total
    }

    /// Reads up to `count` bytes at `offset` (plain files only; safe from several threads).
    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int, at offset: Int) throws(DataError) -> Int {
        var total = 0
        while total < count {
            let n = pread(fd, buffer + total, count - total, off_t(offset + total))
            if n < 0 {
                if errno == EINTR { continue }
                throw DataError("cannot read '\(path)': \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            total += n
        }
        return total
    }
}

/// `read(2)`, called by a name of its own: inside `ByteSource`, `read` is the method.
private func readFile(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
