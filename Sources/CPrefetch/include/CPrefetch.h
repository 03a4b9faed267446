#ifndef ABC_CPREFETCH_H
#define ABC_CPREFETCH_H

/// Asks the CPU to start loading the cache line at `address` for writing. Swift has no
/// prefetch intrinsic; the loader uses this to overlap the cache misses of a batch of
/// customer lookups (exports come in date order, so every lookup misses).
static inline void abc_prefetch_write(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

#endif
