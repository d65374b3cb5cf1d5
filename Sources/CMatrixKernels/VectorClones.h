// A function compiled for AVX-512 (x86-64-v4), AVX2 with FMA (x86-64-v3)
// and the baseline, the loader picking the best the CPU runs. Files that
// use it leave no multiply-add to the compiler (they write fma(), or turn
// contraction off), so each clone gives the same bits.
#ifndef DLN_VECTOR_CLONES_H
#define DLN_VECTOR_CLONES_H

#if defined(__x86_64__)
#define VECTOR_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define VECTOR_CLONES
#endif

#endif
