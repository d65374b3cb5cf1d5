#ifndef DLN_WINDOW_MAX_H
#define DLN_WINDOW_MAX_H

#include <stddef.h>

/// Max pooling of `planes` planes [h, w] whose windows (kh × kw, strides sh,
/// sw) all lie inside the plane (no padding): each window's maximum in
/// `values` and the offset in `x` of its first maximum, row-major within the
/// window, in `winners`. A NaN first element stays the maximum, as no
/// comparison with it is true. Outputs in order, plane by plane.
void dln_window_max_s(const float *x, ptrdiff_t planes, ptrdiff_t h, ptrdiff_t w, ptrdiff_t oh, ptrdiff_t ow,
                      ptrdiff_t kh, ptrdiff_t kw, ptrdiff_t sh, ptrdiff_t sw, float *values, ptrdiff_t *winners);
void dln_window_max_d(const double *x, ptrdiff_t planes, ptrdiff_t h, ptrdiff_t w, ptrdiff_t oh, ptrdiff_t ow,
                      ptrdiff_t kh, ptrdiff_t kw, ptrdiff_t sh, ptrdiff_t sw, double *values, ptrdiff_t *winners);

#endif
