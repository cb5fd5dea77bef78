#!/usr/bin/env python3
"""Prints each reference figure next to Rill's figure of the same workload (the name's part
before the first dot) and the factor by which Rill is faster.

usage: ratios.py RILL.jsonl REFERENCE.jsonl
Figures are times (lower is better) when the unit starts with µs or ms or s, rates otherwise."""
import json
import sys


def load(path):
    with open(path) as lines:
        return [json.loads(line) for line in lines if line.strip().startswith("{")]


rill = {figure["name"].split(".")[0]: figure for figure in load(sys.argv[1])}
print(f"{'reference':40} {'unit':10} {'reference':>12} {'rill':>10} {'rill speed-up':>14}")
for figure in load(sys.argv[2]):
    own = rill.get(figure["name"].split(".")[0])
    if own is None:
        continue
    is_time = figure["unit"].split("/")[0] in ("µs", "ms", "s")
    speedup = figure["value"] / own["value"] if is_time else own["value"] / figure["value"]
    print(f"{figure['name']:40} {figure['unit']:10} {figure['value']:12.1f} {own['value']:10.1f} {speedup:13.2f}×")
