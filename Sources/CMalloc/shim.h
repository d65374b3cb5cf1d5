// glibc's allocator statistics (mallinfo2), for ResourceLimits.ProcessHeap.
#include <malloc.h>
