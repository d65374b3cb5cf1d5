#ifndef DLN_THIN_PRODUCT_H
#define DLN_THIN_PRODUCT_H

#include <stddef.h>

/// Matrix products for thin shapes, where OpenBLAS packs about as much as
/// it computes (see docs/engine.md, "Thin products").
///
/// C = op(A)·op(B), plus C itself when `accumulate`, row-major, op(A) m×k
/// and op(B) k×n, leading dimensions as in BLAS. Every element of C is one
/// chain of fused multiply-adds in the order p = 0, 1, …, k−1, starting
/// from 0 (or from C): the same bits whatever the tiling, the cut into
/// blocks and the vector width, in every family that has fused
/// multiply-adds.
///
/// Each call returns 0 when done, or -1 when it could not get its packing
/// buffer (C is then untouched and the caller uses BLAS instead).

/// The instruction families, best first.
typedef enum {
    DLNKernelFamilyAVX512 = 3,
    DLNKernelFamilyAVX2 = 2,
    DLNKernelFamilyPortable = 1,
} DLNKernelFamily;

/// What the kernel does to each element of C as it stores it, in place of
/// a separate pass over C afterwards (the same operations, so the same
/// bits; see DenseLayerPasses.h):
/// - bias and ReLU: y = (0 >= c + bias[j]) ? 0 : c + bias[j], with `operand`
///   the bias of n elements (a dense layer's forward pass);
/// - ReLU gate: y = gate[i, j] > 0 ? c : 0, with `operand` the gate m×n of
///   leading dimension `ldo` (the gradient through a ReLU whose outputs
///   are the gate).
typedef enum {
    DLNEpilogueNone = 0,
    DLNEpilogueBiasReLU = 1,
    DLNEpilogueReLUGate = 2,
} DLNEpilogue;

/// The best family this CPU (and its operating system) can run.
DLNKernelFamily dln_thin_family(void);

/// Whether a family's multiply-adds are fused (one rounding each). The
/// portable family fuses only where the compiler's target has FMA.
int dln_thin_family_fuses(DLNKernelFamily family);

/// The product through the best family.
int dln_thin_sgemm(int transposeA, int transposeB, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                   const float *a, ptrdiff_t lda, const float *b, ptrdiff_t ldb,
                   int accumulate, float *c, ptrdiff_t ldc);
int dln_thin_dgemm(int transposeA, int transposeB, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                   const double *a, ptrdiff_t lda, const double *b, ptrdiff_t ldb,
                   int accumulate, double *c, ptrdiff_t ldc);

/// C = op(A)·op(B) then the epilogue, through the best family; -1 also
/// when the epilogue has no operand or k is 0 (C then untouched). With
/// `sums` (NULL for none; B as stored only), also adds each column of B
/// into it, row after row: the bias gradient beside a weight gradient
/// Xᵀ·G, each block of G summed just before the product reads it.
int dln_thin_sgemm_epilogue(int transposeA, int transposeB, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                            const float *a, ptrdiff_t lda, const float *b, ptrdiff_t ldb, float *c, ptrdiff_t ldc,
                            DLNEpilogue epilogue, const float *operand, ptrdiff_t ldo, float *sums);
int dln_thin_dgemm_epilogue(int transposeA, int transposeB, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                            const double *a, ptrdiff_t lda, const double *b, ptrdiff_t ldb, double *c, ptrdiff_t ldc,
                            DLNEpilogue epilogue, const double *operand, ptrdiff_t ldo, double *sums);

/// The product through one family (tests and benchmarks); the family must
/// be one this CPU can run (at most `dln_thin_family()`). The AVX2 family
/// also runs the AVX-512 family's tile layout when `wideLayout` is set, so
/// that layout is tested on CPUs without AVX-512; the others ignore it.
int dln_thin_sgemm_family(DLNKernelFamily family, int wideLayout, int transposeA, int transposeB,
                          ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const float *a, ptrdiff_t lda,
                          const float *b, ptrdiff_t ldb, int accumulate, float *c, ptrdiff_t ldc);
int dln_thin_dgemm_family(DLNKernelFamily family, int wideLayout, int transposeA, int transposeB,
                          ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const double *a, ptrdiff_t lda,
                          const double *b, ptrdiff_t ldb, int accumulate, double *c, ptrdiff_t ldc);
int dln_thin_sgemm_epilogue_family(DLNKernelFamily family, int wideLayout, int transposeA, int transposeB,
                                   ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const float *a, ptrdiff_t lda,
                                   const float *b, ptrdiff_t ldb, int accumulate, float *c, ptrdiff_t ldc,
                                   DLNEpilogue epilogue, const float *operand, ptrdiff_t ldo, float *sums);
int dln_thin_dgemm_epilogue_family(DLNKernelFamily family, int wideLayout, int transposeA, int transposeB,
                                   ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const double *a, ptrdiff_t lda,
                                   const double *b, ptrdiff_t ldb, int accumulate, double *c, ptrdiff_t ldc,
                                   DLNEpilogue epilogue, const double *operand, ptrdiff_t ldo, double *sums);

#endif
