#ifndef DLN_PATCH_ROWS_H
#define DLN_PATCH_ROWS_H

#include <stddef.h>

/// The patch-matrix rows of one zero-padded input plane (see PaddedPlane in
/// TensorCore): for kernel element (ky, kx) and output pixel (oy, ox), the
/// element at padded[(oy·sh + ky·dh)·paddedWidth + ox·sw + kx·dw], kept in
/// rows[(ky·kw + kx)·rowStride + oy·ow + ox].
///
/// `build` writes those elements; `fold` adds each back onto the padded
/// element it came from, kernel element by kernel element, then output
/// pixel by output pixel — one fixed order, the same bits as adding them
/// one at a time in that order.
void dln_patch_build_s(const float *padded, ptrdiff_t paddedWidth, ptrdiff_t oh, ptrdiff_t ow, ptrdiff_t kh, ptrdiff_t kw,
                       ptrdiff_t sh, ptrdiff_t sw, ptrdiff_t dh, ptrdiff_t dw, float *rows, ptrdiff_t rowStride);
void dln_patch_build_d(const double *padded, ptrdiff_t paddedWidth, ptrdiff_t oh, ptrdiff_t ow, ptrdiff_t kh, ptrdiff_t kw,
                       ptrdiff_t sh, ptrdiff_t sw, ptrdiff_t dh, ptrdiff_t dw, double *rows, ptrdiff_t rowStride);
void dln_patch_fold_s(float *padded, ptrdiff_t paddedWidth, ptrdiff_t oh, ptrdiff_t ow, ptrdiff_t kh, ptrdiff_t kw,
                      ptrdiff_t sh, ptrdiff_t sw, ptrdiff_t dh, ptrdiff_t dw, const float *rows, ptrdiff_t rowStride);
void dln_patch_fold_d(double *padded, ptrdiff_t paddedWidth, ptrdiff_t oh, ptrdiff_t ow, ptrdiff_t kh, ptrdiff_t kw,
                      ptrdiff_t sh, ptrdiff_t sw, ptrdiff_t dh, ptrdiff_t dw, const double *rows, ptrdiff_t rowStride);

/// Copies a block of `rows` × `columns` elements between two planes of
/// widths `sourceWidth` and `targetWidth` (into or out of a padded plane).
void dln_plane_copy_s(const float *source, ptrdiff_t sourceWidth, float *target, ptrdiff_t targetWidth, ptrdiff_t rows,
                      ptrdiff_t columns);
void dln_plane_copy_d(const double *source, ptrdiff_t sourceWidth, double *target, ptrdiff_t targetWidth, ptrdiff_t rows,
                      ptrdiff_t columns);

#endif
