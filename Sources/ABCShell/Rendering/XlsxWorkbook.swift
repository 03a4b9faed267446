import ABCCore
import CXlsxWriter

/// An `.xlsx` workbook being written with libxlsxwriter, the maintained C writer (Debian
/// `libxlsxwriter-dev`): sheets of typed cells, rows written in order. libxlsxwriter opens its
/// own path, so the workbook is written inside the file-system port's private temporary folder
/// (`FileSystem.write(to:replace:producedBy:)`) and moved into place from there.
///
/// Not thread-safe; one command writes one workbook and closes it.
final class XlsxWorkbook {
    /// Excel's last row is 1,048,576, so a sheet with a header row holds 1,048,575 rows of data.
    static let maxRows = 1_048_576
    /// Excel's last column is XFD.
    static let maxColumns = 16_384
    /// The longest text a cell holds.
    static let maxTextLength = 32_767
    /// The creation time written into docProps/core.xml: 1980-01-01T00:00:00Z, the zip
    /// format's epoch. libxlsxwriter stamps the current time when none is given; a fixed one
    /// keeps the same export byte for byte the same (nothing depends on today's date).
    static let createdAt = 315_532_800

    /// A sheet of the workbook; its pointer is the workbook's, valid until `close`.
    struct Sheet {
        fileprivate let sheet: UnsafeMutablePointer<lxw_worksheet>
        fileprivate let book: XlsxWorkbook
        let name: String

        func text(_ row: Int, _ column: Int, _ value: String, bold: Bool = false) throws(RequestError) {
            guard value.utf8.count <= XlsxWorkbook.maxTextLength else {
                throw book.failure("a text of \(value.utf8.count) bytes in sheet '\(name)' row \(row + 1) is longer than a cell holds (32,767)")
            }
            try book.check(worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(column), value, bold ? book.bold : nil))
        }

        func number(_ row: Int, _ column: Int, _ value: Double, format: UnsafeMutablePointer<lxw_format>? = nil) throws(RequestError) {
            try book.check(worksheet_write_number(sheet, lxw_row_t(row), lxw_col_t(column), value, format))
        }

        /// A day as a date cell (`yyyy-mm-dd`); days before 1900-03-01, which Excel's serials
        /// do not reach reliably, as ISO text.
        func date(_ row: Int, _ column: Int, _ day: Int32) throws(RequestError) {
            let serial = Int(day) + XlsxWorkbook.serialOf1970
            if serial < 61 { try text(row, column, CivilDate.iso(day)) }
            else { try number(row, column, Double(serial), format: book.dateFormat) }
        }

        /// A note (a cell comment) on a cell.
        func note(_ row: Int, _ column: Int, _ text: String) throws(RequestError) {
            try book.check(worksheet_write_comment(sheet, lxw_row_t(row), lxw_col_t(column), text))
        }

        /// Column names in bold in the first row, which stays in view when scrolling.
        func header(_ names: [String]) throws(RequestError) {
            guard names.count <= XlsxWorkbook.maxColumns else {
                throw book.failure("\(names.count) columns are more than a sheet holds (16,384)")
            }
            for (i, name) in names.enumerated() { try text(0, i, name, bold: true) }
            worksheet_freeze_panes(sheet, 1, 0)
        }

        /// Column widths in characters, from column 0.
        func widths(_ widths: [Double]) throws(RequestError) {
            for (i, width) in widths.enumerated() {
                try book.check(worksheet_set_column(sheet, lxw_col_t(i), lxw_col_t(i), width, nil))
            }
        }
    }

    /// Excel's serial of 1970-01-01 (serial 1 is 1900-01-01, with Excel's phantom 1900-02-29).
    static let serialOf1970 = 25_569

    private let workbook: UnsafeMutablePointer<lxw_workbook>
    private let target: String
    private var closed = false
    private var sheetNames: Set<String> = []
    fileprivate let bold: UnsafeMutablePointer<lxw_format>?
    fileprivate let dateFormat: UnsafeMutablePointer<lxw_format>?
    private var numberFormats: [String: UnsafeMutablePointer<lxw_format>] = [:]

    /// A workbook at `path` (inside `temporaryFolder`, where libxlsxwriter keeps its own
    /// temporary files too); `target` is the path the user named, for messages.
    init(path: String, temporaryFolder: String, target: String, title: String) throws(RequestError) {
        self.target = target
        guard let workbook = abc_xlsx_workbook_new(path, temporaryFolder) else {
            throw RequestError("cannot write '\(target)': libxlsxwriter could not create the workbook")
        }
        self.workbook = workbook
        bold = workbook_add_format(workbook)
        format_set_bold(bold)
        dateFormat = workbook_add_format(workbook)
        format_set_num_format(dateFormat, "yyyy-mm-dd")
        try check(abc_xlsx_set_properties(workbook, title, time_t(Self.createdAt)))
    }

    deinit {
        // A workbook dropped without `close` (an error on the way) still frees its memory; the
        // half-written file is in the private folder the port removes.
        if !closed { workbook_close(workbook) }
    }

    /// A new sheet, last; `name` must follow Excel's rules (see `XlsxSheetName`).
    func addSheet(_ name: String) throws(RequestError) -> Sheet {
        guard sheetNames.insert(name.lowercased()).inserted,
              let sheet = workbook_add_worksheet(workbook, name) else {
            throw failure("cannot add a sheet named '\(name)'")
        }
        return Sheet(sheet: sheet, book: self, name: name)
    }

    /// A number format (`0.00`), made once per workbook.
    func numberFormat(_ code: String) -> UnsafeMutablePointer<lxw_format>? {
        if let format = numberFormats[code] { return format }
        let format = workbook_add_format(workbook)
        format_set_num_format(format, code)
        numberFormats[code] = format
        return format
    }

    /// Assembles the file (a zip of the sheets' XML).
    func close() throws(RequestError) {
        closed = true
        try check(workbook_close(workbook))
    }

    fileprivate func check(_ error: lxw_error) throws(RequestError) {
        guard error == LXW_NO_ERROR else {
            throw failure(String(cString: lxw_strerror(error)))
        }
    }

    fileprivate func failure(_ reason: String) -> RequestError {
        RequestError("cannot write '\(target)': \(reason)")
    }
}
