import Foundation

/// Chooses OpenBLAS's kernel family ("core type") for the CPU dln runs on.
///
/// Debian's OpenBLAS 0.3.21 does not recognise recent CPUs (AMD Zen 4 among
/// them) and silently falls back to its slowest `Prescott` kernels. OpenBLAS
/// reads `OPENBLAS_CORETYPE` only while it loads, so the choice is made before
/// the library is opened (see `BLASLibrary`).
public enum CoreTypeSelection {
    /// The core type for a CPU with these `/proc/cpuinfo` flags and vendor, or
    /// `nil` to let OpenBLAS detect the CPU itself.
    public static func coreType(flags: Set<String>, vendor: String) -> String? {
        let avx512: Set = ["avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd"]
        if avx512.isSubset(of: flags) {
            return flags.contains("avx512_bf16") && vendor == "GenuineIntel" ? "CooperLake" : "SkylakeX"
        }
        if flags.isSuperset(of: ["avx2", "fma"]) {
            return vendor == "AuthenticAMD" ? "Zen" : "Haswell"
        }
        return nil
    }

    /// The flags and vendor of the first processor in `/proc/cpuinfo` text.
    public static func cpuInfo(_ text: String) -> (flags: Set<String>, vendor: String) {
        var flags: Set<String> = []
        var vendor = ""
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let key = parts[0].trimmingCharacters(in: .whitespaces)
            if key == "flags", flags.isEmpty {
                flags = Set(parts[1].split(separator: " ").map(String.init))
            } else if key == "vendor_id", vendor.isEmpty {
                vendor = parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return (flags, vendor)
    }

    /// Sets `OPENBLAS_CORETYPE` for this CPU unless the user already set it.
    static func applyToEnvironment() {
        guard getenv("OPENBLAS_CORETYPE") == nil,
              let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        else { return }
        let info = cpuInfo(text)
        if let core = coreType(flags: info.flags, vendor: info.vendor) {
            setenv("OPENBLAS_CORETYPE", core, 0)
        }
    }
}
