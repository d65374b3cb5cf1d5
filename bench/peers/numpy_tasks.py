#!/usr/bin/env python3
"""digits-sgd and depth-epoch written by hand in NumPy (float32), mirroring
dln-bench: forward, softmax cross-entropy, backward, SGD with momentum.

usage: numpy_tasks.py TASK [--threads N] [--data DIR] [--epochs N]
(the thread count is set through OPENBLAS_NUM_THREADS by the harness)
"""
import argparse
import time

import numpy as np

import common


def forward(params, x):
    activations = [x]
    for i, (w, b) in enumerate(params):
        x = x @ w + b
        if i < len(params) - 1:
            x = np.maximum(x, 0)
        activations.append(x)
    return activations


def gradients(params, x, y):
    acts = forward(params, x)
    logits = acts[-1]
    shifted = logits - logits.max(1, keepdims=True)
    p = np.exp(shifted)
    p /= p.sum(1, keepdims=True)
    p[np.arange(len(y)), y] -= 1
    delta = p / len(y)
    grads = []
    for i in reversed(range(len(params))):
        w, _ = params[i]
        grads.append((acts[i].T @ delta, delta.sum(0)))
        if i > 0:
            delta = (delta @ w.T) * (acts[i] > 0)
    return list(reversed(grads))


def depth_epoch(args):
    x, y = common.mnist1d(args.data)
    extra, total = {}, 0.0
    for widths in common.DEPTH_NETWORKS:
        params = common.he_weights(widths, 0)
        times = []
        for _ in range((args.epochs or 25) + 1):
            start = time.perf_counter()
            for (w, b), (gw, gb) in zip(params, gradients(params, x, y)):
                w -= np.float32(0.0025) * gw
                b -= np.float32(0.0025) * gb
            times.append(time.perf_counter() - start)
        median = sorted(times[1:])[len(times[1:]) // 2]
        extra["net_" + "_".join(map(str, widths))] = median
        total += median
    common.report("depth-epoch", total, **extra)


def digits_sgd(args):
    (xtr, ytr), (xte, yte) = common.digits(args.data)
    params = common.he_weights([64, 128, 64, 10], 0)
    velocity = [(np.zeros_like(w), np.zeros_like(b)) for w, b in params]
    lr, momentum = np.float32(0.01), np.float32(0.9)
    start = time.perf_counter()
    for epoch in range(args.epochs or 20):
        order = np.random.RandomState(epoch).permutation(len(ytr))
        for first in range(0, len(ytr), 32):
            batch = order[first:first + 32]
            for (w, b), (vw, vb), (gw, gb) in zip(params, velocity, gradients(params, xtr[batch], ytr[batch])):
                vw *= momentum
                vw += gw
                vb *= momentum
                vb += gb
                w -= lr * vw
                b -= lr * vb
    seconds = time.perf_counter() - start
    accuracy = float((forward(params, xte)[-1].argmax(1) == yte).mean())
    common.report("digits-sgd", seconds, accuracy)


TASKS = {"depth-epoch": depth_epoch, "digits-sgd": digits_sgd}

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("task", choices=TASKS)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--epochs", type=int)
    TASKS[parser.parse_args().task](parser.parse_args())
