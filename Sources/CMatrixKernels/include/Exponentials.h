#ifndef DLN_EXPONENTIALS_H
#define DLN_EXPONENTIALS_H

#include <stddef.h>

/// x[i] = e^x[i] for i < count, in place, each the float nearest the exact
/// value: computed in double precision (relative error below 1e-14) and
/// rounded once, so only a value within about 1e-7 ulp of a halfway point
/// could round the other way. A NaN stays NaN, overflow gives +inf and
/// underflow 0 or a subnormal, as the exact value rounds.
///
/// The same bits on every x86-64 CPU: each multiply-add is written as
/// fma(), an instruction where the CPU has one, a library call otherwise.
void dln_exp_s(float *x, ptrdiff_t count);

#endif
