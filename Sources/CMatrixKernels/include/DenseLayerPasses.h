#ifndef DLN_DENSE_LAYER_PASSES_H
#define DLN_DENSE_LAYER_PASSES_H

#include <stddef.h>

/// The element-wise passes of a dense layer, in C so that they run as
/// vector instructions (AVX2 where the CPU has it): each element gets the
/// same operations, in the same order, as the plain loops they replace.

/// y[r·n + j] = max(y[r·n + j] + b[j], 0) for `rows` rows of n, where max
/// is Swift's: 0 when 0 ≥ the sum, else the sum (a NaN stays NaN).
void dln_bias_relu_s(float *y, const float *b, ptrdiff_t rows, ptrdiff_t n);
void dln_bias_relu_d(double *y, const double *b, ptrdiff_t rows, ptrdiff_t n);

/// out[i] = y[i] > 0 ? dy[i] : 0 for i < count; `out` shares memory with
/// neither input.
void dln_relu_mask_s(const float *y, const float *dy, float *out, ptrdiff_t count);
void dln_relu_mask_d(const double *y, const double *dy, double *out, ptrdiff_t count);

/// sums[j] += m[r·ld + j] for j < width, row after row (r = 0 ..< rows):
/// each sum in the order of its rows. `sums` shares memory with no row.
void dln_column_sums_s(const float *m, ptrdiff_t rows, ptrdiff_t ld, ptrdiff_t width, float *sums);
void dln_column_sums_d(const double *m, ptrdiff_t rows, ptrdiff_t ld, ptrdiff_t width, double *sums);

#endif
