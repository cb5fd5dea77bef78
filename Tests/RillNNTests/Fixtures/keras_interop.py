#!/usr/bin/env python3
"""Writes the fixtures of KerasInteropTests: two small Keras models trained briefly in Python,
their weights keyed as Rill keys a Sequential model's weights, an input batch, and Keras's
predictions for it.

Keys follow Keras 3's weight files: each weighted layer is named after its class in snake case,
numbered by order within the model (dense, dense_1, conv2d …), then the weight's name
(dense.kernel, batch_normalization.moving_mean …).

    keras-mlp.npz              the MLP's weights (NumPy archive)
    keras-mlp-io.npz           x [5, 4, 4] and Keras's predictions y [5, 4]
    keras-cnn.safetensors      the CNN's weights (safetensors)
    keras-cnn-io.npz           x [3, 8, 8, 1] and Keras's predictions y [3, 3]

Regenerate with a Python that has keras (TensorFlow backend), numpy and safetensors, for
example the anchors' environment:

    ~/.cache/rill-anchors-venv/bin/python Tests/RillNNTests/Fixtures/keras_interop.py
"""
import os
import re

import keras
import numpy as np
from safetensors.numpy import save_file

here = os.path.dirname(os.path.abspath(__file__))
keras.utils.set_random_seed(7)
L = keras.layers


def rill_keys(model):
    """The weights by Rill's key: class name in snake case, numbered in order, then the name."""
    counts, weights = {}, {}
    for layer in model.layers:
        if not layer.weights:
            continue
        base = re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", type(layer).__name__).lower()
        count = counts.get(base, 0)
        counts[base] = count + 1
        name = base if count == 0 else f"{base}_{count}"
        for weight in layer.weights:
            weights[f"{name}.{weight.name}"] = np.asarray(weight.numpy(), dtype=np.float32)
    return weights


def train(model, x, y):
    model.compile(optimizer=keras.optimizers.Adam(0.01),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=False))
    model.fit(x, y, batch_size=16, epochs=3, verbose=0)


rng = np.random.default_rng(7)

mlp = keras.Sequential([
    keras.Input((4, 4)), L.Flatten(), L.Dense(16, activation="relu"), L.LayerNormalization(),
    L.Dropout(0.3), L.Dense(4, activation="softmax")])
train(mlp, rng.normal(size=(64, 4, 4)).astype(np.float32), rng.integers(0, 4, 64))
x = rng.normal(size=(5, 4, 4)).astype(np.float32)
np.savez(os.path.join(here, "keras-mlp.npz"), **rill_keys(mlp))
np.savez(os.path.join(here, "keras-mlp-io.npz"), x=x, y=mlp.predict(x, verbose=0))

cnn = keras.Sequential([
    keras.Input((8, 8, 1)), L.Conv2D(4, 3, padding="same", activation="relu"),
    L.BatchNormalization(), L.MaxPooling2D(2), L.Conv2D(6, 3, padding="valid", activation="relu"),
    L.GlobalAveragePooling2D(), L.Dense(3, activation="softmax")])
train(cnn, rng.normal(size=(64, 8, 8, 1)).astype(np.float32), rng.integers(0, 3, 64))
x = rng.normal(size=(3, 8, 8, 1)).astype(np.float32)
save_file(rill_keys(cnn), os.path.join(here, "keras-cnn.safetensors"))
np.savez(os.path.join(here, "keras-cnn-io.npz"), x=x, y=cnn.predict(x, verbose=0))
