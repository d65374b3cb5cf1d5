#include <zlib.h>

// inflateInit2 is a macro (it passes the header's version and the stream's
// size), which Swift cannot call.
static inline int dln_inflate_init2(z_streamp stream, int window_bits) {
    return inflateInit2(stream, window_bits);
}
