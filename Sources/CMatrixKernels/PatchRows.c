#include "PatchRows.h"

#include <string.h>

// No loop here may become a call to memcpy: the compiler turned each run
// (chunks and the rest) into one, which for runs of a few elements cost
// more than the copying (8 % of a small CNN's step).
#define NO_LIBRARY_CALLS __attribute__((no_builtin("memcpy", "memmove", "memset")))

// Runs of a few elements (a small image's row): whole 32-byte chunks by
// fixed-size copies, which compile to vector moves rather than a call, then
// the rest one by one. Adding chunk-wise is the same element-wise addition.
#define DLN_PATCH_ROWS(T, suffix)                                                                                   \
    typedef T dln_chunk_##suffix __attribute__((vector_size(32)));                                                  \
    enum { dln_chunk_count_##suffix = 32 / sizeof(T) };                                                             \
                                                                                                                    \
    NO_LIBRARY_CALLS static inline void copy_run_##suffix(T *restrict target, const T *restrict source, ptrdiff_t count) { \
        ptrdiff_t i = 0;                                                                                            \
        for (; i + dln_chunk_count_##suffix <= count; i += dln_chunk_count_##suffix) __builtin_memcpy(target + i, source + i, 32); \
        for (; i < count; i++) target[i] = source[i];                                                               \
    }                                                                                                               \
                                                                                                                    \
    NO_LIBRARY_CALLS static inline void add_run_##suffix(T *restrict target, const T *restrict source, ptrdiff_t count) { \
        ptrdiff_t i = 0;                                                                                            \
        for (; i + dln_chunk_count_##suffix <= count; i += dln_chunk_count_##suffix) {                              \
            dln_chunk_##suffix a, b;                                                                                \
            __builtin_memcpy(&a, target + i, 32);                                                                   \
            __builtin_memcpy(&b, source + i, 32);                                                                   \
            a += b;                                                                                                 \
            __builtin_memcpy(target + i, &a, 32);                                                                   \
        }                                                                                                           \
        for (; i < count; i++) target[i] += source[i];                                                              \
    }                                                                                                               \
                                                                                                                    \
    NO_LIBRARY_CALLS void dln_plane_copy_##suffix(const T *source, ptrdiff_t sourceWidth, T *target, ptrdiff_t targetWidth, \
                                 ptrdiff_t rows, ptrdiff_t columns) {                                               \
        for (ptrdiff_t y = 0; y < rows; y++) copy_run_##suffix(target + y * targetWidth, source + y * sourceWidth, columns); \
    }                                                                                                               \
                                                                                                                    \
    NO_LIBRARY_CALLS void dln_patch_build_##suffix(const T *padded, ptrdiff_t paddedWidth, ptrdiff_t oh, ptrdiff_t ow, ptrdiff_t kh, \
                                  ptrdiff_t kw, ptrdiff_t sh, ptrdiff_t sw, ptrdiff_t dh, ptrdiff_t dw, T *rows,    \
                                  ptrdiff_t rowStride) {                                                            \
        for (ptrdiff_t ky = 0; ky < kh; ky++) {                                                                     \
            for (ptrdiff_t kx = 0; kx < kw; kx++) {                                                                 \
                T *row = rows + (ky * kw + kx) * rowStride;                                                         \
                for (ptrdiff_t oy = 0; oy < oh; oy++) {                                                             \
                    const T *source = padded + (oy * sh + ky * dh) * paddedWidth + kx * dw;                         \
                    T *target = row + oy * ow;                                                                      \
                    if (sw == 1) {                                                                                  \
                        copy_run_##suffix(target, source, ow);                                                      \
                    } else {                                                                                        \
                        for (ptrdiff_t ox = 0; ox < ow; ox++) target[ox] = source[ox * sw];                         \
                    }                                                                                               \
                }                                                                                                   \
            }                                                                                                       \
        }                                                                                                           \
    }                                                                                                               \
                                                                                                                    \
    NO_LIBRARY_CALLS void dln_patch_fold_##suffix(T *padded, ptrdiff_t paddedWidth, ptrdiff_t oh, ptrdiff_t ow, ptrdiff_t kh, \
                                 ptrdiff_t kw, ptrdiff_t sh, ptrdiff_t sw, ptrdiff_t dh, ptrdiff_t dw, const T *rows, \
                                 ptrdiff_t rowStride) {                                                             \
        for (ptrdiff_t ky = 0; ky < kh; ky++) {                                                                     \
            for (ptrdiff_t kx = 0; kx < kw; kx++) {                                                                 \
                const T *row = rows + (ky * kw + kx) * rowStride;                                                   \
                for (ptrdiff_t oy = 0; oy < oh; oy++) {                                                             \
                    T *target = padded + (oy * sh + ky * dh) * paddedWidth + kx * dw;                               \
                    const T *source = row + oy * ow;                                                                \
                    if (sw == 1) {                                                                                  \
                        add_run_##suffix(target, source, ow);                                                       \
                    } else {                                                                                        \
                        for (ptrdiff_t ox = 0; ox < ow; ox++) target[ox * sw] += source[ox];                        \
                    }                                                                                               \
                }                                                                                                   \
            }                                                                                                       \
        }                                                                                                           \
    }

DLN_PATCH_ROWS(float, s)
DLN_PATCH_ROWS(double, d)
