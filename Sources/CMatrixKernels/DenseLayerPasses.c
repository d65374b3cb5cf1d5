// The dense layer's passes, compiled twice (AVX2 and the baseline) with the
// better one picked when the library loads. No multiply-add appears in
// them, so no contraction can change a rounding.
#include "DenseLayerPasses.h"

#if defined(__x86_64__)
#define VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define VECTOR_CLONES
#endif

// Columns summed at once: their running sums stay in registers while the
// rows go by (8 vectors of AVX2), instead of a load and store per row.
#define CHUNK 64
// Then 8 at a time (one AVX2 vector of floats), then what is left.
#define NARROW 8

// `width` ≤ CHUNK running sums in registers (once inlined with a constant
// width) while the rows go by.
#define DLN_SUM_CHUNK(T, suffix)                                                                     \
    static inline __attribute__((always_inline)) void dln_sum_chunk_##suffix(                        \
        const T *restrict m, ptrdiff_t rows, ptrdiff_t ld, const int width, T *restrict sums) {      \
        T acc[CHUNK];                                                                                \
        for (int j = 0; j < width; j++) acc[j] = sums[j];                                            \
        for (ptrdiff_t r = 0; r < rows; r++) {                                                       \
            const T *restrict row = m + r * ld;                                                      \
            for (int j = 0; j < width; j++) acc[j] += row[j];                                        \
        }                                                                                            \
        for (int j = 0; j < width; j++) sums[j] = acc[j];                                            \
    }

#define DLN_DENSE_PASSES(T, suffix)                                                                  \
    VECTOR_CLONES void dln_bias_relu_##suffix(T *restrict y, const T *restrict b, ptrdiff_t rows,    \
                                              ptrdiff_t n) {                                         \
        for (ptrdiff_t r = 0; r < rows; r++) {                                                       \
            T *restrict row = y + r * n;                                                             \
            for (ptrdiff_t j = 0; j < n; j++) {                                                      \
                T sum = row[j] + b[j];                                                               \
                row[j] = (T)0 >= sum ? (T)0 : sum;                                                   \
            }                                                                                        \
        }                                                                                            \
    }                                                                                                \
                                                                                                     \
    VECTOR_CLONES void dln_relu_mask_##suffix(const T *restrict y, const T *restrict dy,             \
                                              T *restrict out, ptrdiff_t count) {                    \
        for (ptrdiff_t i = 0; i < count; i++) out[i] = y[i] > (T)0 ? dy[i] : (T)0;                   \
    }                                                                                                \
                                                                                                     \
    VECTOR_CLONES void dln_column_sums_##suffix(const T *restrict m, ptrdiff_t rows, ptrdiff_t ld,   \
                                                ptrdiff_t width, T *restrict sums) {                 \
        ptrdiff_t j0 = 0;                                                                            \
        for (; j0 + CHUNK <= width; j0 += CHUNK) dln_sum_chunk_##suffix(m + j0, rows, ld, CHUNK, sums + j0); \
        for (; j0 + NARROW <= width; j0 += NARROW) dln_sum_chunk_##suffix(m + j0, rows, ld, NARROW, sums + j0); \
        if (j0 < width) dln_sum_chunk_##suffix(m + j0, rows, ld, width - j0, sums + j0);              \
    }

DLN_SUM_CHUNK(float, s)
DLN_SUM_CHUNK(double, d)
DLN_DENSE_PASSES(float, s)
DLN_DENSE_PASSES(double, d)
