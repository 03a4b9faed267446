#ifndef ABC_CSUPPORT_H
#define ABC_CSUPPORT_H

#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif

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

#endif
