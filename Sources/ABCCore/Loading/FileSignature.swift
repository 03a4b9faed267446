#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a data file is, from its first bytes, whatever its name: text (plain or gzip), an
/// Excel workbook (a zip), or something `load` cannot read and says so in one line (a legacy
/// `.xls`, a program, a PDF, other binary data), never echoing the bytes.
enum FileSignature: Equatable {
    case text
    case gzip
    /// `PK\x03\x04` (or an empty archive): an `.xlsx` workbook, or another zip.
    case zip
    /// `D0 CF 11 E0`: an OLE2 compound file, as legacy `.xls` (and `.doc`, `.msg`) are.
    case ole2
    case elf
    case pdf
    case utf16
    /// Zero bytes in the first block: not text.
    case binary

    /// How many leading bytes `init(prefix:)` looks at.
    static let sniffLength = 4096

    init(prefix b: UnsafeBufferPointer<UInt8>) {
        func starts(_ bytes: [UInt8]) -> Bool {
            b.count >= bytes.count && bytes.indices.allSatisfy { b[$0] == bytes[$0] }
        }
        if starts([0x1f, 0x8b]) { self = .gzip; return }
        if starts([0x50, 0x4b, 0x03, 0x04]) || starts([0x50, 0x4b, 0x05, 0x06]) { self = .zip; return }
        if starts([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) { self = .ole2; return }
        if starts([0x7f, 0x45, 0x4c, 0x46]) { self = .elf; return }
        if starts([0x25, 0x50, 0x44, 0x46]) { self = .pdf; return }
        if starts([0xff, 0xfe]) || starts([0xfe, 0xff]) { self = .utf16; return }
        self = b.prefix(Self.sniffLength).contains(0) ? .binary : .text
    }

    init(prefix bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { FileSignature(prefix: $0) }
    }

    /// The signature of the file at `path`, and whether it is a regular file (a pipe cannot
    /// be sniffed without losing what was read: it counts as text). Errors opening it are
    /// left to the reader.
    static func of(path: String) -> (signature: FileSignature, isRegular: Bool) {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return (.text, false) }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return (.text, true) }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: sniffLength)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, sniffLength, 0) }
        guard n > 0 else { return (.text, true) }
        return (FileSignature(prefix: Array(buffer.prefix(n))), true)
    }

    /// The one-line refusal for what cannot be loaded, or nil.
    func refusal(name: String) -> String? {
        switch self {
        case .text, .gzip, .zip:
            return nil
        case .ole2:
            return "'\(name)' is a legacy Excel workbook (.xls) or another Office 97–2003 file, which abc cannot read: "
                + "open it in Excel or LibreOffice and save it as .xlsx or CSV, then load that"
        case .elf:
            return "'\(name)' is a program (an ELF executable or library), not a data file: load a CSV or .xlsx file"
        case .pdf:
            return "'\(name)' is a PDF document, not a data file: export the table as CSV or .xlsx from where the PDF came from"
        case .utf16:
            return "'\(name)' is UTF-16 text: save it as UTF-8 (in Excel: CSV UTF-8) and load that"
        case .binary:
            return "'\(name)' is binary data, not text: abc reads CSV and other delimited text (plain or .gz) and .xlsx workbooks"
        }
    }
}
