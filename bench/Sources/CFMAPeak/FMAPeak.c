// The single-core FMA peak, which bounds how fast any product can run: the
// harness compares each network's epoch with its products at this peak.
#include "FMAPeak.h"

#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

#define CHAINS 12

// Rounds of CHAINS multiply-adds on vectors of LANES floats; the result is
// returned so that the loop is not optimised away.
#define PEAK_LOOP(name, LANES, isa)                                                     \
    typedef float name##_vector __attribute__((ext_vector_type(LANES)));                   \
    __attribute__((target(isa), noinline)) static float name(long rounds) {             \
        name##_vector acc[CHAINS];                                                         \
        for (int i = 0; i < CHAINS; i++) acc[i] = (name##_vector)(0.001f * (float)i);      \
        const name##_vector x = (name##_vector)0.999f, y = (name##_vector)0.0001f;         \
        for (long r = 0; r < rounds; r++) {                                                \
            _Pragma("clang loop unroll(full)") for (int i = 0; i < CHAINS; i++)            \
                acc[i] = __builtin_elementwise_fma(acc[i], x, y);                          \
        }                                                                                  \
        float sum = 0;                                                                     \
        for (int i = 0; i < CHAINS; i++) sum += acc[i][0];                                 \
        return sum;                                                                        \
    }

#if defined(__x86_64__)
PEAK_LOOP(avx2Rounds, 8, "avx2,fma")
PEAK_LOOP(avx512Rounds, 16, "avx512f")
#endif

double dln_bench_fma_peak(double seconds, int *width) {
    *width = 0;
#if defined(__x86_64__)
    __builtin_cpu_init();
    int lanes = __builtin_cpu_supports("avx512f") ? 16
              : __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") ? 8 : 0;
    if (!lanes) return 0;
    *width = lanes;
    double best = 0;
    volatile float sink = 0;
    long rounds = 1 << 20;
    for (int run = 0; run < 4; run++) {
        double start = now();
        sink += lanes == 16 ? avx512Rounds(rounds) : avx2Rounds(rounds);
        double elapsed = now() - start;
        double gflops = (double)rounds * CHAINS * lanes * 2 / elapsed / 1e9;
        if (gflops > best) best = gflops;
        // The first run sizes the others to about `seconds`.
        if (run == 0 && elapsed > 0) rounds = (long)((double)rounds * seconds / elapsed) + 1;
    }
    (void)sink;
    return best;
#else
    (void)seconds;
    return 0;
#endif
}
