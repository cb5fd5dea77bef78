#!/usr/bin/env python3
"""NumPy's side of `rill-bench kernels`: the same workloads and names, one JSON line each.

Timing follows rill-bench: two warm-up calls, then the median and best of 7 repetitions, each
running enough back-to-back calls to last at least 50 ms. Outputs are allocated per call, as in
Rill (an op returns a new tensor)."""
import json
import sys
import time

import numpy as np


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


def emit(name, unit, amount, body):
    median, best = seconds_per_call(body)
    print(json.dumps({"name": name, "unit": unit, "value": amount / median, "best": amount / best}))
    sys.stdout.flush()


rng = np.random.default_rng(0)
for n in (256, 512, 1024, 2048):
    a = rng.standard_normal((n, n), dtype=np.float32)
    b = rng.standard_normal((n, n), dtype=np.float32)
    emit(f"gemm.f32.{n}", "GFLOP/s", 2 * n ** 3 / 1e9, lambda: a @ b)
for label, count in (("1M", 1 << 20), ("16M", 1 << 24)):
    a = rng.standard_normal(count, dtype=np.float32)
    b = rng.standard_normal(count, dtype=np.float32)
    gigabytes = count * 4 / 1e9
    emit(f"add.f32.{label}", "GB/s", 3 * gigabytes, lambda: a + b)
    emit(f"multiply.f32.{label}", "GB/s", 3 * gigabytes, lambda: a * b)
    emit(f"relu.f32.{label}", "GB/s", 2 * gigabytes, lambda: np.maximum(a, 0))
    emit(f"exp.f32.{label}", "GB/s", 2 * gigabytes, lambda: np.exp(a))
n = 4096
matrix = rng.standard_normal((n, n), dtype=np.float32)
row = rng.standard_normal(n, dtype=np.float32)
matrix_gigabytes = n * n * 4 / 1e9
for axis in (0, 1):
    emit(f"sum.axis{axis}.4096x4096", "GB/s", matrix_gigabytes, lambda: matrix.sum(axis=axis))
    emit(f"max.axis{axis}.4096x4096", "GB/s", matrix_gigabytes, lambda: matrix.max(axis=axis))
emit("broadcast_add.4096x4096+4096", "GB/s", 2 * matrix_gigabytes + n * 4 / 1e9, lambda: matrix + row)
