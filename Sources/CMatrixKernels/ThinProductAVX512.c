// The AVX-512 family: 32 registers of 16 floats. Tiles of 12 rows by 2
// vectors (24 accumulators; per step of k 2 loads of B and 12 broadcasts,
// which fold into the multiply-adds, for 24 of them), or by 1 vector when C
// has at most one vector's width of columns; a quarter vector past the last
// whole or half one goes two rows to a half vector (see
// ThinProductEdgedTile.inc), a classifier's 10 outputs as 8 + 2.
// A weight gradient's columns that would fill few lanes go as a transpose
// (see transposedEdge). ThinProductAVX2.c builds the same layout with AVX2
// for the tests.
#if defined(__x86_64__)
#include "Families.h"
#include <immintrin.h>

#pragma clang attribute push(__attribute__((target("avx512f,avx512vl"))), apply_to = function)

#define FUSED 1
// Partial rows of C move with masked loads and stores, which touch
// nothing past the last column.
#define CHUNK 16
static inline __attribute__((always_inline)) void avx512_s_loadChunk(float *to, const float *p, ptrdiff_t columns) {
    _mm512_storeu_ps(to, _mm512_maskz_loadu_ps((__mmask16)((1u << columns) - 1u), p));
}
static inline __attribute__((always_inline)) void avx512_s_storeChunk(float *p, const float *from, ptrdiff_t columns) {
    _mm512_mask_storeu_ps(p, (__mmask16)((1u << columns) - 1u), _mm512_loadu_ps(from));
}

#define SCALAR float
#define HALF_BROADCAST "vbroadcastss"
#define LANES 16
#define NAME(x) avx512_s_##x
#include "ThinProductBody.inc"
#undef SCALAR
#undef HALF_BROADCAST
#undef LANES
#undef NAME
#undef CHUNK

#define CHUNK 8
static inline __attribute__((always_inline)) void avx512_d_loadChunk(double *to, const double *p, ptrdiff_t columns) {
    _mm512_storeu_pd(to, _mm512_maskz_loadu_pd((__mmask8)((1u << columns) - 1u), p));
}
static inline __attribute__((always_inline)) void avx512_d_storeChunk(double *p, const double *from, ptrdiff_t columns) {
    _mm512_mask_storeu_pd(p, (__mmask8)((1u << columns) - 1u), _mm512_loadu_pd(from));
}

#define SCALAR double
#define HALF_BROADCAST "vbroadcastsd"
#define LANES 8
#define NAME(x) avx512_d_##x
#include "ThinProductBody.inc"

void dln_thin_s_avx512(int wideLayout, int ta, int tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                       const float *a, ptrdiff_t lda, const float *b, ptrdiff_t ldb, int accumulate,
                       float *c, ptrdiff_t ldc, int epilogue, const float *operand, ptrdiff_t ldo, float *sums, void *buffer) {
    (void)wideLayout;
    if (n <= 16) avx512_s_thinProduct(12, 1, ta, tb, m, n, k, a, lda, b, ldb, accumulate, c, ldc, buffer, epilogue, operand, ldo, sums);
    else avx512_s_thinProduct(12, 2, ta, tb, m, n, k, a, lda, b, ldb, accumulate, c, ldc, buffer, epilogue, operand, ldo, sums);
}

void dln_thin_d_avx512(int wideLayout, int ta, int tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                       const double *a, ptrdiff_t lda, const double *b, ptrdiff_t ldb, int accumulate,
                       double *c, ptrdiff_t ldc, int epilogue, const double *operand, ptrdiff_t ldo, double *sums, void *buffer) {
    (void)wideLayout;
    if (n <= 8) avx512_d_thinProduct(12, 1, ta, tb, m, n, k, a, lda, b, ldb, accumulate, c, ldc, buffer, epilogue, operand, ldo, sums);
    else avx512_d_thinProduct(12, 2, ta, tb, m, n, k, a, lda, b, ldb, accumulate, c, ldc, buffer, epilogue, operand, ldo, sums);
}

#pragma clang attribute pop
#endif
