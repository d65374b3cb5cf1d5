// The AVX-512 family: 32 registers of 16 floats. Tiles of 12 rows by 2
// vectors (24 accumulators; per step of k 2 loads of B and 12 broadcasts,
// which fold into the multiply-adds, for 24 of them), or by 1 vector when C
// has at most one vector's width of columns (the 10 outputs of a classifier).
// ThinProductAVX2.c builds the same layout with AVX2 for the tests.
#if defined(__x86_64__)
#include "Families.h"

#pragma clang attribute push(__attribute__((target("avx512f"))), apply_to = function)

#define FUSED 1
#define SCALAR float
#define LANES 16
#define NAME(x) avx512_s_##x
#include "ThinProductBody.inc"
#undef SCALAR
#undef LANES
#undef NAME

#define SCALAR double
#define LANES 8
#define NAME(x) avx512_d_##x
#include "ThinProductBody.inc"

void dln_thin_s_avx512(int wideLayout, int ta, int tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                       const float *a, ptrdiff_t lda, const float *b, ptrdiff_t ldb, int accumulate,
                       float *c, ptrdiff_t ldc, void *buffer) {
    (void)wideLayout;
    if (n <= 16) avx512_s_product(12, 1, ta, tb, m, n, k, a, lda, b, ldb, accumulate, c, ldc, buffer);
    else avx512_s_product(12, 2, ta, tb, m, n, k, a, lda, b, ldb, accumulate, c, ldc, buffer);
}

void dln_thin_d_avx512(int wideLayout, int ta, int tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                       const double *a, ptrdiff_t lda, const double *b, ptrdiff_t ldb, int accumulate,
                       double *c, ptrdiff_t ldc, void *buffer) {
    (void)wideLayout;
    if (n <= 8) avx512_d_product(12, 1, ta, tb, m, n, k, a, lda, b, ldb, accumulate, c, ldc, buffer);
    else avx512_d_product(12, 2, ta, tb, m, n, k, a, lda, b, ldb, accumulate, c, ldc, buffer);
}

#pragma clang attribute pop
#endif
