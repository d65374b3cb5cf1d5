// The AVX2 family (Haswell and later, AMD Zen): 16 registers of 8 floats.
// A tile of 6 rows by 16 columns keeps 12 accumulators, 2 vectors of B and
// a broadcast in the 16 registers; per step of k it loads 8 times for 12
// fused multiply-adds, so the two FMA units, not the loads, set the pace.
//
// It also builds the AVX-512 family's layout (12 rows by 32 columns) with
// AVX2 instructions, so that the layout is tested on CPUs without AVX-512:
// the arithmetic of each element is the same chain either way.
#if defined(__x86_64__)
#include "Families.h"
#include <immintrin.h>

#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)

#define FUSED 1
// 16 registers: a tile with a quarter-wide edge keeps at most 4 rows of a
// whole vector (see ThinProductBody.inc).
#define EDGED_ROWS 4
// Partial rows of C move with masked loads and stores, which touch
// nothing past the last column.
#define CHUNK 8
static inline __attribute__((always_inline)) __m256i avx2_s_mask(ptrdiff_t columns) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)columns), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}
static inline __attribute__((always_inline)) void avx2_s_loadChunk(float *to, const float *p, ptrdiff_t columns) {
    _mm256_storeu_ps(to, _mm256_maskload_ps(p, avx2_s_mask(columns)));
}
static inline __attribute__((always_inline)) void avx2_s_storeChunk(float *p, const float *from, ptrdiff_t columns) {
    _mm256_maskstore_ps(p, avx2_s_mask(columns), _mm256_loadu_ps(from));
}

#define SCALAR float
#define HALF_BROADCAST "vbroadcastss"
#define LANES 16
#define NAME(x) avx2_s_##x
#include "ThinProductBody.inc"
#undef SCALAR
#undef HALF_BROADCAST
#undef LANES
#undef NAME
#undef CHUNK

#define CHUNK 4
static inline __attribute__((always_inline)) __m256i avx2_d_mask(ptrdiff_t columns) {
    return _mm256_cmpgt_epi64(_mm256_set1_epi64x(columns), _mm256_setr_epi64x(0, 1, 2, 3));
}
static inline __attribute__((always_inline)) void avx2_d_loadChunk(double *to, const double *p, ptrdiff_t columns) {
    _mm256_storeu_pd(to, _mm256_maskload_pd(p, avx2_d_mask(columns)));
}
static inline __attribute__((always_inline)) void avx2_d_storeChunk(double *p, const double *from, ptrdiff_t columns) {
    _mm256_maskstore_pd(p, avx2_d_mask(columns), _mm256_loadu_pd(from));
}

#define SCALAR double
#define HALF_BROADCAST "vbroadcastsd"
#define LANES 8
#define NAME(x) avx2_d_##x
#include "ThinProductBody.inc"

void dln_thin_s_avx2(int wideLayout, int ta, int tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                     const float *a, ptrdiff_t lda, const float *b, ptrdiff_t ldb, int accumulate,
                     float *c, ptrdiff_t ldc, int epilogue, const float *operand, ptrdiff_t ldo, float *sums, void *buffer) {
    if (!wideLayout) avx2_s_product(6, 1, ta, tb, m, n, k, a, lda, b, ldb, accumulate, c, ldc, buffer, epilogue, operand, ldo, sums);
    else if (n <= 16) avx2_s_thinProduct(12, 1, ta, tb, m, n, k, a, lda, b, ldb, accumulate, c, ldc, buffer, epilogue, operand, ldo, sums);
    else avx2_s_thinProduct(12, 2, ta, tb, m, n, k, a, lda, b, ldb, accumulate, c, ldc, buffer, epilogue, operand, ldo, sums);
}

void dln_thin_d_avx2(int wideLayout, int ta, int tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                     const double *a, ptrdiff_t lda, const double *b, ptrdiff_t ldb, int accumulate,
                     double *c, ptrdiff_t ldc, int epilogue, const double *operand, ptrdiff_t ldo, double *sums, void *buffer) {
    if (!wideLayout) avx2_d_product(6, 1, ta, tb, m, n, k, a, lda, b, ldb, accumulate, c, ldc, buffer, epilogue, operand, ldo, sums);
    else if (n <= 8) avx2_d_thinProduct(12, 1, ta, tb, m, n, k, a, lda, b, ldb, accumulate, c, ldc, buffer, epilogue, operand, ldo, sums);
    else avx2_d_thinProduct(12, 2, ta, tb, m, n, k, a, lda, b, ldb, accumulate, c, ldc, buffer, epilogue, operand, ldo, sums);
}

#pragma clang attribute pop
#endif
