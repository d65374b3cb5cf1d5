#include "WindowMax.h"

// The first maximum wins: a later element replaces it only when strictly greater.
#define DLN_WINDOW_MAX(T, suffix)                                                                                 \
    void dln_window_max_##suffix(const T *x, ptrdiff_t planes, ptrdiff_t h, ptrdiff_t w, ptrdiff_t oh,           \
                                 ptrdiff_t ow, ptrdiff_t kh, ptrdiff_t kw, ptrdiff_t sh, ptrdiff_t sw, T *values,  \
                                 ptrdiff_t *winners) {                                                            \
        ptrdiff_t out = 0;                                                                                        \
        for (ptrdiff_t plane = 0; plane < planes; plane++) {                                                      \
            for (ptrdiff_t oy = 0; oy < oh; oy++) {                                                               \
                const ptrdiff_t top = plane * h * w + oy * sh * w;                                                \
                for (ptrdiff_t ox = 0; ox < ow; ox++, out++) {                                                    \
                    const ptrdiff_t first = top + ox * sw;                                                        \
                    T best = x[first];                                                                            \
                    ptrdiff_t winner = first;                                                                     \
                    for (ptrdiff_t ky = 0; ky < kh; ky++) {                                                       \
                        const ptrdiff_t row = first + ky * w;                                                     \
                        for (ptrdiff_t kx = 0; kx < kw; kx++) {                                                   \
                            if (x[row + kx] > best) {                                                             \
                                best = x[row + kx];                                                               \
                                winner = row + kx;                                                                \
                            }                                                                                     \
                        }                                                                                         \
                    }                                                                                             \
                    values[out] = best;                                                                           \
                    winners[out] = winner;                                                                        \
                }                                                                                                 \
            }                                                                                                     \
        }                                                                                                         \
    }

DLN_WINDOW_MAX(float, s)
DLN_WINDOW_MAX(double, d)
