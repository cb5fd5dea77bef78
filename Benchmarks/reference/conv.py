#!/usr/bin/env python3
"""The reference frameworks' side of `rill-bench conv`: the layers of the tutorial CNN (anchor
workload w3) at batch 128, timed one kernel at a time, with the same names and units as Rill.

  conv1: 128x28x28x1 -> 32 filters 5x5, SAME      conv2: 128x14x14x32 -> 64 filters 5x5, SAME
  pool1: max-pool 2x2/2 of 128x28x28x32           pool2: max-pool 2x2/2 of 128x14x14x64

Each conv is timed forward, backward-input and backward-filter (GFLOP/s = 2·N·OH·OW·KH·KW·CI·CO
per second); each pool forward and gradient (images/s). Two summary lines add the medians:
`conv.layers.inference` (conv1, pool1, conv2, pool2 forward) and `conv.layers.training` (those
plus conv1's filter gradient, both pool gradients and conv2's input and filter gradients), in
images/s. TensorFlow runs NHWC inside tf.function (oneDNN underneath); PyTorch runs its default
NCHW layout, as in the w3 anchor. Timing follows rill-bench: warm-up calls, then the median and
best of 7 repetitions, each of enough back-to-back calls to last at least 50 ms.

Then the whole CNN as the w3 anchor builds it (Keras model and a tf.function GradientTape step;
a PyTorch nn.Sequential and an eager loop), on random images: `conv.cnn.training` is images/s
over 50 steps after 5 warm-up steps (median of five chunks of 10), `conv.cnn.inference` images/s
of the forward pass at batch 1000 (median of 5 passes).

usage: conv.py tensorflow|torch     (one JSON line per figure)"""
import json
import os
import sys
import time

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
N = 128
CONVS = {"conv1": (28, 1, 32), "conv2": (14, 32, 64)}  # input size, in channels, out channels
POOLS = {"pool1": (28, 32), "pool2": (14, 64)}
K = 5


def seconds_per_call(body, repetitions=7, minimum_run=0.05):
    body()
    start = time.perf_counter()
    body()
    body()
    estimate = (time.perf_counter() - start) / 2
    calls = max(1, int(minimum_run / max(estimate, 1e-9)))
    times = []
    for _ in range(repetitions):
        start = time.perf_counter()
        for _ in range(calls):
            body()
        times.append((time.perf_counter() - start) / calls)
    times.sort()
    return times[len(times) // 2], times[0]


def run(kernels):
    """Times each (name, body) pair and prints the figures; kernels yields them in order."""
    medians = {}
    for name, body in kernels:
        median, best = seconds_per_call(body)
        medians[name] = median
        layer = name.split(".")[1]
        if layer in CONVS:
            size, ci, co = CONVS[layer]
            amount, unit = 2 * N * size * size * K * K * ci * co / 1e9, "GFLOP/s"
        else:
            amount, unit = N, "images/s"
        emit(name, unit, amount / median, amount / best)
    inference = ["conv.conv1.forward", "conv.pool1.forward", "conv.conv2.forward", "conv.pool2.forward"]
    training = inference + ["conv.conv1.backward_filter", "conv.pool1.gradient",
                            "conv.conv2.backward_input", "conv.conv2.backward_filter",
                            "conv.pool2.gradient"]
    for label, parts in (("inference", inference), ("training", training)):
        seconds = sum(medians[part] for part in parts)
        emit(f"conv.layers.{label}", "images/s", N / seconds, N / seconds)


def run_cnn(step, forward):
    """Times a whole-CNN training step (called with nothing, returns a value to sync on) and a
    forward pass at batch 1000 (syncs itself)."""
    for _ in range(5):
        last = step()
    float(last)
    rates = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(10):
            last = step()
        float(last)
        rates.append(10 * N / (time.perf_counter() - start))
    rates.sort()
    emit("conv.cnn.training", "images/s", rates[2], rates[4])
    median, best = seconds_per_call(forward, repetitions=5, minimum_run=0)
    emit("conv.cnn.inference", "images/s", 1000 / median, 1000 / best)


def emit(name, unit, value, best):
    print(json.dumps({"name": name, "unit": unit, "value": value, "best": best}))
    sys.stdout.flush()


def tensorflow_kernels():
    import tensorflow as tf
    rng = np.random.default_rng(0)
    for layer, (size, ci, co) in CONVS.items():
        x = tf.constant(rng.standard_normal((N, size, size, ci), dtype=np.float32))
        w = tf.constant(rng.standard_normal((K, K, ci, co), dtype=np.float32))
        g = tf.constant(rng.standard_normal((N, size, size, co), dtype=np.float32))
        forward = tf.function(lambda x=x, w=w: tf.nn.conv2d(x, w, 1, "SAME"))
        backward_input = tf.function(lambda g=g, w=w: tf.raw_ops.Conv2DBackpropInput(
            input_sizes=[N, size, size, ci], filter=w, out_backprop=g, strides=[1, 1, 1, 1],
            padding="SAME"))
        backward_filter = tf.function(lambda x=x, g=g: tf.raw_ops.Conv2DBackpropFilter(
            input=x, filter_sizes=[K, K, ci, co], out_backprop=g, strides=[1, 1, 1, 1],
            padding="SAME"))
        yield f"conv.{layer}.forward", forward
        yield f"conv.{layer}.backward_input", backward_input
        yield f"conv.{layer}.backward_filter", backward_filter
    for layer, (size, c) in POOLS.items():
        x = tf.constant(rng.standard_normal((N, size, size, c), dtype=np.float32))
        y = tf.nn.max_pool2d(x, 2, 2, "VALID")
        g = tf.constant(rng.standard_normal(y.shape, dtype=np.float32))
        yield f"conv.{layer}.forward", tf.function(lambda x=x: tf.nn.max_pool2d(x, 2, 2, "VALID"))
        yield f"conv.{layer}.gradient", tf.function(lambda x=x, y=y, g=g: tf.raw_ops.MaxPoolGrad(
            orig_input=x, orig_output=y, grad=g, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1],
            padding="VALID"))


def tensorflow_cnn():
    import keras
    import tensorflow as tf
    keras.utils.set_random_seed(0)
    layers = keras.layers
    model = keras.Sequential([
        keras.Input((28, 28, 1)),
        layers.Conv2D(32, 5, padding="same", activation="relu"), layers.MaxPool2D(2, 2),
        layers.Conv2D(64, 5, padding="same", activation="relu"), layers.MaxPool2D(2, 2),
        layers.Flatten(), layers.Dense(1024, activation="relu"), layers.Dense(10)])
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    optimizer = keras.optimizers.Adam(1e-3)
    rng = np.random.default_rng(0)
    images = tf.constant(rng.uniform(size=(N, 28, 28, 1)).astype(np.float32))
    labels = tf.constant(np.arange(N, dtype=np.int32) % 10)
    test = tf.constant(rng.uniform(size=(1000, 28, 28, 1)).astype(np.float32))

    @tf.function
    def step():
        with tf.GradientTape() as tape:
            loss = loss_fn(labels, model(images, training=True))
        gradients = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(gradients, model.trainable_variables))
        return loss

    forward = tf.function(lambda: model(test, training=False))
    run_cnn(step, lambda: forward().numpy())


def torch_cnn():
    import torch
    import torch.nn as nn
    torch.set_grad_enabled(True)
    torch.manual_seed(0)
    model = nn.Sequential(
        nn.Conv2d(1, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2, 2),
        nn.Conv2d(32, 64, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2, 2),
        nn.Flatten(), nn.Linear(3136, 1024), nn.ReLU(), nn.Linear(1024, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    rng = np.random.default_rng(0)
    images = torch.from_numpy(rng.uniform(size=(N, 1, 28, 28)).astype(np.float32))
    labels = torch.from_numpy(np.arange(N, dtype=np.int64) % 10)
    test = torch.from_numpy(rng.uniform(size=(1000, 1, 28, 28)).astype(np.float32))

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(images), labels)
        loss.backward()
        optimizer.step()
        return loss.item()

    def forward():
        with torch.no_grad():
            return model(test)

    run_cnn(step, forward)


def torch_kernels():
    import torch
    torch.set_grad_enabled(False)
    rng = np.random.default_rng(0)
    aten = torch.ops.aten
    for layer, (size, ci, co) in CONVS.items():
        x = torch.from_numpy(rng.standard_normal((N, ci, size, size), dtype=np.float32))
        w = torch.from_numpy(rng.standard_normal((co, ci, K, K), dtype=np.float32))
        g = torch.from_numpy(rng.standard_normal((N, co, size, size), dtype=np.float32))

        def backward(mask, x=x, w=w, g=g):
            return aten.convolution_backward(g, x, w, None, [1, 1], [2, 2], [1, 1], False, [0, 0], 1, mask)

        yield f"conv.{layer}.forward", lambda x=x, w=w: torch.nn.functional.conv2d(x, w, padding=2)
        yield f"conv.{layer}.backward_input", lambda: backward([True, False, False])
        yield f"conv.{layer}.backward_filter", lambda: backward([False, True, False])
    for layer, (size, c) in POOLS.items():
        x = torch.from_numpy(rng.standard_normal((N, c, size, size), dtype=np.float32))
        y, indices = aten.max_pool2d_with_indices(x, [2, 2], [2, 2])
        g = torch.from_numpy(rng.standard_normal(tuple(y.shape), dtype=np.float32))
        yield f"conv.{layer}.forward", lambda x=x: torch.nn.functional.max_pool2d(x, 2, 2)
        yield f"conv.{layer}.gradient", lambda x=x, g=g, indices=indices: (
            aten.max_pool2d_with_indices_backward(g, x, [2, 2], [2, 2], [0, 0], [1, 1], False, indices))


if __name__ == "__main__":
    framework = sys.argv[1] if len(sys.argv) > 1 else "tensorflow"
    kernels, cnn = {"tensorflow": (tensorflow_kernels, tensorflow_cnn),
                    "torch": (torch_kernels, torch_cnn)}[framework]
    run(kernels())
    cnn()
