#!/usr/bin/env python3
"""The reference frameworks' side of `rill-bench graph`, one JSON line per figure.

  graph.py session    TensorFlow 1 style (tf.compat.v1, eager disabled): the tutorial's linear
                      model, GradientDescentOptimizer(0.01).minimize, 1,000 session.run steps
                      with feed_dict x = [1, 2, 3, 4], y = [0, -1, -2, -3]; µs per run, median of 5.
  graph.py function   one training step of the MNIST MLP (784 -> 128 relu -> 10 logits, sparse
                      softmax cross-entropy, Adam 1e-3, batch 128) on fixed random data, as a
                      tf.function; µs per step, median of 5 runs of 100 after 20 warm-up steps.
  graph.py jax        the same MLP step under jax.jit (optax-free Adam written out).
  graph.py torch      the same MLP step in PyTorch eager.
"""
import json
import os
import sys
import time

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
rng = np.random.default_rng(1)
IMAGES = rng.uniform(size=(128, 784)).astype(np.float32)
LABELS = rng.integers(0, 10, size=128).astype(np.int32)


def emit(name, times):
    times.sort()
    print(json.dumps({"name": name, "unit": "µs/step", "value": times[len(times) // 2], "best": times[0]}))
    sys.stdout.flush()


def timed_steps(step, count=100, warm=20, reps=5):
    for _ in range(warm):
        step()
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        for _ in range(count):
            result = step()
        finish(result)
        times.append((time.perf_counter() - start) / count * 1e6)
    return times


def finish(result):
    if hasattr(result, "block_until_ready"):
        result.block_until_ready()
    elif hasattr(result, "numpy"):
        result.numpy()


def session():
    import tensorflow as tf
    v1 = tf.compat.v1
    v1.disable_eager_execution()
    W = tf.Variable([.3], dtype=tf.float32)
    b = tf.Variable([-.3], dtype=tf.float32)
    x = v1.placeholder(tf.float32)
    y = v1.placeholder(tf.float32)
    loss = tf.reduce_sum(tf.square(W * x + b - y))
    train = v1.train.GradientDescentOptimizer(0.01).minimize(loss)
    init = v1.global_variables_initializer()
    sess = v1.Session()
    times = []
    for _ in range(5):
        sess.run(init)
        start = time.perf_counter()
        for _ in range(1000):
            sess.run(train, {x: [1, 2, 3, 4], y: [0, -1, -2, -3]})
        times.append((time.perf_counter() - start) / 1000 * 1e6)
    emit("graph_step.tensorflow_session", times)


def function():
    import tensorflow as tf
    import keras
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((784,)), keras.layers.Dense(128, activation="relu"), keras.layers.Dense(10)])
    optimizer = keras.optimizers.Adam(1e-3)
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    images, labels = tf.constant(IMAGES), tf.constant(LABELS)

    @tf.function
    def step(x, y):
        with tf.GradientTape() as tape:
            loss = loss_fn(y, model(x, training=True))
        gradients = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(gradients, model.trainable_variables))
        return loss

    emit("mlp_step.tensorflow_function", timed_steps(lambda: step(images, labels)))


def jax_step():
    import jax
    import jax.numpy as jnp
    key = jax.random.PRNGKey(0)
    k1, k2 = jax.random.split(key)
    params = [jax.random.normal(k1, (784, 128)) * 0.05, jnp.zeros(128), jax.random.normal(k2, (128, 10)) * 0.05, jnp.zeros(10)]
    moments = [jnp.zeros_like(p) for p in params]
    state = (params, moments, [jnp.zeros_like(p) for p in params], jnp.zeros(()))

    def loss_fn(p, x, y):
        hidden = jax.nn.relu(x @ p[0] + p[1])
        logits = hidden @ p[2] + p[3]
        return -jnp.mean(jnp.take_along_axis(jax.nn.log_softmax(logits), y[:, None], axis=1))

    @jax.jit
    def step(state, x, y):
        params, m, v, t = state
        loss, grads = jax.value_and_grad(loss_fn)(params, x, y)
        t = t + 1
        m = [0.9 * a + 0.1 * g for a, g in zip(m, grads)]
        v = [0.999 * a + 0.001 * g * g for a, g in zip(v, grads)]
        rate = 1e-3 * jnp.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t)
        params = [p - rate * a / (jnp.sqrt(c) + 1e-7) for p, a, c in zip(params, m, v)]
        return (params, m, v, t), loss

    x, y = jnp.asarray(IMAGES), jnp.asarray(LABELS)
    holder = [state]

    def run():
        holder[0], loss = step(holder[0], x, y)
        return loss

    emit("mlp_step.jax_jit", timed_steps(run))


def torch_step():
    import torch
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = torch.nn.CrossEntropyLoss()
    x, y = torch.from_numpy(IMAGES), torch.from_numpy(LABELS).long()

    def run():
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        return loss.detach()

    emit("mlp_step.torch_eager", timed_steps(run))


{"session": session, "function": function, "jax": jax_step, "torch": torch_step}[sys.argv[1]]()
