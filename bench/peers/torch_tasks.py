#!/usr/bin/env python3
"""The benchmark tasks in PyTorch (CPU, float32), mirroring dln-bench step for step.

usage: torch_tasks.py TASK [--threads N] [--data DIR] [--epochs N] [--width W]
"""
import argparse
import time

import numpy as np
import torch
import torch.nn.functional as F

import common


def mlp(widths, seed):
    """A ReLU MLP as a list of (weight [in,out], bias) leaf tensors."""
    return [(torch.tensor(w, requires_grad=True), torch.tensor(b, requires_grad=True))
            for w, b in common.he_weights(widths, seed)]


def forward(params, x):
    for i, (w, b) in enumerate(params):
        x = torch.addmm(b, x, w)
        if i < len(params) - 1:
            x = torch.relu(x)
    return x


def parameters(params):
    return [t for pair in params for t in pair]


def gd_step(params, x, y, lr):
    loss = F.cross_entropy(forward(params, x), y)
    for p in parameters(params):
        p.grad = None
    loss.backward()
    with torch.no_grad():
        for p in parameters(params):
            p.sub_(lr * p.grad)


def accuracy(params, x, y):
    with torch.no_grad():
        return float((forward(params, x).argmax(1) == y).float().mean())


def depth_epoch(args):
    x, y = (torch.tensor(a) for a in common.mnist1d(args.data))
    extra, total = {}, 0.0
    for widths in common.DEPTH_NETWORKS:
        params = mlp(widths, 0)
        gd_step(params, x, y, 0.0025)  # warm-up, as dln-bench's first epoch
        times = []
        for _ in range(args.epochs or 25):
            start = time.perf_counter()
            gd_step(params, x, y, 0.0025)
            times.append(time.perf_counter() - start)
        median = sorted(times)[len(times) // 2]
        extra["net_" + "_".join(map(str, widths))] = median
        total += median
    common.report("depth-epoch", total, **extra)


def wide_epoch(args):
    """One full-batch epoch of 40-W-10 (the width-scaling task), as dln-bench's."""
    x, y = (torch.tensor(a) for a in common.mnist1d(args.data))
    params = mlp([40, args.width, 10], 0)
    gd_step(params, x, y, 0.0025)
    times = []
    for _ in range(args.epochs or 10):
        start = time.perf_counter()
        gd_step(params, x, y, 0.0025)
        times.append(time.perf_counter() - start)
    common.report("wide-epoch", sorted(times)[len(times) // 2])


def depth_full(args):
    x, y = (torch.tensor(a) for a in common.mnist1d(args.data))
    params = mlp([40, 298, 10], 0)
    start = time.perf_counter()
    for _ in range(args.epochs or 20000):
        gd_step(params, x, y, 0.0025)
    common.report("depth-full", time.perf_counter() - start, accuracy(params, x, y))


def minibatch_epochs(params, x, y, epochs, step):
    for epoch in range(epochs):
        order = torch.tensor(np.random.RandomState(epoch).permutation(len(y)))
        for start in range(0, len(y), 32):
            batch = order[start:start + 32]
            step(x[batch], y[batch])


def digits_sgd(args):
    (xtr, ytr), (xte, yte) = (tuple(torch.tensor(a) for a in pair) for pair in common.digits(args.data))
    params = mlp([64, 128, 64, 10], 0)
    optimizer = torch.optim.SGD(parameters(params), lr=0.01, momentum=0.9)

    def step(xb, yb):
        optimizer.zero_grad()
        F.cross_entropy(forward(params, xb), yb).backward()
        optimizer.step()

    start = time.perf_counter()
    minibatch_epochs(params, xtr, ytr, args.epochs or 20, step)
    common.report("digits-sgd", time.perf_counter() - start, accuracy(params, xte, yte))


def tiny_steps(args):
    x = torch.linspace(0, 1, 50).reshape(50, 1)
    y = torch.sin(x * 6.28)
    params = mlp([1, 3, 1], 0)
    start = time.perf_counter()
    for _ in range(args.epochs or 10000):
        loss = F.mse_loss(forward(params, x), y)
        for p in parameters(params):
            p.grad = None
        loss.backward()
        with torch.no_grad():
            for p in parameters(params):
                p.sub_(0.05 * p.grad)
    common.report("tiny-steps", time.perf_counter() - start)


def cnn_digits(args):
    (xtr, ytr), (xte, yte) = (tuple(torch.tensor(a) for a in pair) for pair in common.digits(args.data))
    xtr, xte = xtr.reshape(-1, 1, 8, 8), xte.reshape(-1, 1, 8, 8)
    rs = np.random.RandomState(0)
    conv = torch.tensor((rs.randn(8, 1, 3, 3) * np.float32(np.sqrt(2 / 9))).astype(np.float32), requires_grad=True)
    conv_bias = torch.zeros(8, requires_grad=True)
    dense = torch.tensor((rs.randn(128, 10) * np.float32(np.sqrt(2 / 128))).astype(np.float32), requires_grad=True)
    dense_bias = torch.zeros(10, requires_grad=True)
    weights = [conv, conv_bias, dense, dense_bias]

    def model(xb):
        h = F.max_pool2d(torch.relu(F.conv2d(xb, conv, conv_bias, padding=1)), 2)
        return torch.addmm(dense_bias, h.flatten(1), dense)

    optimizer = torch.optim.SGD(weights, lr=0.01, momentum=0.9)

    def step(xb, yb):
        optimizer.zero_grad()
        F.cross_entropy(model(xb), yb).backward()
        optimizer.step()

    start = time.perf_counter()
    minibatch_epochs(None, xtr, ytr, args.epochs or 5, step)
    seconds = time.perf_counter() - start
    with torch.no_grad():
        acc = float((model(xte).argmax(1) == yte).float().mean())
    common.report("cnn-digits", seconds, acc)


def he_tensor(rs, shape, fan_in):
    return torch.tensor((rs.randn(*shape) * np.float32(np.sqrt(2 / fan_in))).astype(np.float32), requires_grad=True)


def train_cnn(task, args, sample_shape, layers, model, batch, epochs):
    """He weights from RandomState(0) drawn layer by layer in dln's order, SGD
    (lr 0.01, momentum 0.9) in mini-batches; time and test accuracy."""
    (xtr, ytr), (xte, yte) = (tuple(torch.tensor(a) for a in pair) for pair in common.mnist1d_split(args.data))
    xtr, xte = xtr.reshape(-1, *sample_shape), xte.reshape(-1, *sample_shape)
    rs = np.random.RandomState(0)
    weights = []
    for shape, fan_in in layers:
        weights += [he_tensor(rs, shape, fan_in), torch.zeros(shape[1] if len(shape) == 2 else shape[0], requires_grad=True)]
    optimizer = torch.optim.SGD(weights, lr=0.01, momentum=0.9)

    def step(xb, yb):
        optimizer.zero_grad()
        F.cross_entropy(model(weights, xb), yb).backward()
        optimizer.step()

    start = time.perf_counter()
    for epoch in range(args.epochs or epochs):
        order = torch.tensor(np.random.RandomState(epoch).permutation(len(ytr)))
        for first in range(0, len(ytr), batch):
            rows = order[first:first + batch]
            step(xtr[rows], ytr[rows])
    seconds = time.perf_counter() - start
    with torch.no_grad():
        acc = float((model(weights, xte).argmax(1) == yte).float().mean())
    common.report(task, seconds, acc)


def cnn_mnist1d(args):
    """MNIST-1D as 1x5x8 images: conv 16 -> conv 16 -> max-pool 2 -> dense 10, batch 32."""
    def model(w, xb):
        h = torch.relu(F.conv2d(xb, w[0], w[1], padding=1))
        h = F.max_pool2d(torch.relu(F.conv2d(h, w[2], w[3], padding=1)), 2)
        return torch.addmm(w[5], h.flatten(1), w[4])

    train_cnn("cnn-mnist1d", args, (1, 5, 8), [((16, 1, 3, 3), 9), ((16, 16, 3, 3), 144), ((128, 10), 128)],
              model, 32, 10)


def cnn_book1d(args):
    """The book's 1-D CNN: three conv1d of 15 channels, kernel 3, stride 2 -> dense 60 -> 10, batch 100."""
    def model(w, xb):
        h = xb
        for i in range(3):
            h = torch.relu(F.conv1d(h, w[2 * i], w[2 * i + 1], stride=2))
        return torch.addmm(w[7], h.flatten(1), w[6])

    train_cnn("cnn-book1d", args, (1, 40), [((15, 1, 3), 3), ((15, 15, 3), 45), ((15, 15, 3), 45), ((60, 10), 60)],
              model, 100, 20)


TASKS = {"depth-epoch": depth_epoch, "depth-full": depth_full, "wide-epoch": wide_epoch, "digits-sgd": digits_sgd,
         "tiny-steps": tiny_steps, "cnn-digits": cnn_digits, "cnn-mnist1d": cnn_mnist1d, "cnn-book1d": cnn_book1d,
         "tiny-steps-loop": tiny_steps}  # the same loop; dln runs it written out in a notebook

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("task", choices=TASKS)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--epochs", type=int)
    parser.add_argument("--width", type=int, default=1024)
    arguments = parser.parse_args()
    torch.set_num_threads(arguments.threads)
    TASKS[arguments.task](arguments)
