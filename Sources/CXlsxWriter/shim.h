// libxlsxwriter for Swift. Its API is plain C functions and structs that Swift calls directly
// (`worksheet_write_number`, `workbook_close`, …); the wrappers here only fill the option and
// property structs whose `char *` fields Swift would otherwise have to cast away `const` for.
//
// Keep this header free of `static` variables: Swift may emit a private copy of each inline
// function per object file, so state kept here would silently split.

#ifndef ABC_CXLSXWRITER_SHIM_H
#define ABC_CXLSXWRITER_SHIM_H

#include <xlsxwriter.h>

#include <string.h>
#include <time.h>

/// A workbook writing to `path`, in constant-memory mode (each row goes to a temporary file as
/// soon as the next one starts, so a million customers do not sit in memory) with its temporary
/// files in `tmpdir` and ZIP64 allowed (large workbooks). NULL when it cannot be created.
static inline lxw_workbook *abc_xlsx_workbook_new(const char *path, const char *tmpdir) {
    lxw_workbook_options options;
    memset(&options, 0, sizeof options);
    options.constant_memory = LXW_TRUE;
    options.tmpdir = (char *)tmpdir;
    options.use_zip64 = LXW_TRUE;
    return workbook_new_opt(path, &options);
}

/// Sets the document's title, author ("abc") and creation time. libxlsxwriter stamps the
/// current time into docProps/core.xml when none is set: a fixed `created` keeps the same
/// export byte for byte the same.
static inline lxw_error abc_xlsx_set_properties(lxw_workbook *workbook, const char *title, time_t created) {
    lxw_doc_properties properties;
    memset(&properties, 0, sizeof properties);
    properties.title = (char *)title;
    properties.author = (char *)"abc";
    properties.created = created;
    return workbook_set_properties(workbook, &properties);
}

#endif /* ABC_CXLSXWRITER_SHIM_H */
