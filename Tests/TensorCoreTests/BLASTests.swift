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

    @Test func cpuInfoIsParsed() {
        let text = "processor\t: 0\nvendor_id\t: AuthenticAMD\nflags\t\t: fpu avx2 fma\n\nprocessor\t: 1\nflags\t: sse\n"
        let info = CoreTypeSelection.cpuInfo(text)
        #expect(info.vendor == "AuthenticAMD" && info.flags == ["fpu", "avx2", "fma"])
    }

    @Test func openBLASRunsAFastKernel() throws {
        let blas = try BLASLibrary.shared.get()
        #expect(!blas.coreName.isEmpty)
        #expect(blas.coreName.lowercased() != "prescott")
    }
}
