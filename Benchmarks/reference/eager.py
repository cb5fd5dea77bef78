#!/usr/bin/env python3
"""The reference frameworks' side of `rill-bench eager`: the TF2 tutorial's linear-regression
step (40 points, loss mean((m x + b - y)^2), tape gradient, plain SGD 0.05), microseconds per step
as the median of 5 repetitions of 1,000 steps after 50 warm-up steps. One JSON line per variant:
TensorFlow eager and tf.function, JAX plain and jit, PyTorch eager. The compiled variants
(tf.function, jax.jit) are printed a second time as `compiled_step.*`, to set beside Rill's
step compiled with `Function`."""
import json
import os
import sys
import time

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
STEPS, LR, WARM, REPS = 1000, 0.05, 50, 5
x = np.arange(1, 5, 0.1).astype(np.float32)
y = (3.5 * x - 1 + np.random.default_rng(0).uniform(-0.5, 0.5, 40)).astype(np.float32)


def measure(name, run_steps, compiled=False):
    run_steps(WARM)
    times = []
    for _ in range(REPS):
        start = time.perf_counter()
        run_steps(STEPS)
        times.append((time.perf_counter() - start) / STEPS * 1e6)
    times.sort()
    for shown in [name] + ([name.replace("eager_step.", "compiled_step.")] if compiled else []):
        print(json.dumps({"name": shown, "unit": "µs/step", "value": times[len(times) // 2],
                          "best": times[0]}))
    sys.stdout.flush()


def tensorflow_variants():
    import tensorflow as tf
    tx, ty = tf.constant(x), tf.constant(y)
    m, b = tf.Variable(0.0), tf.Variable(0.0)

    def step():
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(m * tx + b - ty))
        dm, db = tape.gradient(loss, [m, b])
        m.assign_sub(LR * dm)
        b.assign_sub(LR * db)
        return loss

    def runner(function):
        def run(n):
            for _ in range(n):
                loss = function()
            return float(loss)
        return run

    measure("eager_step.tensorflow_eager", runner(step))
    measure("eager_step.tensorflow_function", runner(tf.function(step)), compiled=True)


def jax_variants():
    import jax
    import jax.numpy as jnp
    jx, jy = jnp.asarray(x), jnp.asarray(y)

    def loss_fn(p):
        return jnp.mean(jnp.square(p[0] * jx + p[1] - jy))

    def step(p):
        g = jax.grad(loss_fn)(p)
        return (p[0] - LR * g[0], p[1] - LR * g[1])

    for name, function in (("jax_plain", step), ("jax_jit", jax.jit(step))):
        state = [(jnp.float32(0.0), jnp.float32(0.0))]

        def run(n, function=function, state=state):
            p = state[0]
            for _ in range(n):
                p = function(p)
            state[0] = jax.block_until_ready(p)
        measure(f"eager_step.{name}", run, compiled=name == "jax_jit")


def torch_variant():
    import torch
    tx, ty = torch.from_numpy(x), torch.from_numpy(y)
    m = torch.zeros((), requires_grad=True)
    b = torch.zeros((), requires_grad=True)

    def run(n):
        for _ in range(n):
            loss = torch.mean(torch.square(m * tx + b - ty))
            dm, db = torch.autograd.grad(loss, [m, b])
            with torch.no_grad():
                m.sub_(LR * dm)
                b.sub_(LR * db)
    measure("eager_step.pytorch_eager", run)


for variant in sys.argv[1:] or ["tensorflow", "jax", "torch"]:
    {"tensorflow": tensorflow_variants, "jax": jax_variants, "torch": torch_variant}[variant]()
