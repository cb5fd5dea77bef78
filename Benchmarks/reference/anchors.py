#!/usr/bin/env python3
"""Runs an anchor workload of ../shared/anchors on the reference frameworks and prints its
figures as JSON lines named like Rill's, for reference/ratios.py.

usage: anchors.py ANCHORS_DIR w2    MNIST MLP: samples/s, test accuracy, first step, memory
       anchors.py ANCHORS_DIR w3    tutorial CNN: training and inference images/s
"""
import json
import subprocess
import sys

anchors, workload = sys.argv[1], sys.argv[2]
runs = {
    "w2": [["--framework", "tf", "--variant", "fit"], ["--framework", "tf", "--variant", "tape"],
           ["--framework", "jax"], ["--framework", "torch"]],
    "w3": [["--framework", "tf"], ["--framework", "jax"], ["--framework", "torch"]],
}[workload]


def figure(name, unit, value):
    print(json.dumps({"name": name, "unit": unit, "value": value, "best": value}), flush=True)


for arguments in runs:
    result = subprocess.run([f"{anchors}/run", workload] + arguments, capture_output=True, text=True)
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if not lines:
        print(f"{workload} {arguments}: no result\n{result.stderr[-2000:]}", file=sys.stderr)
        continue
    data = json.loads(lines[-1])
    who = data["framework"]
    if workload == "w2":
        figure(f"mlp_fit.{who}", "samples/s", data["train_samples_per_s_steady"])
        figure(f"mlp_accuracy.{who}", "test accuracy", data["test_acc"])
        figure(f"mlp_first_step.{who}", "s", data["time_to_first_step_s"])
        figure(f"mlp_peak_memory.{who}", "MB", data["peak_rss_mb"])
    else:
        figure(f"cnn_train.{who}", "images/s", data["train_images_per_s"])
        figure(f"cnn_inference.{who}", "images/s", data["infer_images_per_s_batch1000"])
