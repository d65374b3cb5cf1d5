#!/usr/bin/env python3
"""dln against PyTorch and NumPy on the course's workloads, side by side.

    python3 bench/run.py [--repetitions 5] [--quick] [--full] [--budget 20] [--tasks a,b]
                         [--core-types env,auto] [--no-write] [--results FILE] [--no-build]
                         [--no-reference]

Sets up the peers in bench/.venv (PyTorch CPU and NumPy), builds dln in
release mode, and runs every task for dln and each peer alternately in the
same run, with the same thread count, data and initial weights.

Kernels: each task runs once per OpenBLAS core type asked for. `env` is the
environment's OPENBLAS_CORETYPE (skipped when unset), `auto` is the core type
dln picks by itself (asked of `dln info` with the variable unset), any other
name is used as given. The harness then sets OPENBLAS_CORETYPE to that name
for every run, dln's and the peers', and records what dln used.

Single-thread runs are pinned to one processor with taskset. The table gives,
for each side, the median and the range of the repetitions, and the ratio
dln / peer taken pair by pair (run i of dln against run i of the peer), then
its median. `contention` runs depth-epoch on 1 and 2 threads while another
process keeps one processor busy, alternating 1 and 2 threads within each
repetition, and reports 2 threads / 1 thread pair by pair for each side. Tasks measure the engine through dln-bench (the Swift API) and the
language through `dln run` (the `*-notebook` tasks).

"No worse than today" (issue 22): the tasks bench/reference.md lists also run
dln-bench as it was when the issue was filed (commit 1301b72, built once under
.build/reference-1301b72) as one more side, so that today's dln and that one
meet the same machine; each such row must be no more than 5 % slower. Without
that build (--no-reference, or no git history), their ratios are compared with
the reference's ratios instead, and rows added since with the previous run's.

depth-full trains for 2,000 epochs unless --full is given (20,000, several
minutes a side); the output says which. Before it starts, the harness prints
how long the run should take; when that exceeds --budget minutes it runs fewer
repetitions (at least 3). Without --no-write it replaces the generated part
of bench/RESULTS.md (between its markers) and leaves the rest of the file alone.
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, "bench", ".venv")
PYTHON = os.path.join(VENV, "bin", "python")
DATA = os.path.join(os.path.dirname(ROOT), "shared", "data")
DLN_BENCH = os.path.join(ROOT, ".build", "release", "dln-bench")
DLN = os.path.join(ROOT, ".build", "release", "dln")
RESULTS = os.path.join(ROOT, "bench", "RESULTS.md")
# "No worse than today": the ratios when issue 22 was filed (see the file),
# and dln as it was then, built from that commit and run as one more side.
REFERENCE = os.path.join(ROOT, "bench", "reference.md")
REFERENCE_COMMIT = "1301b72"
THEN = f"dln@{REFERENCE_COMMIT}"
REFERENCE_FOLDER = os.path.join(ROOT, ".build", f"reference-{REFERENCE_COMMIT}")
REFERENCE_BENCH = os.path.join(REFERENCE_FOLDER, ".build", "release", "dln-bench")
BEGIN = "<!-- bench/run.py: generated from here -->"
END = "<!-- bench/run.py: generated up to here -->"

# name → (task, extra arguments, threads to run at, peers, quick epochs).
# A `*-notebook` task runs bench/notebooks/<task with _>.dln through `dln run`
# (10,000 steps; see notebook_seconds). One line per task, so that
# additions merge.
TASKS = {
    "depth-epoch": ("depth-epoch", [], [1, 2], ["torch", "numpy"], 10),
    "depth-full": ("depth-full", [], [1], ["torch"], 500),
    "wide-1024": ("wide-epoch", ["--width", "1024"], [1], ["torch"], 5),
    "wide-4096": ("wide-epoch", ["--width", "4096"], [1], ["torch"], 3),
    "digits-sgd": ("digits-sgd", [], [1], ["torch", "numpy"], None),
    "tiny-steps": ("tiny-steps", [], [1], ["torch"], None),
    "tiny-steps-notebook": ("tiny-steps", [], [1], ["torch"], None),
    "tiny-steps-loop-notebook": ("tiny-steps-loop", [], [1], ["torch"], None),
    "cnn-digits": ("cnn-digits", [], [1], ["torch"], None),
    "cnn-mnist1d": ("cnn-mnist1d", [], [1], ["torch"], None),
    "cnn-book1d": ("cnn-book1d", [], [1], ["torch"], None),
    "contention": ("depth-epoch", [], [1, 2], ["torch"], 10),
}
# depth-full's epochs without --full (the task's own default is 20,000).
DEPTH_FULL_EPOCHS = 2000
# Seconds one repetition takes here, both sides, one core type, all its thread
# counts, without --quick (measured on the 2-core AMD EPYC; tasks not listed count
# UNLISTED_ESTIMATE). With --quick, tasks with quick epochs take about a third.
ESTIMATES = {"depth-epoch": 8, "depth-full": 45, "wide-1024": 6, "wide-4096": 14, "digits-sgd": 6,
             "tiny-steps": 4, "tiny-steps-notebook": 3, "tiny-steps-loop-notebook": 3, "cnn-digits": 5, "contention": 10}
UNLISTED_ESTIMATE = 10
NOTEBOOK_REPORT = os.path.join(ROOT, ".build", "bench-notebook-report.json")
LAST_CPU = max(os.sched_getaffinity(0))


def sh(command, **kwargs):
    return subprocess.run(command, check=True, **kwargs)


def setup(build=True):
    if not os.path.exists(PYTHON):
        sh([sys.executable, "-m", "venv", VENV])
    wheels = os.environ.get("PIP_FIND_LINKS", "/opt/wheels")
    local_torch = [f for f in os.listdir(wheels) if f.startswith("torch-") and "+cpu" in f] if os.path.isdir(wheels) else []
    torch_requirement = "torch==" + local_torch[0].split("-")[1] if local_torch else "torch"
    missing = subprocess.run([PYTHON, "-c", "import torch, numpy"], capture_output=True).returncode != 0
    if missing:
        links = ["--find-links", wheels] if os.path.isdir(wheels) else []
        sh([PYTHON, "-m", "pip", "install", "-q", *links, "numpy", torch_requirement])
    if not build:
        for binary in [DLN_BENCH, DLN]:
            if not os.path.exists(binary):
                sys.exit(f"run.py: --no-build, but {binary} is missing")
        return
    sh(["swift", "build", "-c", "release", "--product", "dln-bench"], cwd=ROOT, stdout=subprocess.DEVNULL)
    sh(["swift", "build", "-c", "release", "--product", "dln"], cwd=ROOT, stdout=subprocess.DEVNULL)


def build_reference(build=True):
    """dln-bench as it was at REFERENCE_COMMIT (built once, kept under .build), or None, saying why."""
    if os.path.exists(REFERENCE_BENCH):
        return REFERENCE_BENCH
    if not build:
        print(f"{THEN}: not built yet (--no-build); rows are compared with the ratios of bench/reference.md instead", flush=True)
        return None
    try:
        archive = subprocess.run(["git", "archive", REFERENCE_COMMIT], cwd=ROOT, capture_output=True, check=True).stdout
        os.makedirs(REFERENCE_FOLDER, exist_ok=True)
        sh(["tar", "-x", "-C", REFERENCE_FOLDER], input=archive)
        sh(["swift", "build", "-c", "release", "--product", "dln-bench"], cwd=REFERENCE_FOLDER, stdout=subprocess.DEVNULL)
    except (subprocess.CalledProcessError, OSError) as error:
        print(f"{THEN}: not built ({error}); rows are compared with the ratios of bench/reference.md instead", flush=True)
        return None
    return REFERENCE_BENCH


def reference_tasks():
    """The tasks bench/reference.md lists: those dln as it was then runs beside today's."""
    return {task for task, _, _, _ in previous_ratios(read(REFERENCE))}


def epochs_for(name, args):
    if name == "depth-full" and not args.full:
        return TASKS[name][4] if args.quick else DEPTH_FULL_EPOCHS
    return TASKS[name][4] if args.quick else None


def command(side, name, threads, epochs, pinned):
    task, extra = TASKS[name][0], TASKS[name][1]
    if side == "dln" and name.endswith("-notebook"):
        # No cell cache: a restored cell would replay the first run's time.
        line = [DLN, "run", os.path.join(ROOT, "bench", "notebooks", task.replace("-", "_") + ".dln"),
                "--no-cache", "--report", NOTEBOOK_REPORT, "--quiet"]
    else:
        line = ([DLN_BENCH, task] if side == "dln" else [REFERENCE_BENCH, task] if side == THEN
                else [PYTHON, os.path.join(ROOT, "bench", "peers", f"{side}_tasks.py"), task])
        line += ["--threads", str(threads), "--data", DATA] + extra
        if epochs:
            line += ["--epochs", str(epochs)]
    # One thread: pinned, so that the scheduler does not move it mid-run.
    return (["taskset", "-c", str(LAST_CPU)] if pinned else []) + line


def environment(threads, core_type):
    """The variables of a run: `core_type` None leaves OPENBLAS_CORETYPE unset."""
    variables = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads))
    variables.pop("OPENBLAS_CORETYPE", None)
    if core_type:
        variables["OPENBLAS_CORETYPE"] = core_type
    return variables


def run_once(line, threads, core_type):
    result = subprocess.run(line, capture_output=True, text=True, env=environment(threads, core_type))
    if result.returncode != 0:
        sys.exit(f"run.py: {' '.join(line)} failed ({result.returncode}):\n{result.stderr.strip()}")
    if line[-1] == "--quiet":  # a notebook of 10,000 steps
        return {"seconds": notebook_seconds(result.stdout)}
    return json.loads(result.stdout.strip().splitlines()[-1])


def notebook_seconds(output):
    """10,000 steps of a notebook: its first line says "... N µs a step", or
    (a notebook without a clock) its cell titled "steps" is timed by --report."""
    first = output.splitlines()[0] if output.strip() else ""
    if "µs a step" in first:
        return float(first.split(":", 1)[1].split()[0]) * 10000 / 1e6
    with open(NOTEBOOK_REPORT) as report:
        return next(cell["duration_seconds"] for cell in json.load(report)["cells"] if cell["title"] == "steps")


class BusyProcessor:
    """Another process keeping one processor busy, as on a shared machine."""

    def __enter__(self):
        self.process = subprocess.Popen(["taskset", "-c", str(LAST_CPU), sys.executable, "-c", "while True: pass"])
        time.sleep(0.5)
        return self

    def __exit__(self, *details):
        self.process.kill()
        self.process.wait()


def dln_info(core_type):
    text = subprocess.run([DLN, "info"], capture_output=True, text=True, env=environment(1, core_type)).stdout
    return {l.split(":", 1)[0].strip(): l.split(":", 1)[1].strip() for l in text.splitlines() if ":" in l}


def dln_core(core_type):
    return dln_info(core_type).get("OpenBLAS core type", "?")


def resolved_core_types(asked):
    """(label, core type to set) for each name asked for; `auto` becomes dln's own choice, set explicitly."""
    result = []
    for name in asked.split(","):
        if name == "env":
            if not os.environ.get("OPENBLAS_CORETYPE"):
                print("core type env: OPENBLAS_CORETYPE is unset, skipped", flush=True)
                continue
            result.append(("env", os.environ["OPENBLAS_CORETYPE"]))
        elif name == "auto":
            result.append(("auto", dln_core(None)))
        else:
            result.append((name, name))
    return result


def measure(name, threads, peers, epochs, repetitions, core_type, pinned):
    """Runs dln and its peers alternately; returns each side's samples."""
    samples = {side: [] for side in ["dln"] + peers}
    for _ in range(repetitions):
        for side in samples:
            samples[side].append(run_once(command(side, name, threads, epochs, pinned), threads, core_type))
    return samples


def spread(values):
    return statistics.median(values), min(values), max(values)


def estimated_seconds(names, repetitions, core_types, quick):
    total = 0
    for name in names:
        each = ESTIMATES.get(name, UNLISTED_ESTIMATE)
        if quick and TASKS[name][4]:
            each /= 3
        total += each * (1 if name == "depth-full" else repetitions)
    return total * core_types


def planned_repetitions(names, args, core_types):
    """The repetitions that fit --budget (at least 3, at most --repetitions), and the estimate."""
    repetitions = args.repetitions
    while repetitions > 3 and estimated_seconds(names, repetitions, core_types, args.quick) > args.budget * 60:
        repetitions -= 1
    return repetitions, estimated_seconds(names, repetitions, core_types, args.quick)


def minutes(seconds):
    return f"{int(seconds // 60)} min {int(seconds % 60):02d} s"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="fewer epochs for the long tasks")
    parser.add_argument("--full", action="store_true", help=f"depth-full for its whole 20,000 epochs (else {DEPTH_FULL_EPOCHS})")
    parser.add_argument("--budget", type=float, default=20, help="minutes the run should fit in (fewer repetitions, at least 3)")
    parser.add_argument("--tasks", default=",".join(TASKS))
    parser.add_argument("--core-types", default="env,auto")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    parser.add_argument("--results", default=RESULTS, help="the file to write (default bench/RESULTS.md)")
    parser.add_argument("--no-build", action="store_true", help="use the release binaries already in .build/release")
    parser.add_argument("--no-reference", action="store_true",
                        help=f"do not run dln as it was at {REFERENCE_COMMIT} beside today's (see bench/reference.md)")
    args = parser.parse_args()
    names = args.tasks.split(",")
    unknown = [n for n in names if n not in TASKS]
    if unknown:
        sys.exit(f"run.py: unknown task {', '.join(unknown)}; tasks: {', '.join(TASKS)}")
    setup(build=not args.no_build)
    # The tasks dln as it was then runs beside today's (none without its build).
    args.reference = reference_tasks() if not args.no_reference and build_reference(build=not args.no_build) else set()
    core_types = resolved_core_types(args.core_types)
    repetitions, estimate = planned_repetitions(names, args, len(core_types))
    args.repetitions_run = repetitions
    if "depth-full" in names:
        print(f"depth-full: {epochs_for('depth-full', args) or 20000} epochs" +
              ("" if args.full else " (not its whole 20,000; --full runs them)"), flush=True)
    print(f"{len(names)} tasks × {len(core_types)} core types × {repetitions} repetitions: about {minutes(estimate)}"
          + (f" (fewer repetitions than the {args.repetitions} asked, to fit --budget {args.budget:g} min)"
             if repetitions < args.repetitions else ""), flush=True)
    started, load_before = time.monotonic(), os.getloadavg()
    rows, details, contention = [], [], []
    args.fma_peak = fma_peak() if "depth-epoch" in names else None
    for label, core_type in core_types:
        kernels = f"{label}: {core_type} → {dln_core(core_type)}"
        for name in names:
            task_started = time.monotonic()
            measure_task(name, args, repetitions, kernels, core_type, rows, details, contention)
            print(f"  ({name}: {time.monotonic() - task_started:.0f} s; {minutes(time.monotonic() - started)} so far)", flush=True)
    elapsed = time.monotonic() - started
    previous = Baselines(reference=previous_ratios(read(REFERENCE)), last=previous_ratios(read(args.results)))
    table = render(rows, details, contention, args, previous)
    summary = (f"repetitions: {repetitions}, quick: {args.quick}, depth-full epochs: {epochs_for('depth-full', args) or 20000}, "
               f"core types: {args.core_types}; took {minutes(elapsed)}; load average "
               f"{load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after")
    print(table + "\n\n" + summary)
    if not args.no_write:
        write_results(args.results, table + "\n\n" + summary, args)
        print(f"wrote {args.results}")


def measure_task(name, args, repetitions, kernels, core_type, rows, details, contention):
    _, _, threads_list, peers, _ = TASKS[name]
    if name in args.reference:
        peers = peers + [THEN]
    epochs = epochs_for(name, args)
    if name == "contention":
        # 1 and 2 threads alternate within each repetition, so that each
        # pair sees the same machine; the ratio is taken pair by pair.
        by_threads = {t: {side: [] for side in ["dln"] + peers} for t in threads_list}
        with BusyProcessor():
            for _ in range(repetitions):
                for threads in threads_list:
                    for side in ["dln"] + peers:
                        result = run_once(command(side, name, threads, epochs, False), threads, core_type)
                        by_threads[threads][side].append(result["seconds"])
        for side in ["dln"] + peers:
            one, two = by_threads[1][side], by_threads[2][side]
            ratio = statistics.median(b / a for a, b in zip(one, two))
            contention.append((kernels, side, spread(one), spread(two), ratio))
            print(f"contention [{kernels}] {side}: 1 thread {seconds(statistics.median(one))}, "
                  f"2 threads {seconds(statistics.median(two))}, pairs {ratio:.2f}", flush=True)
        return
    for threads in threads_list:
        samples = measure(name, threads, peers, epochs, 1 if name == "depth-full" else repetitions, core_type,
                          pinned=threads == 1)
        times = {side: [r["seconds"] for r in results] for side, results in samples.items()}
        accuracy = {side: results[0].get("accuracy") for side, results in samples.items()}
        for peer in peers:
            ratio = statistics.median(d / p for d, p in zip(times["dln"], times[peer]))
            rows.append((name, kernels, threads, peer, spread(times["dln"]), spread(times[peer]), ratio,
                         accuracy["dln"], accuracy[peer]))
        if name == "depth-epoch":
            for key in sorted(samples["dln"][0]):
                if key.startswith("net_"):
                    pairs = [d[key] / t[key] for d, t in zip(samples["dln"], samples["torch"])]
                    details.append((key[4:].replace("_", "-"), kernels, threads,
                                    statistics.median(r[key] for r in samples["dln"]),
                                    statistics.median(r[key] for r in samples["torch"]),
                                    statistics.median(pairs)))
        print(f"{name} [{kernels}] ({threads} thread{'s' if threads > 1 else ''}): " +
              ", ".join(f"{side} {seconds(statistics.median(t))}" for side, t in times.items()), flush=True)


def seconds(value):
    if value < 1e-3:
        return f"{value * 1e6:.1f} µs"
    return f"{value * 1000:.2f} ms" if value < 1 else f"{value:.3f} s"


def ratio_text(value):
    """Two decimals, or four below 0.1 (tiny-steps is about 0.02)."""
    return f"{value:.4f}" if value < 0.1 else f"{value:.2f}"


def ranged(values):
    return f"{seconds(values[0])} [{seconds(values[1])}–{seconds(values[2])}]"


def used_kernels(kernels):
    return kernels.split("→")[-1].strip()


def fma_peak():
    """One core's measured FMA peak in GFLOP/s (`dln-bench fma-peak`, pinned), or None."""
    done = subprocess.run(["taskset", "-c", str(LAST_CPU), DLN_BENCH, "fma-peak"], capture_output=True, text=True)
    peak = json.loads(done.stdout).get("gflops") if done.returncode == 0 and done.stdout.strip() else None
    return peak or None


# MNIST-1D's training samples: the batch of one depth-epoch step.
DEPTH_SAMPLES = 4000


def epoch_flops(widths, samples=DEPTH_SAMPLES):
    """An epoch's products: x·W and Xᵀ·G for every layer, G·Wᵀ for all but the first."""
    layers = list(zip(widths, widths[1:]))
    return sum(2 * samples * k * n * (2 if index == 0 else 3) for index, (k, n) in enumerate(layers))


def render(rows, details, contention, args, previous):
    lines = ["| task | kernels (asked: set → used) | threads | peer | dln median [min–max] | peer median [min–max] "
             "| dln / peer | accuracy dln / peer |",
             "| --- | --- | ---: | --- | ---: | ---: | ---: | --- |"]
    for name, kernels, threads, peer, dln, other, ratio, acc_dln, acc_peer in rows:
        accuracy = f"{acc_dln:.4f} / {acc_peer:.4f}" if acc_dln is not None and acc_peer is not None else ""
        lines.append(f"| {name} | {kernels} | {threads} | {peer} | {ranged(dln)} | {ranged(other)} | {ratio_text(ratio)} | {accuracy} |")
    if details:
        peak = getattr(args, "fma_peak", None)
        lines += ["", "depth-epoch per network (median seconds per epoch; ratio pair by pair). "
                  + (f"The last two columns bound what any engine can do: the epoch's products alone at one core's "
                     f"measured FMA peak ({peak:.1f} GFLOP/s, `dln-bench fma-peak`; on 2 threads, twice that), "
                     "and that time over PyTorch's." if peak else "(No FMA peak was measured.)"), "",
                  "| network | kernels | threads | dln | PyTorch | dln / PyTorch | products at the FMA peak | that / PyTorch |",
                  "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for net, kernels, threads, dln, torch, ratio in details:
            floor = epoch_flops([int(w) for w in net.split("-")]) / (peak * 1e9 * threads) if peak else None
            bound = f"{floor * 1000:.2f} ms | {floor / torch:.2f}" if floor else " | "
            lines.append(f"| {net} | {kernels} | {threads} | {dln * 1000:.2f} ms | {torch * 1000:.2f} ms | {ratio:.2f} | {bound} |")
    if contention:
        lines += ["", "contention: depth-epoch while another process keeps one processor busy (median [min–max]; "
                  "1 and 2 threads alternate, the ratio is the median of the pairs'):", "",
                  "| kernels | side | 1 thread | 2 threads | 2 threads / 1 thread |", "| --- | --- | ---: | ---: | ---: |"]
        lines += [f"| {kernels} | {side} | {ranged(one)} | {ranged(two)} | {ratio:.2f} |"
                  for kernels, side, one, two, ratio in contention]
    lines += ["", "### Against the targets", "", "| target | kernels | measured | met |", "| --- | --- | --- | --- |"]
    lines += [f"| {target} | {kernels} | {measured} | {'yes' if met else '**no**'} |"
              for target, kernels, measured, met in targets(rows, details, contention, previous)]
    return "\n".join(lines)


# Relative slack for "no worse than before": pairwise ratios of repeated runs
# move by a few percent on a quiet machine.
NO_WORSE_SLACK = 1.05


class Baselines:
    """What "no worse" compares with: the reference (bench/reference.md) and the previous run's ratios."""

    def __init__(self, reference=None, last=None):
        self.reference, self.last = reference or {}, last or {}

    @staticmethod
    def find(ratios, name, kernels, threads, peer):
        return ratios.get((name, used_kernels(kernels), threads, peer), ratios.get((name, None, threads, peer)))

    def check(self, name, kernels, threads, peer, ratio):
        """(target, measured, met) for a row without a target of its own, or None without any baseline."""
        last = self.find(self.last, name, kernels, threads, peer)
        before = self.find(self.reference, name, kernels, threads, peer)
        slack = f"{NO_WORSE_SLACK - 1:.0%} slack"
        if before is not None:
            measured = ratio_text(ratio) + (f" (previous run {ratio_text(last)})" if last is not None else "")
            return (f"{name} ({peer}): no worse than when issue 22 was filed ({ratio_text(before)}, {slack})",
                    measured, ratio <= before * NO_WORSE_SLACK)
        if last is not None:
            return (f"{name} ({peer}): no worse than the previous run ({ratio_text(last)}, {slack})",
                    ratio_text(ratio), ratio <= last * NO_WORSE_SLACK)
        return None


def targets(rows, details, contention, previous):
    """(target, kernels, measured, met) for the issue's rows, then every other row against its baseline."""
    result = []
    for net, kernels, threads, _, _, ratio in details:
        result.append((f"depth-epoch {net}, {threads} thread{'s' if threads > 1 else ''}: ≤ 0.5 × PyTorch",
                       kernels, f"{ratio:.2f}", ratio <= 0.5))
    for kernels, side, _, _, ratio in contention:
        if side == "dln":
            result.append(("contention: 2 threads / 1 thread beside a busy core ≤ 1.1", kernels, f"{ratio:.2f}", ratio <= 1.1))
    side_by_side = {(name, kernels, threads) for name, kernels, threads, peer, *_ in rows if peer == THEN}
    special = {"tiny-steps-notebook": ("tiny-steps through `train`: ≥ 50 × faster than PyTorch", 50),
               "tiny-steps-loop-notebook": ("tiny-steps, hand-written `step` loop: ≥ 25 × faster than PyTorch", 25)}
    for name, kernels, threads, peer, _, _, ratio, _, _ in rows:
        if peer == THEN:
            result.append((f"{name}: no slower than dln when issue 22 was filed ({THEN}, side by side; "
                           f"{NO_WORSE_SLACK - 1:.0%} slack)", kernels, f"{ratio:.2f}", ratio <= NO_WORSE_SLACK))
            continue
        if (peer != "torch" and name != "digits-sgd") or (name, kernels, threads) in side_by_side:
            continue
        if name in special:
            text, factor = special[name]
            result.append((text, kernels, f"{1 / ratio:.0f} ×", 1 / ratio >= factor))
        elif name.startswith("cnn-") and name != "cnn-digits":
            result.append((f"{name}: ≤ 0.5 × PyTorch", kernels, f"{ratio:.2f}", ratio <= 0.5))
        elif name == "wide-4096":
            result.append(("wide-4096: ≤ 0.5 × PyTorch", kernels, f"{ratio:.2f}", ratio <= 0.5))
        elif name != "depth-epoch":
            checked = previous.check(name, kernels, threads, peer, ratio)
            if checked is None:
                result.append((f"{name} ({peer}): no earlier result", kernels, ratio_text(ratio), True))
            else:
                target, measured, met = checked
                result.append((target, kernels, measured, met))
    return result


def previous_ratios(text):
    """(task, kernels used or None, threads, peer) → dln / peer from a results table (either layout)."""
    ratios = {}
    header = None
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("|"):
            header = None
        elif "task" in cells and "dln / peer" in cells:
            header = cells
        elif header and len(cells) == len(header) and not cells[0].startswith("---"):
            row = {}
            for key, value in zip(header, cells):
                row.setdefault(key, value)  # the first "peer" column names the peer
            kernels = next((used_kernels(v) for k, v in row.items() if k.startswith("kernels")), None)
            try:
                ratios[(row["task"], kernels, int(row["threads"]), row["peer"])] = float(row["dln / peer"])
            except (KeyError, ValueError):
                continue
    return ratios


def machine():
    cpuinfo = read("/proc/cpuinfo").splitlines()
    cpu = next((l.split(":", 1)[1].strip() for l in cpuinfo if l.startswith("model name")), platform.processor())
    flags = next((l.split(":", 1)[1].split() for l in cpuinfo if l.startswith("flags")), [])
    vector = "AVX-512" if "avx512f" in flags else "AVX2, no AVX-512" if "avx2" in flags else "no AVX2"
    info = dln_info(None)
    versions = subprocess.run([PYTHON, "-c", "import torch, numpy; print(torch.__version__, numpy.__version__)"],
                              capture_output=True, text=True).stdout.split() or ["?", "?"]
    return (f"{cpu} ({vector}), {os.cpu_count()} processors; dln's own core type {info.get('OpenBLAS core type', '?')}; "
            f"PyTorch {versions[0]}, NumPy {versions[1]}")


def read(path):
    if not os.path.exists(path):
        return ""
    with open(path) as f:
        return f.read()


def with_generated(text, generated):
    """`text` with the part between the markers replaced (appended, with its heading, when it has none)."""
    block = f"{BEGIN}\n{generated.rstrip()}\n{END}"
    if BEGIN in text and END in text.split(BEGIN, 1)[1]:
        before, rest = text.split(BEGIN, 1)
        return before + block + rest.split(END, 1)[1]
    heading = "## Course workloads: dln against PyTorch and NumPy"
    return (text.rstrip("\n") + "\n\n" if text.strip() else "# Benchmark results\n\n") + heading + "\n\n" + block + "\n"


def write_results(path, table, args):
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    given = sys.argv[1:]
    shown = [a for i, a in enumerate(given) if not a.startswith("--results") and (i == 0 or given[i - 1] != "--results")]
    command = "python3 bench/run.py " + " ".join(shown)
    generated = (f"Command: `{command.strip()}` ({time.strftime('%Y-%m-%d')}, commit {commit}). Machine: {machine()}.\n"
                 "Each task runs dln (`dln-bench`, the engine and NeuralNet natively, or `dln run` for the "
                 "`-notebook` tasks) and its peers (`bench/peers/*.py`) alternately, with the same data, the same "
                 "initial weights (NumPy RandomState draws), the same thread count and the same OPENBLAS_CORETYPE.\n\n"
                 + table + "\n")
    text = with_generated(read(path), generated)
    with open(path + ".tmp", "w") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main()
