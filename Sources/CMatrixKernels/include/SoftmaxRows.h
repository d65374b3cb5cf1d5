#ifndef DLN_SOFTMAX_ROWS_H
#define DLN_SOFTMAX_ROWS_H

#include <stddef.h>

/// Softmax cross-entropy for `rows` rows of `classes` logits z (row-major):
/// for each row, with m its largest logit (NaNs skipped; 0 when that is
/// not finite), e = exp(z − m), s = Σ e in order and L = m + log s,
///   slopes[k] = (e[k] / s − t[k]) · scale and losses[row] = Σ t[k]·(L − z[k])
/// over the k with t[k] ≠ 0, where t is the row of `targets` (soft), or 1 at
/// `labels[row]` and 0 elsewhere (hard: `targets` NULL, every label in
/// 0 ..< classes). Each element gets the operations of FusedCrossEntropy's
/// loops in Swift, without contraction; float exponentials are
/// `dln_exp_s`'s, double ones the library's.
void dln_softmax_cross_entropy_s(const float *z, ptrdiff_t rows, ptrdiff_t classes, const ptrdiff_t *labels,
                                 const float *targets, float scale, float *slopes, float *losses);
void dln_softmax_cross_entropy_d(const double *z, ptrdiff_t rows, ptrdiff_t classes, const ptrdiff_t *labels,
                                 const double *targets, double scale, double *slopes, double *losses);

#endif
