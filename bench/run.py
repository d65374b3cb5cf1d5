#!/usr/bin/env python3
"""dln against PyTorch and NumPy on the course's workloads, side by side.

    python3 bench/run.py [--repetitions 3] [--quick] [--tasks a,b] [--no-write]

Sets up the peers in bench/.venv (PyTorch CPU and NumPy), builds dln in
release mode, runs every task for dln and each peer alternately in the same
run with the same thread count, data and initial weights, and prints the
medians and the ratio dln / peer. Writes the table, the machine and the
commands to bench/RESULTS.md (below the gemm and startup sections).
"""
import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, "bench", ".venv")
PYTHON = os.path.join(VENV, "bin", "python")
DATA = os.path.join(os.path.dirname(ROOT), "shared", "data")
DLN_BENCH = os.path.join(ROOT, ".build", "release", "dln-bench")

# task → (threads to run at, peers, quick epochs); depth-full (minutes per
# run) is run once per side whatever --repetitions says.
TASKS = {
    "depth-epoch": ([1, 2], ["torch", "numpy"], 10),
    "depth-full": ([1], ["torch"], 2000),
    "digits-sgd": ([1], ["torch", "numpy"], None),
    "tiny-steps": ([1], ["torch"], None),
    "cnn-digits": ([1], ["torch"], None),
}


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


def command(side, task, threads, epochs):
    if side == "dln":
        line = [DLN_BENCH, task]
    else:
        line = [PYTHON, os.path.join(ROOT, "bench", "peers", f"{side}_tasks.py"), task]
    line += ["--threads", str(threads), "--data", DATA]
    if epochs:
        line += ["--epochs", str(epochs)]
    return line


def run_once(line, threads):
    environment = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    output = subprocess.run(line, check=True, capture_output=True, text=True, env=environment).stdout
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = json.loads(output.strip().splitlines()[-1])
    result["peak_kib"] = peak if peak > before else None
    return result


def peak_memory(line, threads):
    """Peak resident memory of one run, measured by GNU time-like wait4."""
    environment = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads))
    process = subprocess.Popen(line, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment)
    _, _, usage = os.wait4(process.pid, 0)
    return usage.ru_maxrss  # KiB on Linux


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="fewer epochs for the long tasks")
    parser.add_argument("--tasks", default=",".join(TASKS))
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args()
    setup()
    rows, details = [], []
    for task in args.tasks.split(","):
        threads_list, peers, quick_epochs = TASKS[task]
        epochs = quick_epochs if args.quick else None
        for threads in threads_list:
            samples = {side: [] for side in ["dln"] + peers}
            for _ in range(1 if task == "depth-full" else args.repetitions):
                for side in samples:  # alternate sides within each repetition
                    samples[side].append(run_once(command(side, task, threads, epochs), threads))
            medians = {side: statistics.median(r["seconds"] for r in results) for side, results in samples.items()}
            accuracy = {side: results[0].get("accuracy") for side, results in samples.items()}
            for peer in peers:
                rows.append((task, threads, peer, medians["dln"], medians[peer], accuracy["dln"], accuracy[peer]))
            if task == "depth-epoch":
                for key in sorted(samples["dln"][0]):
                    if key.startswith("net_"):
                        dln = statistics.median(r[key] for r in samples["dln"])
                        torch = statistics.median(r[key] for r in samples["torch"])
                        details.append((key[4:].replace("_", "-"), threads, dln, torch))
            print(f"{task} ({threads} thread{'s' if threads > 1 else ''}): " +
                  ", ".join(f"{side} {seconds:.4f} s" for side, seconds in medians.items()), flush=True)
    memory = None
    if "depth-full" in args.tasks:
        epochs = 2000 if args.quick else None
        memory = {side: peak_memory(command(side, "depth-full", 1, 2000), 1) for side in ["dln", "torch"]}
    table = render(rows, details, memory, args)
    print(table)
    if not args.no_write:
        write_results(table)


def render(rows, details, memory, args):
    lines = ["| task | threads | peer | dln | peer | dln / peer | accuracy dln / peer |",
             "| --- | ---: | --- | ---: | ---: | ---: | --- |"]
    for task, threads, peer, dln, other, acc_dln, acc_peer in rows:
        accuracy = f"{acc_dln:.4f} / {acc_peer:.4f}" if acc_dln is not None and acc_peer is not None else ""
        lines.append(f"| {task} | {threads} | {peer} | {dln:.4f} s | {other:.4f} s | {dln / other:.2f} | {accuracy} |")
    if details:
        lines += ["", "depth-epoch per network (median seconds per epoch):", "",
                  "| network | threads | dln | PyTorch | dln / PyTorch |", "| --- | ---: | ---: | ---: | ---: |"]
        lines += [f"| {net} | {threads} | {dln * 1000:.2f} ms | {torch * 1000:.2f} ms | {dln / torch:.2f} |"
                  for net, threads, dln, torch in details]
    if memory:
        lines += ["", f"memory (peak RSS of depth-full, 2000 epochs): dln {memory['dln'] / 1024:.0f} MiB, "
                  f"PyTorch {memory['torch'] / 1024:.0f} MiB, dln / PyTorch {memory['dln'] / memory['torch']:.2f}"]
    lines += ["", f"repetitions: {args.repetitions} (medians), quick: {args.quick}"]
    return "\n".join(lines)


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    core = subprocess.run([os.path.join(ROOT, ".build", "release", "dln"), "info"], capture_output=True, text=True).stdout
    core_line = next((l for l in core.splitlines() if "core type" in l), "")
    torch = subprocess.run([PYTHON, "-c", "import torch, numpy; print(torch.__version__, numpy.__version__)"],
                           capture_output=True, text=True).stdout.split()
    return f"{cpu}, {os.cpu_count()} cores; {core_line}; PyTorch {torch[0]}, NumPy {torch[1]}"


def write_results(table):
    path = os.path.join(ROOT, "bench", "RESULTS.md")
    text = open(path).read() if os.path.exists(path) else "# Benchmark results\n"
    marker = "\n## Course workloads: dln against PyTorch and NumPy\n"
    text = text.split(marker)[0].rstrip("\n") + "\n" + marker
    text += (f"\nCommand: `python3 bench/run.py` ({time.strftime('%Y-%m-%d')}). Machine: {machine()}.\n"
             "Each task runs dln (`dln-bench`, the engine and NeuralNet natively) and its peers "
             "(`bench/peers/*.py`) alternately, with the same data, the same initial weights "
             "(NumPy RandomState draws) and the same thread count.\n\n" + table + "\n")
    with open(path + ".tmp", "w") as f:
        f.write(text)
    os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main()
