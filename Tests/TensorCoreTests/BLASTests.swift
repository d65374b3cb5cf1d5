import Foundation
import Testing
@testable import TensorCore

@Suite("OpenBLAS loading")
struct BLASTests {
    @Test func coreTypeFollowsTheCPUFlags() {
        let avx512: Set = ["avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd"]
        #expect(CoreTypeSelection.coreType(flags: avx512, vendor: "AuthenticAMD") == "SkylakeX")
        #expect(CoreTypeSelection.coreType(flags: avx512.union(["avx512_bf16"]), vendor: "GenuineIntel") == "CooperLake")
        #expect(CoreTypeSelection.coreType(flags: ["avx2", "fma"], vendor: "AuthenticAMD") == "Zen")
        #expect(CoreTypeSelection.coreType(flags: ["avx2", "fma"], vendor: "GenuineIntel") == "Haswell")
        #expect(CoreTypeSelection.coreType(flags: ["sse2"], vendor: "GenuineIntel") == nil)
    }

    @Test func coreTypesTheCPUCannotRunAreRecognised() {
        let avx2: Set = ["pni", "avx2", "fma"]
        #expect(CoreTypeSelection.missingFlags(for: "SkylakeX", flags: avx2) == ["avx512bw", "avx512cd", "avx512dq", "avx512f", "avx512vl"])
        #expect(CoreTypeSelection.missingFlags(for: "haswell", flags: avx2).isEmpty)
        #expect(CoreTypeSelection.missingFlags(for: "Haswell", flags: ["pni"]) == ["avx2", "fma"])
        #expect(CoreTypeSelection.missingFlags(for: "Sandybridge", flags: []).isEmpty)  // not checked
    }

    /// As `openblas_get_corename` spells them (lower case, "Haswell" too).
    @Test func coreTypesHaveTheirVectorWidth() {
        #expect(["SkylakeX", "cooperlake", "sapphirerapids"].map(CoreTypeSelection.vectorLanes(ofCoreType:)) == [16, 16, 16])
        #expect(["Haswell", "zen", "sandybridge"].map(CoreTypeSelection.vectorLanes(ofCoreType:)) == [8, 8, 8])
        #expect(["Prescott", "nehalem", "core2", "unknown"].map(CoreTypeSelection.vectorLanes(ofCoreType:)) == [4, 4, 4, 4])
    }

    @Test func cpuInfoIsParsed() {
        let text = "processor\t: 0\nvendor_id\t: AuthenticAMD\nflags\t\t: fpu avx2 fma\n\nprocessor\t: 1\nflags\t: sse\n"
        let info = CoreTypeSelection.cpuInfo(text)
        #expect(info.vendor == "AuthenticAMD" && info.flags == ["fpu", "avx2", "fma"])
    }

    /// dln's own choice is a fast kernel; a core type the environment forced
    /// (as `.ci/run` does, Prescott among them) is the one that runs.
    @Test func openBLASRunsAFastKernelOrTheForcedOne() throws {
        let blas = try BLASLibrary.shared.get()
        #expect(!blas.coreName.isEmpty)
        let cpu = CoreTypeSelection.cpuInfo((try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? "")
        let ownChoice = CoreTypeSelection.coreType(flags: cpu.flags, vendor: cpu.vendor)
        // Read after loading: dln's own choice, or what the environment set
        // (empty: OpenBLAS detects the CPU itself).
        if let forced = getenv("OPENBLAS_CORETYPE").map({ String(cString: $0) }), forced != ownChoice {
            if !forced.isEmpty { #expect(blas.coreName.lowercased() == forced.lowercased()) }
        } else {
            #expect(blas.coreName.lowercased() != "prescott")
        }
    }
}
