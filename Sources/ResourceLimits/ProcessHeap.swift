import CMalloc
#if canImport(Glibc)
import Glibc
#endif

/// What the process's allocator has handed out: everything the run made,
/// accounted or not (strings, lists, records, the interpreter's own values).
public enum ProcessHeap {
    /// Bytes in use in malloc's arenas plus its own mappings (glibc's `mallinfo2`).
    public static var bytesInUse: Int {
        let info = mallinfo2()
        let (total, overflow) = Int(clamping: info.uordblks).addingReportingOverflow(Int(clamping: info.hblkhd))
        return overflow ? Int.max : total
    }
}
