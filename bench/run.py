#!/usr/bin/env python3
"""dln against PyTorch and NumPy on the course's workloads, side by side.

    python3 bench/run.py [--repetitions 5] [--quick] [--tasks a,b] [--core-types env,auto] [--no-write]

Sets up the peers in bench/.venv (PyTorch CPU and NumPy), builds dln in
release mode, and runs every task for dln and each peer alternately in the
same run, with the same thread count, data and initial weights. Each task
runs once per OpenBLAS core type asked for: `env` is the environment's
OPENBLAS_CORETYPE (skipped when unset), `auto` is dln's own choice (the
variable unset), any other name is set as given; `dln info` records what dln
then used. Single-thread runs are pinned to one processor with taskset. The
table gives, for each side, the median and the range of the repetitions and
the ratio dln / peer taken pair by pair (run i of dln against run i of the
peer) and then its median. Writes the table, the machine, the commit and the
command to bench/RESULTS.md (below the gemm and startup sections).

Tasks measure the engine through dln-bench (the Swift API) and the language
through `dln run` (the `*-notebook` tasks); `contention` runs depth-epoch on
1 and 2 threads while another process keeps one processor busy and reports
2 threads / 1 thread for each side.
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

# name → (task, extra arguments, threads to run at, peers, quick epochs).
# depth-full (minutes per run) is run once per side whatever --repetitions says.
TASKS = {
    "depth-epoch": ("depth-epoch", [], [1, 2], ["torch", "numpy"], 10),
    "depth-full": ("depth-full", [], [1], ["torch"], 2000),
    "wide-1024": ("wide-epoch", ["--width", "1024"], [1], ["torch"], 5),
    "wide-4096": ("wide-epoch", ["--width", "4096"], [1], ["torch"], 3),
    "digits-sgd": ("digits-sgd", [], [1], ["torch", "numpy"], None),
    "tiny-steps": ("tiny-steps", [], [1], ["torch"], None),
    "tiny-steps-notebook": ("tiny-steps", [], [1], ["torch"], None),
    "cnn-digits": ("cnn-digits", [], [1], ["torch"], None),
    "cnn-mnist1d": ("cnn-mnist1d", [], [1], ["torch"], None),
    "cnn-book1d": ("cnn-book1d", [], [1], ["torch"], None),
    "contention": ("depth-epoch", [], [1, 2], ["torch"], 10),
}
DLN = os.path.join(ROOT, ".build", "release", "dln")
LAST_CPU = max(os.sched_getaffinity(0))


def sh(command, **kwargs):
    return subprocess.run(command, check=True, **kwargs)


def setup():
    if not os.path.exists(PYTHON):
        sh([sys.executable, "-m", "venv", VENV])
    wheels = os.environ.get("PIP_FIND_LINKS", "/opt/wheels")
    local_torch = [f for f in os.listdir(wheels) if f.startswith("torch-") and "+cpu" in f] if os.path.isdir(wheels) else []
    torch_requirement = "torch==" + local_torch[0].split("-")[1] if local_torch else "torch"
    missing = subprocess.run([PYTHON, "-c", "import torch, numpy"], capture_output=True).returncode != 0
    if missing:
        sh([PYTHON, "-m", "pip", "install", "-q", "numpy", torch_requirement])
    sh(["swift", "build", "-c", "release", "--product", "dln-bench"], cwd=ROOT, stdout=subprocess.DEVNULL)
    sh(["swift", "build", "-c", "release", "--product", "dln"], cwd=ROOT, stdout=subprocess.DEVNULL)


def command(side, name, threads, epochs):
    task, extra = TASKS[name][0], TASKS[name][1]
    if side == "dln" and name.endswith("-notebook"):
        return [DLN, "run", os.path.join(ROOT, "bench", "notebooks", task.replace("-", "_") + ".dln"), "--quiet"]
    if side == "dln":
        line = [DLN_BENCH, task]
    else:
        line = [PYTHON, os.path.join(ROOT, "bench", "peers", f"{side}_tasks.py"), task]
    line += ["--threads", str(threads), "--data", DATA] + extra
    if epochs:
        line += ["--epochs", str(epochs)]
    # One thread: pinned, so that the scheduler does not move it mid-run.
    return (["taskset", "-c", str(LAST_CPU)] if threads == 1 and name != "contention" else []) + line


def environment(threads, core_type):
    variables = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads))
    variables.pop("OPENBLAS_CORETYPE", None)
    if core_type != "auto":
        variables["OPENBLAS_CORETYPE"] = core_type
    return variables


def run_once(line, threads, core_type):
    output = subprocess.run(line, check=True, capture_output=True, text=True,
                            env=environment(threads, core_type)).stdout
    if line[-1] == "--quiet":  # a notebook: its first line says "... N µs a step"
        microseconds = float(output.split(":", 1)[1].split()[0])
        return {"seconds": microseconds * 10000 / 1e6}
    return json.loads(output.strip().splitlines()[-1])


class BusyProcessor:
    """Another process keeping one processor busy, as on a shared machine."""

    def __enter__(self):
        self.process = subprocess.Popen([sys.executable, "-c", "while True: pass"])
        time.sleep(0.5)
        return self

    def __exit__(self, *details):
        self.process.kill()
        self.process.wait()


def dln_core(core_type):
    info = subprocess.run([DLN, "info"], capture_output=True, text=True, env=environment(1, core_type)).stdout
    return next((l.split(":", 1)[1].strip() for l in info.splitlines() if l.startswith("OpenBLAS core type")), "?")


def measure(name, threads, peers, epochs, repetitions, core_type):
    """Runs dln and its peers alternately; returns each side's samples."""
    samples = {side: [] for side in ["dln"] + peers}
    for _ in range(1 if name == "depth-full" else repetitions):
        for side in samples:
            samples[side].append(run_once(command(side, name, threads, epochs), threads, core_type))
    return samples


def spread(values):
    return statistics.median(values), min(values), max(values)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="fewer epochs for the long tasks")
    parser.add_argument("--tasks", default=",".join(TASKS))
    parser.add_argument("--core-types", default="env,auto")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args()
    setup()
    rows, details, contention = [], [], []
    for core_type in args.core_types.split(","):
        if core_type == "env":
            if not os.environ.get("OPENBLAS_CORETYPE"):
                print("core type env: OPENBLAS_CORETYPE is unset, skipped", flush=True)
                continue
            core_type = os.environ["OPENBLAS_CORETYPE"]
        kernels = f"{core_type} → {dln_core(core_type)}"
        for name in args.tasks.split(","):
            _, _, threads_list, peers, quick_epochs = TASKS[name]
            epochs = quick_epochs if args.quick else None
            if name == "contention":
                with BusyProcessor():
                    by_threads = {t: measure(name, t, peers, epochs, args.repetitions, core_type) for t in threads_list}
                for side in ["dln"] + peers:
                    one = statistics.median(r["seconds"] for r in by_threads[1][side])
                    two = statistics.median(r["seconds"] for r in by_threads[2][side])
                    contention.append((kernels, side, one, two))
                    print(f"contention [{kernels}] {side}: 1 thread {one:.4f} s, 2 threads {two:.4f} s", flush=True)
                continue
            for threads in threads_list:
                samples = measure(name, threads, peers, epochs, args.repetitions, core_type)
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
                      ", ".join(f"{side} {statistics.median(t):.4f} s" for side, t in times.items()), flush=True)
    table = render(rows, details, contention, args)
    print(table)
    if not args.no_write:
        write_results(table, args)


def seconds(value):
    return f"{value * 1000:.2f} ms" if value < 1 else f"{value:.3f} s"


def render(rows, details, contention, args):
    lines = ["| task | kernels (asked → used) | threads | peer | dln median [min–max] | peer median [min–max] "
             "| dln / peer | accuracy dln / peer |",
             "| --- | --- | ---: | --- | ---: | ---: | ---: | --- |"]
    for name, kernels, threads, peer, dln, other, ratio, acc_dln, acc_peer in rows:
        accuracy = f"{acc_dln:.4f} / {acc_peer:.4f}" if acc_dln is not None and acc_peer is not None else ""
        lines.append(f"| {name} | {kernels} | {threads} | {peer} | {seconds(dln[0])} [{seconds(dln[1])}–{seconds(dln[2])}] "
                     f"| {seconds(other[0])} [{seconds(other[1])}–{seconds(other[2])}] | {ratio:.2f} | {accuracy} |")
    if details:
        lines += ["", "depth-epoch per network (median seconds per epoch; ratio pair by pair):", "",
                  "| network | kernels | threads | dln | PyTorch | dln / PyTorch |", "| --- | --- | ---: | ---: | ---: | ---: |"]
        lines += [f"| {net} | {kernels} | {threads} | {dln * 1000:.2f} ms | {torch * 1000:.2f} ms | {ratio:.2f} |"
                  for net, kernels, threads, dln, torch, ratio in details]
    if contention:
        lines += ["", "contention: depth-epoch while another process keeps one processor busy (medians):", "",
                  "| kernels | side | 1 thread | 2 threads | 2 threads / 1 thread |", "| --- | --- | ---: | ---: | ---: |"]
        lines += [f"| {kernels} | {side} | {seconds(one)} | {seconds(two)} | {two / one:.2f} |"
                  for kernels, side, one, two in contention]
    lines += ["", f"repetitions: {args.repetitions}, quick: {args.quick}, core types: {args.core_types}"]
    return "\n".join(lines)


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    core = subprocess.run([os.path.join(ROOT, ".build", "release", "dln"), "info"], capture_output=True, text=True).stdout
    core_line = next((l for l in core.splitlines() if "core type" in l), "")
    torch = subprocess.run([PYTHON, "-c", "import torch, numpy; print(torch.__version__, numpy.__version__)"],
                           capture_output=True, text=True).stdout.split()
    return f"{cpu}, {os.cpu_count()} cores; {core_line}; PyTorch {torch[0]}, NumPy {torch[1]}"


def write_results(table, args):
    path = os.path.join(ROOT, "bench", "RESULTS.md")
    text = open(path).read() if os.path.exists(path) else "# Benchmark results\n"
    marker = "\n## Course workloads: dln against PyTorch and NumPy\n"
    text = text.split(marker)[0].rstrip("\n") + "\n" + marker
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    command = "python3 bench/run.py " + " ".join(sys.argv[1:])
    text += (f"\nCommand: `{command.strip()}` ({time.strftime('%Y-%m-%d')}, commit {commit}). Machine: {machine()}.\n"
             "Each task runs dln (`dln-bench`, the engine and NeuralNet natively, or `dln run` for the "
             "`-notebook` tasks) and its peers (`bench/peers/*.py`) alternately, with the same data, the same "
             "initial weights (NumPy RandomState draws) and the same thread count.\n\n" + table + "\n")
    with open(path + ".tmp", "w") as f:
        f.write(text)
    os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main()
