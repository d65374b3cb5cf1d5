import CMalloc
import Foundation

/// glibc's allocator, set up for training loops before any thread starts.
///
/// A training step frees and makes again the same large buffers (a wide
/// layer's activations and gradients, tens of MiB each). Left to itself,
/// glibc serves each from a fresh `mmap` and unmaps it on `free`, or grows
/// and drops 64 MiB heaps of a thread's own arena; either way every step
/// faults every page in again (a third of a 40-4096-10 epoch). Here all
/// threads share the main heap, large buffers come from it too, and freed
/// memory stays mapped up to a bound, so a step reuses last step's pages.
public enum AllocatorSettings {
    /// Free memory at the top of the heap kept mapped for the next step.
    public static let retainedBytes = 1 << 30

    /// Applies the settings, unless the user tuned malloc themselves
    /// (`GLIBC_TUNABLES` or `MALLOC_*` in the environment). Call first
    /// thing in `main`: the arena count applies to threads made later.
    public static func applyForTraining() {
        let environment = ProcessInfo.processInfo.environment
        guard !environment.keys.contains(where: { $0 == "GLIBC_TUNABLES" || $0.hasPrefix("MALLOC_") }) else { return }
        _ = mallopt(M_ARENA_MAX, 1)
        _ = mallopt(M_MMAP_MAX, 0)
        _ = mallopt(M_TRIM_THRESHOLD, Int32(clamping: retainedBytes))
    }
}
