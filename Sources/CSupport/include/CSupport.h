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

#endif
