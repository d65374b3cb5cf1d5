// e^x for float arrays, vectorised: a softmax over a batch's logits takes
// tens of thousands of them per step, one library call each otherwise.
//
// e^x = 2^k · e^r with k = round(x / ln 2) and r = x − k·ln 2 (|r| ≤ ½ ln 2),
// e^r by its Taylor series to r^12 (truncation below 2e-16 there), all in
// double precision, then one rounding to float.
#include "Exponentials.h"
#include "VectorClones.h"

#include <stdint.h>

// Beyond these e^x rounds to +inf or to 0 as a float, and 2^k stays a
// normal double.
#define LOWEST -104.0
#define HIGHEST 89.0

static inline __attribute__((always_inline)) double exponential(double x) {
    const double shift = 0x1.8p52;  // adding it rounds to an integer, kept in the low bits
    double kd = __builtin_fma(x, 0x1.71547652b82fep0, shift);  // x / ln 2 + shift
    uint64_t k;
    __builtin_memcpy(&k, &kd, sizeof k);
    kd -= shift;
    // ln 2 as a double and the rest of it: r to about 1e-16 of itself.
    double r = __builtin_fma(-kd, 0x1.62e42fefa39efp-1, x);
    r = __builtin_fma(-kd, 0x1.abc9e3b39803fp-56, r);
    double p = 1.0 / 479001600;
    p = __builtin_fma(p, r, 1.0 / 39916800);
    p = __builtin_fma(p, r, 1.0 / 3628800);
    p = __builtin_fma(p, r, 1.0 / 362880);
    p = __builtin_fma(p, r, 1.0 / 40320);
    p = __builtin_fma(p, r, 1.0 / 5040);
    p = __builtin_fma(p, r, 1.0 / 720);
    p = __builtin_fma(p, r, 1.0 / 120);
    p = __builtin_fma(p, r, 1.0 / 24);
    p = __builtin_fma(p, r, 1.0 / 6);
    p = __builtin_fma(p, r, 0.5);
    p = __builtin_fma(p, r, 1.0);
    p = __builtin_fma(p, r, 1.0);
    // 2^k from k's low bits, moved into the exponent field (k + 1023 is
    // between 873 and 1152, so the sign bit stays 0).
    uint64_t scaleBits = (k + 1023) << 52;
    double scale;
    __builtin_memcpy(&scale, &scaleBits, sizeof scale);
    return p * scale;
}

VECTOR_CLONES void dln_exp_s(float *x, ptrdiff_t count) {
    for (ptrdiff_t i = 0; i < count; i++) {
        double v = x[i];
        double clamped = v < LOWEST ? LOWEST : v > HIGHEST ? HIGHEST : v;
        float y = (float)exponential(clamped);
        x[i] = v != v ? x[i] : y;
    }
}
