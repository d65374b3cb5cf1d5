"""Data and initial weights shared by the peers, drawn exactly as dln-bench
draws them: NumPy's RandomState is the generator dln implements."""
import csv
import json
import os

import numpy as np

DEPTH_NETWORKS = [[40, 298, 10], [40, 100, 100, 10], [40, 75, 75, 75, 10], [40, 63, 63, 63, 63, 10]]


def mnist1d(folder):
    """The 4000 MNIST-1D training samples with labels shuffled by RandomState(1)."""
    x = np.load(os.path.join(folder, "mnist1d", "x.npy")).astype(np.float32)
    y = np.load(os.path.join(folder, "mnist1d", "y.npy"))
    order = np.random.RandomState(1).permutation(len(y))
    return x, y[order].astype(np.int64)


def mnist1d_split(folder):
    """MNIST-1D's 4000 training and 1000 test samples with their own labels."""
    def read(x, y):
        return (np.load(os.path.join(folder, "mnist1d", x)).astype(np.float32),
                np.load(os.path.join(folder, "mnist1d", y)).astype(np.int64))
    return read("x.npy", "y.npy"), read("x_test.npy", "y_test.npy")


def digits(folder):
    """The 8x8 digits scaled to [0, 1], split 80/20 by RandomState(0)."""
    with open(os.path.join(folder, "digits.csv")) as f:
        rows = list(csv.reader(f))[1:]
    data = np.array(rows, dtype=np.float32)
    x, y = data[:, 1:] / 16, data[:, 0].astype(np.int64)
    order = np.random.RandomState(0).permutation(len(y))
    cut = len(y) * 4 // 5
    return (x[order[:cut]], y[order[:cut]]), (x[order[cut:]], y[order[cut:]])


def he_weights(widths, seed):
    """He-normal weights [in, out] layer by layer, zero biases."""
    rs = np.random.RandomState(seed)
    layers = []
    for fan_in, fan_out in zip(widths[:-1], widths[1:]):
        std = np.float32(np.sqrt(2.0 / fan_in))
        w = (rs.randn(fan_in, fan_out) * std).astype(np.float32)
        layers.append((w, np.zeros(fan_out, dtype=np.float32)))
    return layers


def report(task, seconds, accuracy=None, **extra):
    result = {"task": task, "seconds": seconds}
    if accuracy is not None:
        result["accuracy"] = accuracy
    result.update(extra)
    print(json.dumps(result))
