import CZlib
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decompresses a gzip stream read from a file descriptor with zlib's `inflate`, never
/// seeking: the bytes already read to recognise the stream are handed in and consumed first,
/// so pipes, FIFOs and `/dev/fd/N` read like files.
///
/// Stricter than `gzread`: members one after the other are read as one stream (as gzip
/// does), but anything else after the last member is an error, and so is a stream that ends
/// early; a bad checksum or corrupt data is reported as such, naming the file.
final class GzipReader {
    private let fd: Int32
    private let name: String
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutablePointer<UInt8>
    private static let inputSize = 1 << 18
    /// Inside a member (false between members and at the start of one not yet begun).
    private var inMember = false
    private var inputEnded = false
    private var finished = false
    /// Compressed bytes handed to zlib so far (for progress).
    private(set) var compressedConsumed = 0
    private var compressedRead = 0

    /// `prefix`: the bytes already read from `fd` (the start of the stream).
    init(fd: Int32, name: String, prefix: [UInt8]) throws(DataError) {
        self.fd = fd
        self.name = name
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(capacity: max(Self.inputSize, prefix.count))
        prefix.withUnsafeBufferPointer { if let base = $0.baseAddress { input.update(from: base, count: $0.count) } }
        compressedRead = prefix.count
        guard abc_inflate_init_gzip(stream) == Z_OK else {
            input.deallocate()
            stream.deallocate()
            throw DataError("cannot read '\(name)' as gzip: zlib failed to start")
        }
        stream.pointee.next_in = input
        stream.pointee.avail_in = UInt32(prefix.count)
        inMember = true
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
    }

    /// Fills up to `count` bytes; fewer only at the end of the stream (0 after it).
    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws(DataError) -> Int {
        guard count > 0 else { return 0 }
        stream.pointee.next_out = buffer
        stream.pointee.avail_out = UInt32(min(count, 1 << 30))
        let wanted = Int(stream.pointee.avail_out)
        while stream.pointee.avail_out > 0 && !finished {
            if stream.pointee.avail_in == 0 && !inputEnded { try refill() }
            if stream.pointee.avail_in == 0 && inputEnded {
                if inMember { throw DataError("cannot decompress '\(name)': the compressed data ends early (truncated file)") }
                finished = true
                break
            }
            if !inMember {
                // Another member may follow the last; anything else is not part of the stream.
                let next = stream.pointee.next_in
                let second: UInt8? = stream.pointee.avail_in >= 2 ? next?[1] : 0x8b
                guard next?[0] == 0x1f, second == 0x8b else {
                    throw DataError("cannot decompress '\(name)': unexpected data after the end of the compressed stream (at byte \(compressedConsumed))")
                }
                inflateReset(stream)
                inMember = true
            }
            let code = inflate(stream, Z_NO_FLUSH)
            compressedConsumed = compressedRead - Int(stream.pointee.avail_in)
            switch code {
            case Z_OK, Z_BUF_ERROR:
                continue
            case Z_STREAM_END:
                inMember = false
            case Z_DATA_ERROR:
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "corrupt data"
                let meaning = detail == "incorrect data check" ? "the data does not match its checksum (corrupt file)"
                    : detail == "incorrect length check" ? "the data does not match its length (corrupt file)"
                    : "corrupt data (\(detail))"
                throw DataError("cannot decompress '\(name)': \(meaning)")
            case Z_MEM_ERROR:
                throw DataError("cannot decompress '\(name)': out of memory")
            default:
                throw DataError("cannot decompress '\(name)': zlib error \(code)")
            }
        }
        return wanted - Int(stream.pointee.avail_out)
    }

    private func refill() throws(DataError) {
        while true {
            let n = readDescriptor(fd, input, Self.inputSize)
            if n < 0 {
                if errno == EINTR { continue }
                throw DataError("cannot read '\(name)': \(String(cString: strerror(errno)))")
            }
            if n == 0 { inputEnded = true }
            compressedRead += n
            stream.pointee.next_in = input
            stream.pointee.avail_in = UInt32(n)
            return
        }
    }
}

/// `read(2)`, called by a name of its own: inside `GzipReader`, `read` is the method.
private func readDescriptor(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
