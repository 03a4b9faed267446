#ifndef ABC_CSUPPORT_H
#define ABC_CSUPPORT_H

#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#include <sys/mman.h>
#endif
#include <stddef.h>
#include <stdint.h>

/// Asks the CPU to start loading the cache line at `address` for writing. Swift has no
/// prefetch intrinsic; the loader uses this to overlap the cache misses of a batch of
/// customer lookups (exports come in date order, so every lookup misses).
static inline void abc_prefetch_write(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

/// Keeps freed memory in the process for reuse (glibc): arrays up to 32 MB (per-customer
/// columns of a million customers) come from the heap
/// and are not handed back to the kernel at once, so re-segmenting does not fault in and
/// zero ~50 MB of fresh pages every time. Swift's Glibc module does not export mallopt.
static inline void abc_keep_freed_memory(void) {
#if defined(M_MMAP_THRESHOLD) && defined(M_TRIM_THRESHOLD)
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}

/// Live temporary files (and private folders) of the atomic writer, removed by
/// `abc_temp_remove_all` and by the SIGINT/SIGTERM/SIGHUP handler, which calls only
/// async-signal-safe `unlink`/`rmdir` and then dies of the signal as it would have.
/// Returns a slot for `abc_temp_unregister`, or -1 when the registry is full (the file is
/// then still removed on every error path, only not on a signal). For a folder, `inside`
/// names the one file it may hold (removed first); NULL for a plain file.
int abc_temp_register(const char *path, const char *inside);
void abc_temp_unregister(int slot);
void abc_temp_remove_all(void);
/// Installs the handler for SIGTERM and SIGHUP, and for SIGINT while it is at its default
/// (the interactive shell handles Ctrl-C itself); ignores SIGXFSZ, so a write past the file
/// size limit is an error (EFBIG) instead of killing the process.
void abc_temp_install_cleanup(void);

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// One of the bytes the splitter below stops at, at `at`: a separator ends a field (returns
/// 0: go on), a line break ends the record (returns the offset past it), anything else leaves
/// the record to the general scanner (returns -1).
static inline long abc_plain_record_stop(
    const unsigned char *buf, long at, long end, unsigned char sep,
    int max_fields, long *field_ends, int *n, int *field_count) {
    unsigned char b = buf[at];
    if (*n == max_fields) return -1;
    field_ends[(*n)++] = at;
    if (b == sep) return 0;
    *field_count = *n;
    if (b == '\n') return at + 1;
    if (b == '\r' && at + 1 < end && buf[at + 1] == '\n') return at + 2;
    return -1;
}

/// Splits the record that starts at `buf[start]` into fields at `sep`, for the loader's fast
/// path over plain records (no quotes). Writes the end offset of each field to `field_ends`
/// (a field starts one past the previous end) and their number to `field_count`. Returns the
/// offset just past the record's line break (LF or CRLF), or -1 when the record is not plain
/// (a quote, a lone CR, more than `max_fields` fields) or does not end before `end`: the
/// general scanner then reads it. In C for SSE2: 16 bytes compared against the four special
/// bytes at once, which Swift's SIMD types do not compile to reliably.
static inline long abc_split_plain_record(
    const unsigned char *buf, long start, long end, unsigned char sep,
    int max_fields, long *field_ends, int *field_count) {
    int n = 0;
    long i = start, r;
#if defined(__SSE2__)
    const __m128i vs = _mm_set1_epi8((char)sep), vn = _mm_set1_epi8('\n');
    const __m128i vq = _mm_set1_epi8('"'), vr = _mm_set1_epi8('\r');
    for (; i + 16 <= end; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(buf + i));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(x, vs), _mm_cmpeq_epi8(x, vn)),
            _mm_or_si128(_mm_cmpeq_epi8(x, vq), _mm_cmpeq_epi8(x, vr))));
        for (; m; m &= m - 1) {
            r = abc_plain_record_stop(buf, i + __builtin_ctz(m), end, sep, max_fields, field_ends, &n, field_count);
            if (r != 0) return r;
        }
    }
#endif
    for (; i < end; i++) {
        unsigned char b = buf[i];
        if (b != sep && b != '\n' && b != '"' && b != '\r') continue;
        r = abc_plain_record_stop(buf, i, end, sep, max_fields, field_ends, &n, field_count);
        if (r != 0) return r;
    }
    return -1;
}

#endif

