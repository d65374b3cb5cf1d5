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

    /// The CPU flags each core type's kernels execute (as `/proc/cpuinfo`
    /// names them); families not listed are not checked. Forced to a family
    /// the CPU lacks, OpenBLAS 0.3.21 dies of SIGILL at its first product.
    static let requiredFlags: [String: Set<String>] = [
        "prescott": ["pni"],
        "haswell": ["avx2", "fma"],
        "zen": ["avx2", "fma"],
        "skylakex": ["avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd"],
        "cooperlake": ["avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd", "avx512_bf16"],
    ]

    /// The single-precision lanes of the vectors a core type's kernels
    /// compute with, from the name `openblas_get_corename` gives: 16 for the
    /// AVX-512 families, 8 for the AVX and AVX2 ones, 4 (SSE) for the rest.
    public static func vectorLanes(ofCoreType name: String) -> Int {
        let name = name.lowercased()
        if ["skylakex", "cooperlake", "sapphirerapids"].contains(name) { return 16 }
        if ["haswell", "zen", "sandybridge", "excavator", "steamroller", "piledriver", "bulldozer"].contains(name) { return 8 }
        return 4
    }

    /// The flags `coreType` needs that `flags` lacks, sorted (empty when it can run).
    public static func missingFlags(for coreType: String, flags: Set<String>) -> [String] {
        (requiredFlags[coreType.lowercased()] ?? []).subtracting(flags).sorted()
    }

    /// Sets `OPENBLAS_CORETYPE` for this CPU unless the user already set one
    /// it can run; a core type it cannot run is replaced (with a warning on
    /// standard error) rather than left to kill the process.
    static func applyToEnvironment() {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return }
        let info = cpuInfo(text)
        if let given = getenv("OPENBLAS_CORETYPE").map({ String(cString: $0) }), !given.isEmpty {
            let missing = missingFlags(for: given, flags: info.flags)
            guard !missing.isEmpty else { return }
            let replacement = coreType(flags: info.flags, vendor: info.vendor)
            let used = replacement ?? "OpenBLAS's own choice"
            // stdio, not FileHandle: a write to a closed standard error must not trap.
            fputs("dln: OPENBLAS_CORETYPE=\(given) needs CPU features this CPU lacks (\(missing.joined(separator: " "))); using \(used) instead\n", stderr)
            if let replacement { setenv("OPENBLAS_CORETYPE", replacement, 1) } else { unsetenv("OPENBLAS_CORETYPE") }
            return
        }
        if let core = coreType(flags: info.flags, vendor: info.vendor) {
            setenv("OPENBLAS_CORETYPE", core, 1)
        }
    }
}
