// Softmax cross-entropy a block of rows at a time: the shifted logits,
// their exponentials in one vectorised pass, then each row's loss and
// gradient. Written once for float and double.
#include "SoftmaxRows.h"
#include "Exponentials.h"
#include "VectorClones.h"

#include <math.h>

// Each product and sum rounds on its own, as in Swift.
#pragma STDC FP_CONTRACT OFF

static void exponentiate_s(float *x, ptrdiff_t count) { dln_exp_s(x, count); }

static void exponentiate_d(double *x, ptrdiff_t count) {
    for (ptrdiff_t i = 0; i < count; i++) x[i] = exp(x[i]);
}

// The row's largest logit as Swift.max(largest, z) finds it from −∞ (a NaN
// never replaces it), or 0 when that is not finite.
#define DLN_ROW_SHIFT(T, suffix)                                                                     \
    static inline __attribute__((always_inline)) T shift_##suffix(const T *z, ptrdiff_t classes) {   \
        T largest = -INFINITY;                                                                       \
        for (ptrdiff_t k = 0; k < classes; k++) largest = z[k] >= largest ? z[k] : largest;          \
        return isfinite(largest) ? largest : (T)0;                                                   \
    }

#define DLN_SOFTMAX_CROSS_ENTROPY(T, suffix, LOG)                                                    \
    VECTOR_CLONES static void finish_##suffix(const T *z, ptrdiff_t rows, ptrdiff_t classes,        \
                                              const ptrdiff_t *labels, const T *targets, T scale,     \
                                              T *slopes, T *losses) {                                \
        for (ptrdiff_t r = 0; r < rows; r++) {                                                       \
            const T *zr = z + r * classes;                                                           \
            T *e = slopes + r * classes;                                                             \
            T sum = 0;                                                                               \
            for (ptrdiff_t k = 0; k < classes; k++) sum += e[k];                                     \
            T logSum = shift_##suffix(zr, classes) + LOG(sum);                                       \
            if (targets) {                                                                           \
                const T *t = targets + r * classes;                                                  \
                T loss = 0;                                                                          \
                for (ptrdiff_t k = 0; k < classes; k++) {                                            \
                    if (t[k] != 0) loss += t[k] * (logSum - zr[k]);                                  \
                    e[k] = (e[k] / sum - t[k]) * scale;                                              \
                }                                                                                    \
                losses[r] = loss;                                                                    \
            } else {                                                                                 \
                /* One target of 1: the loss is 0 + 1·(L − z). */                             \
                ptrdiff_t label = labels[r];                                                         \
                for (ptrdiff_t k = 0; k < classes; k++) e[k] = (e[k] / sum - (k == label ? 1 : 0)) * scale; \
                losses[r] = (T)0 + (logSum - zr[label]);                                                    \
            }                                                                                        \
        }                                                                                            \
    }                                                                                                \
                                                                                                     \
    void dln_softmax_cross_entropy_##suffix(const T *z, ptrdiff_t rows, ptrdiff_t classes,           \
                                            const ptrdiff_t *labels, const T *targets, T scale,       \
                                            T *slopes, T *losses) {                                  \
        for (ptrdiff_t r = 0; r < rows; r++) {                                                       \
            T largest = shift_##suffix(z + r * classes, classes);                                    \
            for (ptrdiff_t k = 0; k < classes; k++) slopes[r * classes + k] = z[r * classes + k] - largest; \
        }                                                                                            \
        exponentiate_##suffix(slopes, rows * classes);                                               \
        finish_##suffix(z, rows, classes, labels, targets, scale, slopes, losses);                   \
    }

DLN_ROW_SHIFT(float, s)
DLN_ROW_SHIFT(double, d)
DLN_SOFTMAX_CROSS_ENTROPY(float, s, logf)
DLN_SOFTMAX_CROSS_ENTROPY(double, d, log)
