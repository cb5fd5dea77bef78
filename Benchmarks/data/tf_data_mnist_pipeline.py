#!/usr/bin/env python3
"""tf.data throughput of the MNIST input pipeline, without a model (issue 5's benchmark).

Pipeline, as in the tutorial:
    from_tensor_slices((images uint8 [60000,28,28], labels uint8 [60000]))
    -> map(cast to float32, / 255, reshape to [784])
    -> shuffle(5000, seed=0) -> batch(256) -> prefetch(AUTOTUNE)

Each epoch is iterated to the end and every batch is touched (its first element is read), so
all work is done. One warm-up epoch, then `--epochs` timed epochs; the figure is the median of
60000 / epoch time. The map runs twice: sequentially (map without num_parallel_calls), which
gives `value`, and with num_parallel_calls=AUTOTUNE, which gives `value_parallel_map`. Prints
exactly one JSON line, named like Benchmarks/reference's figures (`mnist_pipeline.tf_data`, unit
examples/s) so that reference/ratios.py pairs it with Rill's `mnist_pipeline.rill`.

usage: ~/.cache/rill-anchors-venv/bin/python Benchmarks/data/tf_data_mnist_pipeline.py [--epochs 5]
MNIST is read from $RILL_DATA_DIR/mnist (default: ../shared/data/mnist beside the repository).
"""
import argparse
import gzip
import os
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
ANCHORS = os.path.normpath(os.path.join(REPO, "..", "shared", "anchors"))
sys.path.insert(0, ANCHORS)
from common import emit, median, quiet_tf, versions  # noqa: E402  (the anchors' helpers)

DATA_DIR = os.environ.get("RILL_DATA_DIR", os.path.join(REPO, "..", "shared", "data"))


def read_idx(name, header_bytes):
    with gzip.open(os.path.join(DATA_DIR, "mnist", name), "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=header_bytes)


ap = argparse.ArgumentParser()
ap.add_argument("--epochs", type=int, default=5)
args = ap.parse_args()

images = read_idx("train-images-idx3-ubyte.gz", 16).reshape(60000, 28, 28)
labels = read_idx("train-labels-idx1-ubyte.gz", 8)
tf = quiet_tf()


def normalize_and_flatten(image, label):
    return tf.reshape(tf.cast(image, tf.float32) / 255.0, [784]), label


def pipeline(parallel_calls):
    dataset = tf.data.Dataset.from_tensor_slices((images, labels))
    dataset = dataset.map(normalize_and_flatten, num_parallel_calls=parallel_calls)
    return dataset.shuffle(5000, seed=0).batch(256).prefetch(tf.data.AUTOTUNE)


def measure(dataset):
    """(median, best, all) examples/s over the timed epochs, after one warm-up epoch."""
    def one_epoch():
        count = 0
        start = time.perf_counter()
        for batch_images, batch_labels in dataset:
            _ = batch_images[0, 0].numpy()
            count += int(batch_labels.shape[0])
        assert count == 60000, count
        return time.perf_counter() - start

    one_epoch()  # warm-up: traces the map function and fills the shuffle buffer once
    times = [one_epoch() for _ in range(args.epochs)]
    rates = [round(60000 / t) for t in times]
    return round(60000 / median(times)), max(rates), rates


sequential, sequential_best, sequential_runs = measure(pipeline(None))
parallel, parallel_best, parallel_runs = measure(pipeline(tf.data.AUTOTUNE))
emit(
    name="mnist_pipeline.tf_data",
    unit="examples/s",
    value=sequential,
    best=sequential_best,
    runs=sequential_runs,
    value_parallel_map=parallel,
    best_parallel_map=parallel_best,
    runs_parallel_map=parallel_runs,
    pipeline="map(cast, /255, reshape [784]) -> shuffle(5000, seed 0) -> batch(256) -> prefetch",
    epochs_timed=args.epochs,
    cpu_count=os.cpu_count(),
    versions=versions(),
)
