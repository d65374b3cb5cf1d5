// The portable family: the same kernel for any CPU the compiler targets,
// with whatever vectors it has (SSE2 on x86-64: tiles of 3 rows by 16
// columns fill 12 of its 16 registers). Multiply-adds are fused only where
// the target has them, so on an x86-64 without FMA the last bits differ
// from the other families.
#include "Families.h"
// Few registers (16 on x86-64): a tile with a quarter-wide edge keeps at
// most 4 rows of a whole vector (see ThinProductBody.inc).
#define EDGED_ROWS 4

#if defined(__FMA__) || defined(__aarch64__)
#define FUSED 1
#else
#define FUSED 0
#pragma clang fp contract(off)
#endif

#define SCALAR float
#define LANES 16
#define NAME(x) portable_s_##x
#include "ThinProductBody.inc"
#undef SCALAR
#undef LANES
#undef NAME

#define SCALAR double
#define LANES 8
#define NAME(x) portable_d_##x
#include "ThinProductBody.inc"

void dln_thin_s_portable(int wideLayout, int ta, int tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                         const float *a, ptrdiff_t lda, const float *b, ptrdiff_t ldb, int accumulate,
                         float *c, ptrdiff_t ldc, int epilogue, const float *operand, ptrdiff_t ldo, float *sums, void *buffer) {
    (void)wideLayout;
    portable_s_product(3, 1, ta, tb, m, n, k, a, lda, b, ldb, accumulate, c, ldc, buffer, epilogue, operand, ldo, sums);
}

void dln_thin_d_portable(int wideLayout, int ta, int tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                         const double *a, ptrdiff_t lda, const double *b, ptrdiff_t ldb, int accumulate,
                         double *c, ptrdiff_t ldc, int epilogue, const double *operand, ptrdiff_t ldo, double *sums, void *buffer) {
    (void)wideLayout;
    portable_d_product(3, 1, ta, tb, m, n, k, a, lda, b, ldb, accumulate, c, ldc, buffer, epilogue, operand, ldo, sums);
}

int dln_thin_portable_fuses(void) { return FUSED; }
