#include <zlib.h>

/// inflateInit2 is a macro: a gzip stream (header and trailer checked), 32 KiB window.
static inline int abc_inflate_init_gzip(z_stream *stream) {
    return inflateInit2(stream, 16 + MAX_WBITS);
}
