// Non-variadic wrappers around libedit, written by hand on purpose: no Swift wrapper exists,
// and `el_set`, `el_get` and `history` are C-variadic, which Swift cannot call. There is one
// `static inline` function per operation `LineEditor` needs; everything that is already
// non-variadic (`el_gets`, `el_line`, `el_insertstr`, `el_deletestr`, `el_reset`, `el_end`,
// `el_source`, `history_init`, `history_end`) is called from Swift directly.
//
// Keep this header free of `static` variables: Swift may emit a private copy of each inline
// function per object file, so state kept here would silently split.

#ifndef ABC_CEDITLINE_SHIM_H
#define ABC_CEDITLINE_SHIM_H

#include <histedit.h>

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <wchar.h>

/// The prompt callback libedit calls on every redisplay.
typedef char *(*abc_el_prompt_fn)(EditLine *);
/// An editor function bound to a key (for example the Tab completion).
typedef unsigned char (*abc_el_command_fn)(EditLine *, int);

// MARK: - EditLine set-up

/// `el_init` on the process's stdin/stdout/stderr. Done here because Swift 6 refuses Glibc's
/// `stdin`/`stdout`/`stderr` globals as not concurrency-safe.
static inline EditLine *abc_el_init(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}

/// EL_PROMPT_ESC: the prompt callback plus the marker character that brackets
/// non-printing sequences (colours) so libedit does not count them as columns.
static inline int abc_el_set_prompt_esc(EditLine *el, abc_el_prompt_fn prompt, char marker) {
    return el_set(el, EL_PROMPT_ESC, prompt, (int)marker);
}

/// EL_EDITOR: "emacs" or "vi". Resets every key binding to that mode's defaults.
static inline int abc_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

/// EL_SIGNAL: let libedit restore the terminal around SIGINT/SIGTSTP/SIGTERM/... and follow
/// SIGWINCH while it is reading a line.
static inline int abc_el_set_signal(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}

/// EL_HIST: the history libedit's Up/Down/search commands walk.
static inline int abc_el_set_history(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}

/// EL_ADDFN: registers a named editor function that EL_BIND can bind keys to.
static inline int abc_el_add_function(EditLine *el, const char *name, const char *help,
                                      abc_el_command_fn function) {
    return el_set(el, EL_ADDFN, name, help, function);
}

/// EL_BIND: binds one key sequence (e.g. "^I") to a named function, in the current keymap.
static inline int abc_el_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, (const char *)NULL);
}

/// EL_CLIENTDATA (set): an opaque pointer callbacks can get back from the EditLine.
static inline int abc_el_set_client_data(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

/// EL_CLIENTDATA (get).
static inline void *abc_el_client_data(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}

/// The terminal width libedit currently uses (termcap "co"; follows SIGWINCH when EL_SIGNAL
/// is on). Returns 0 when unknown.
static inline int abc_el_terminal_columns(EditLine *el) {
    int columns = 0;
    if (el_get(el, EL_GETTC, "co", &columns, (void *)NULL) != 0) return 0;
    return columns;
}

/// Writes text to libedit's output stream and flushes it, so it stays in order with what
/// libedit itself has buffered there (used for the completion list and the EOF newline).
static inline void abc_el_write(EditLine *el, const char *text) {
    FILE *out = NULL;
    if (el_get(el, EL_GETFP, 1, &out) != 0 || out == NULL) out = stdout;
    fputs(text, out);
    fflush(out);
}

// MARK: - History

/// H_SETSIZE: the maximum number of entries kept; older ones fall off.
static inline int abc_history_set_size(History *h, int size) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, size);
}

/// H_SETUNIQUE: when on, entering the same line twice in a row keeps one entry.
static inline int abc_history_set_unique(History *h, int unique) {
    HistEvent ev;
    return history(h, &ev, H_SETUNIQUE, unique);
}

/// H_ENTER: appends a line (without its newline).
static inline int abc_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}

/// H_LOAD: appends the entries of a history file; -1 when it is missing or not a history file.
static inline int abc_history_load(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_LOAD, path);
}

/// H_SAVE: writes every entry to `path` (mode 0600, libedit's escaped format); the number of
/// entries written, or -1.
static inline int abc_history_save(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_SAVE, path);
}

/// H_GETSIZE: the number of entries, or -1.
static inline int abc_history_count(History *h) {
    HistEvent ev;
    if (history(h, &ev, H_GETSIZE) != 0) return -1;
    return ev.num;
}

/// H_LAST: moves the history cursor to the OLDEST entry and returns its text (NULL if empty).
static inline const char *abc_history_oldest(History *h) {
    HistEvent ev;
    if (history(h, &ev, H_LAST) != 0) return NULL;
    return ev.str;
}

/// H_PREV: moves the history cursor one entry NEWER and returns its text (NULL at the end).
static inline const char *abc_history_newer(History *h) {
    HistEvent ev;
    if (history(h, &ev, H_PREV) != 0) return NULL;
    return ev.str;
}

// MARK: - Process set-up

/// Whether the current LC_CTYPE encodes text as UTF-8.
static inline int abc_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcasecmp(codeset, "UTF-8") == 0 || strcasecmp(codeset, "UTF8") == 0);
}

/// Installs `handler` for SIGINT with no SA_RESTART, so a blocked `read` in `el_gets` fails
/// with EINTR instead of being restarted; the previous action is stored in `saved`.
static inline int abc_sigint_install(void (*handler)(int), struct sigaction *saved) {
    struct sigaction action;
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    return sigaction(SIGINT, &action, saved);
}

/// Puts back the SIGINT action saved by `abc_sigint_install`.
static inline int abc_sigint_restore(const struct sigaction *saved) {
    return sigaction(SIGINT, saved, NULL);
}

/// Terminal columns a character occupies (-1 for control characters), for laying out the
/// completion list. Glibc declares `wcwidth` only under _XOPEN_SOURCE, which the Swift module
/// map does not define, so it is declared here.
extern int wcwidth(wchar_t);
static inline int abc_wcwidth(wchar_t c) {
    return wcwidth(c);
}

/// `errno`, read through a function so Swift does not depend on how the C library spells it.
static inline int abc_errno(void) {
    return errno;
}

#endif /* ABC_CEDITLINE_SHIM_H */
