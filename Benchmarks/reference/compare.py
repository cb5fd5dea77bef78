#!/usr/bin/env python3
"""Joins Rill's and a reference's JSON lines by name and prints a table of ratios.

usage: compare.py RILL.jsonl REFERENCE.jsonl [REFERENCE_NAME]
Higher is better for rates; the ratio is rill / reference."""
import json
import sys


def load(path):
    figures = {}
    with open(path) as lines:
        for line in lines:
            line = line.strip()
            if line.startswith("{"):
                figure = json.loads(line)
                figures[figure["name"]] = figure
    return figures


rill, reference = load(sys.argv[1]), load(sys.argv[2])
label = sys.argv[3] if len(sys.argv) > 3 else "reference"
print(f"{'workload':32} {'unit':8} {'rill':>10} {label:>10} {'rill/' + label:>14}")
for name, figure in rill.items():
    other = reference.get(name)
    ratio = f"{figure['value'] / other['value']:.2f}×" if other else "—"
    other_value = f"{other['value']:10.1f}" if other else f"{'—':>10}"
    print(f"{name:32} {figure['unit']:8} {figure['value']:10.1f} {other_value} {ratio:>14}")
