#!/usr/bin/env python3
"""Start-up time: `dln run` on a one-cell notebook beside `python3 -c 'import numpy'`.

Runs the commands alternately, 30 times each, and prints the medians and the
ratio. Usage: bench/startup.py [path/to/dln]  (default .build/release/dln).
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

def median_seconds(command, repetitions=30):
    times = []
    for _ in range(repetitions):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)

def main():
    dln = sys.argv[1] if len(sys.argv) > 1 else ".build/release/dln"
    with tempfile.TemporaryDirectory() as folder:
        notebook = os.path.join(folder, "one.dln")
        with open(notebook, "w") as f:
            f.write("x = [1, 2, 3]\nsum(x * 2)\n")
        commands = {
            "dln run (one cell)": [dln, "run", notebook, "--quiet"],
            "python3 -c 'import numpy'": [sys.executable, "-c", "import numpy"],
        }
        results = {name: [] for name in commands}
        for _ in range(3):  # alternate, so that both see the same machine
            for name, command in commands.items():
                results[name].append(median_seconds(command, 10))
        medians = {name: statistics.median(values) for name, values in results.items()}
    print("| command | median |")
    print("| --- | ---: |")
    for name, seconds in medians.items():
        print(f"| {name} | {seconds * 1000:.1f} ms |")
    ratio = medians["dln run (one cell)"] / medians["python3 -c 'import numpy'"]
    print(f"\ndln / numpy import: {ratio:.2f}")

if __name__ == "__main__":
    main()
