#ifndef DLN_BENCH_FMA_PEAK_H
#define DLN_BENCH_FMA_PEAK_H

/// One core's peak of single-precision fused multiply-adds, in GFLOP/s (two
/// operations per lane of each): 12 independent chains on the widest
/// vectors this CPU has (AVX-512, else AVX2 with FMA), the best of a few
/// runs of about `seconds` each. 0 when the CPU has neither. `width` gets
/// the vector's lanes.
double dln_bench_fma_peak(double seconds, int *width);

#endif
