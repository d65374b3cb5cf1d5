// Chooses the family for this CPU and hands each thread its packing buffer.
#include "ThinProduct.h"
#include "Families.h"

#include <pthread.h>
#include <stdlib.h>

DLNKernelFamily dln_thin_family(void) {
    static DLNKernelFamily family;  // 0 until known; a race only repeats the same answer
    DLNKernelFamily known = __atomic_load_n(&family, __ATOMIC_RELAXED);
    if (known) return known;
    known = DLNKernelFamilyPortable;
#if defined(__x86_64__)
    // These also check that the operating system saves the wide registers.
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl")) known = DLNKernelFamilyAVX512;
    else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) known = DLNKernelFamilyAVX2;
#endif
    __atomic_store_n(&family, known, __ATOMIC_RELAXED);
    return known;
}

int dln_thin_family_fuses(DLNKernelFamily family) {
    return family == DLNKernelFamilyPortable ? dln_thin_portable_fuses() : 1;
}

// One buffer per thread, made on first use and freed when the thread ends.
static pthread_key_t bufferKey;
static pthread_once_t bufferKeyOnce = PTHREAD_ONCE_INIT;
static int bufferKeyMade;

static void makeBufferKey(void) { bufferKeyMade = pthread_key_create(&bufferKey, free) == 0; }

static void *threadBuffer(void) {
    pthread_once(&bufferKeyOnce, makeBufferKey);
    if (!bufferKeyMade) return NULL;
    void *buffer = pthread_getspecific(bufferKey);
    if (buffer) return buffer;
    buffer = aligned_alloc(64, DLN_THIN_BUFFER_BYTES);
    if (buffer && pthread_setspecific(bufferKey, buffer) != 0) {
        free(buffer);
        return NULL;
    }
    return buffer;
}

#define DISPATCH(prefix, family, ...)                                  \
    switch (family) {                                                  \
    case DLNKernelFamilyAVX512: AVX512_CALL(prefix, __VA_ARGS__); break; \
    case DLNKernelFamilyAVX2: AVX2_CALL(prefix, __VA_ARGS__); break;     \
    default: prefix##portable(__VA_ARGS__); break;                     \
    }
#if defined(__x86_64__)
#define AVX512_CALL(prefix, ...) prefix##avx512(__VA_ARGS__)
#define AVX2_CALL(prefix, ...) prefix##avx2(__VA_ARGS__)
#else
#define AVX512_CALL(prefix, ...) prefix##portable(__VA_ARGS__)
#define AVX2_CALL(prefix, ...) prefix##portable(__VA_ARGS__)
#endif

// What a call may ask besides the product: an epilogue needs its operand,
// a C written afresh and at least one step of k (it applies as the last
// block of k is stored); column sums of B need B as stored.
static int validExtras(DLNEpilogue epilogue, const void *operand, int accumulate, ptrdiff_t k, int tb,
                         const void *sums) {
    if (sums && tb) return 0;
    return epilogue == DLNEpilogueNone || (operand && !accumulate && k > 0 &&
                                           (epilogue == DLNEpilogueBiasReLU || epilogue == DLNEpilogueReLUGate));
}

int dln_thin_sgemm_epilogue_family(DLNKernelFamily family, int wideLayout, int ta, int tb, ptrdiff_t m, ptrdiff_t n,
                                   ptrdiff_t k, const float *a, ptrdiff_t lda, const float *b, ptrdiff_t ldb,
                                   int accumulate, float *c, ptrdiff_t ldc,
                                   DLNEpilogue epilogue, const float *operand, ptrdiff_t ldo, float *sums) {
    if (!validExtras(epilogue, operand, accumulate, k, tb, sums)) return -1;
    void *buffer = threadBuffer();
    if (!buffer || family > dln_thin_family()) return -1;
    DISPATCH(dln_thin_s_, family, wideLayout, ta, tb, m, n, k, a, lda, b, ldb, accumulate, c, ldc, epilogue, operand,
             ldo, sums, buffer)
    return 0;
}

int dln_thin_dgemm_epilogue_family(DLNKernelFamily family, int wideLayout, int ta, int tb, ptrdiff_t m, ptrdiff_t n,
                                   ptrdiff_t k, const double *a, ptrdiff_t lda, const double *b, ptrdiff_t ldb,
                                   int accumulate, double *c, ptrdiff_t ldc,
                                   DLNEpilogue epilogue, const double *operand, ptrdiff_t ldo, double *sums) {
    if (!validExtras(epilogue, operand, accumulate, k, tb, sums)) return -1;
    void *buffer = threadBuffer();
    if (!buffer || family > dln_thin_family()) return -1;
    DISPATCH(dln_thin_d_, family, wideLayout, ta, tb, m, n, k, a, lda, b, ldb, accumulate, c, ldc, epilogue, operand,
             ldo, sums, buffer)
    return 0;
}

int dln_thin_sgemm_family(DLNKernelFamily family, int wideLayout, int ta, int tb, ptrdiff_t m, ptrdiff_t n,
                          ptrdiff_t k, const float *a, ptrdiff_t lda, const float *b, ptrdiff_t ldb,
                          int accumulate, float *c, ptrdiff_t ldc) {
    return dln_thin_sgemm_epilogue_family(family, wideLayout, ta, tb, m, n, k, a, lda, b, ldb, accumulate, c, ldc,
                                          DLNEpilogueNone, NULL, 0, NULL);
}

int dln_thin_dgemm_family(DLNKernelFamily family, int wideLayout, int ta, int tb, ptrdiff_t m, ptrdiff_t n,
                          ptrdiff_t k, const double *a, ptrdiff_t lda, const double *b, ptrdiff_t ldb,
                          int accumulate, double *c, ptrdiff_t ldc) {
    return dln_thin_dgemm_epilogue_family(family, wideLayout, ta, tb, m, n, k, a, lda, b, ldb, accumulate, c, ldc,
                                          DLNEpilogueNone, NULL, 0, NULL);
}

int dln_thin_sgemm(int ta, int tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const float *a, ptrdiff_t lda,
                   const float *b, ptrdiff_t ldb, int accumulate, float *c, ptrdiff_t ldc) {
    return dln_thin_sgemm_family(dln_thin_family(), 0, ta, tb, m, n, k, a, lda, b, ldb, accumulate, c, ldc);
}

int dln_thin_dgemm(int ta, int tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const double *a, ptrdiff_t lda,
                   const double *b, ptrdiff_t ldb, int accumulate, double *c, ptrdiff_t ldc) {
    return dln_thin_dgemm_family(dln_thin_family(), 0, ta, tb, m, n, k, a, lda, b, ldb, accumulate, c, ldc);
}

int dln_thin_sgemm_epilogue(int ta, int tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const float *a, ptrdiff_t lda,
                            const float *b, ptrdiff_t ldb, float *c, ptrdiff_t ldc,
                            DLNEpilogue epilogue, const float *operand, ptrdiff_t ldo, float *sums) {
    return dln_thin_sgemm_epilogue_family(dln_thin_family(), 0, ta, tb, m, n, k, a, lda, b, ldb, 0, c, ldc,
                                          epilogue, operand, ldo, sums);
}

int dln_thin_dgemm_epilogue(int ta, int tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const double *a, ptrdiff_t lda,
                            const double *b, ptrdiff_t ldb, double *c, ptrdiff_t ldc,
                            DLNEpilogue epilogue, const double *operand, ptrdiff_t ldo, double *sums) {
    return dln_thin_dgemm_epilogue_family(dln_thin_family(), 0, ta, tb, m, n, k, a, lda, b, ldb, 0, c, ldc,
                                          epilogue, operand, ldo, sums);
}
