// The families' entry points, for the dispatcher (ThinProduct.c).
#ifndef DLN_THIN_FAMILIES_H
#define DLN_THIN_FAMILIES_H

#include <stddef.h>

/// Bytes of the packing buffer every family needs (KC × NC elements).
#define DLN_THIN_BUFFER_BYTES (1024 * 256)

#define DLN_FAMILY_FUNCTIONS(family)                                                                     \
    void dln_thin_s_##family(int wideLayout, int ta, int tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,      \
                             const float *a, ptrdiff_t lda, const float *b, ptrdiff_t ldb, int accumulate, \
                             float *c, ptrdiff_t ldc, int epilogue, const float *operand, ptrdiff_t ldo,   \
                             float *sums, void *buffer);                                                   \
    void dln_thin_d_##family(int wideLayout, int ta, int tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,      \
                             const double *a, ptrdiff_t lda, const double *b, ptrdiff_t ldb,              \
                             int accumulate, double *c, ptrdiff_t ldc, int epilogue,                      \
                             const double *operand, ptrdiff_t ldo, double *sums, void *buffer);

DLN_FAMILY_FUNCTIONS(portable)
int dln_thin_portable_fuses(void);
#if defined(__x86_64__)
DLN_FAMILY_FUNCTIONS(avx2)
DLN_FAMILY_FUNCTIONS(avx512)
#endif

#endif
