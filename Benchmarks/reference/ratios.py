#!/usr/bin/env python3
"""Prints each reference figure next to Rill's figure of the same workload (the name's part
before the first dot) and the factor by which Rill is faster.

usage: ratios.py RILL.jsonl REFERENCE.jsonl
Figures are costs (lower is better) when the unit starts with µs, ms, s or MB (times and
memory), and rates or scores (higher is better) otherwise; the factor is > 1 when Rill is better."""
import json
import sys


def load(path):
    with open(path) as lines:
        return [json.loads(line) for line in lines if line.strip().startswith("{")]


rill = {figure["name"].split(".")[0]: figure for figure in load(sys.argv[1])}
print(f"{'reference':40} {'unit':14} {'reference':>12} {'rill':>10} {'rill better by':>15}")
for figure in load(sys.argv[2]):
    own = rill.get(figure["name"].split(".")[0])
    if own is None:
        continue
    is_cost = figure["unit"].split("/")[0] in ("µs", "ms", "s", "MB")
    factor = figure["value"] / own["value"] if is_cost else own["value"] / figure["value"]
    digits = 4 if figure["value"] < 10 else 1
    print(f"{figure['name']:40} {figure['unit']:14} {figure['value']:12.{digits}f} {own['value']:10.{digits}f} {factor:14.2f}×")
