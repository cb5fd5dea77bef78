#!/usr/bin/env python3
"""Collects the figures of one `Benchmarks/run` into a results file and writes its Markdown
report: the machine, the goals of issue 15 (met or not) and every figure beside its references.

usage: report.py machine CPU THREADS [KEY=VALUE ...]        prints the machine line
       report.py figures WORKLOAD SIDE FILE.jsonl           prints FILE's figures, labelled
       report.py markdown RESULTS.jsonl                      prints the Markdown report
       report.py splice README.md REPORT.md                  puts REPORT into README's
                                                             benchmark section

A results file holds JSON lines: one {"machine": {...}} line, then one line per figure,
{"workload", "side", "name", "unit", "value", "best"}, where side is "rill" or the reference's
label ("numpy", "tensorflow", "reference", ...). A reference figure is set beside the Rill
figure of its workload with the same name, else beside the last Rill figure whose name has the
same part before the first dot (as ratios.py does). "Rill better by" is reference / Rill for
costs (units starting with µs, ms, s or MB) and Rill / reference for rates and scores.
"""
import json
import os
import sys

COST_UNITS = ("µs", "ms", "s", "MB")


def is_cost(unit):
    """Whether lower is better for figures in `unit` (times and memory)."""
    return unit.split("/")[0] in COST_UNITS


def better_by(rill, reference):
    """How many times better Rill's figure is than the reference's (> 1 when Rill is better)."""
    if is_cost(rill["unit"]):
        return reference["value"] / rill["value"] if rill["value"] else float("inf")
    return rill["value"] / reference["value"] if reference["value"] else float("inf")


def prefix(name):
    return name.split(".")[0]


def load(lines):
    """The machine record and the figures of a results file's lines."""
    machine, figures = {}, []
    for line in lines:
        line = line.strip()
        if not line.startswith("{"):
            continue
        record = json.loads(line)
        if "machine" in record:
            machine = record["machine"]
        else:
            figures.append(record)
    return machine, figures


def pairs(figures):
    """Each reference figure with the Rill figure it is set beside: (rill, reference) pairs in
    the order the reference figures came; reference figures with no Rill figure are left out."""
    result = []
    for reference in figures:
        if reference["side"] == "rill":
            continue
        own = [f for f in figures if f["side"] == "rill" and f["workload"] == reference["workload"]]
        same = [f for f in own if f["name"] == reference["name"]]
        if not same:
            same = [f for f in own if prefix(f["name"]) == prefix(reference["name"])]
        if same:
            result.append((same[-1], reference))
    return result


class Goal:
    """One goal of issue 15: either a factor over a reference (the best of the matching ones,
    or the worst factor over every matching pair with `every`), or a bound on Rill's own
    value."""

    def __init__(self, title, rill, reference=None, factor=None, at_most=None, at_least=None,
                 every=False, text=""):
        self.title, self.rill, self.reference = title, rill, reference
        self.factor, self.at_most, self.at_least, self.every = factor, at_most, at_least, every
        self.text = text

    @staticmethod
    def matches(patterns, name):
        """Whether `name` is one of `patterns` (a name, or a prefix ending in `*`, or a tuple of
        them)."""
        if isinstance(patterns, tuple):
            return any(Goal.matches(pattern, name) for pattern in patterns)
        return name.startswith(patterns[:-1]) if patterns.endswith("*") else name == patterns

    def row(self, figures):
        """The goal's table row: workload, Rill, reference, ratio, goal, met?"""
        candidates = [(r, f) for r, f in pairs(figures)
                      if self.matches(self.rill, r["name"])
                      and self.reference and self.matches(self.reference, f["name"])]
        own = [f for f in figures if f["side"] == "rill" and self.matches(self.rill, f["name"])]
        if self.every:
            if not candidates:
                return [self.title, "—", "—", "—", self.text, "not measured"]
            worst = min(candidates, key=lambda pair: better_by(*pair))
            ratio = better_by(*worst)
            return [self.title, f"{worst[0]['name']}: {number(worst[0])}",
                    f"{number(worst[1])} ({worst[1]['side']})", f"{ratio:.2f}× (worst)",
                    self.text, met(ratio >= self.factor)]
        if not own:
            return [self.title, "—", "—", "—", self.text, "not measured"]
        rill = own[-1]
        # The strongest reference: the one Rill is least better than.
        strongest = min(candidates, key=lambda pair: better_by(*pair), default=None)
        reference = f"{number(strongest[1])} ({label(strongest[1])})" if strongest else "—"
        ratio = factor(better_by(*strongest)) if strongest else "—"
        if self.factor is not None:
            done = strongest is not None and better_by(*strongest) >= self.factor
            outcome = met(done) if strongest else "no reference"
        elif self.at_most is not None:
            outcome = met(rill["value"] <= self.at_most)
        else:
            outcome = met(rill["value"] >= self.at_least)
        return [self.title, number(rill), reference, ratio, self.text, outcome]


GOALS = [
    Goal("MLP 784-128-10 `fit`, samples/s", "mlp_fit.rill", "mlp_fit.*", factor=1.2,
         text="≥ 1.2× the fastest peer"),
    Goal("MLP test accuracy after 2 epochs", "mlp_accuracy.*", "mlp_accuracy.*", factor=1.0,
         text="≥ the best peer's"),
    Goal("tutorial CNN training, images/s", "cnn_train.rill", "cnn_train.tf-*", factor=1.2,
         text="≥ 1.2× TensorFlow"),
    Goal("tutorial CNN inference (batch 1000), images/s", "cnn_inference.rill",
         "cnn_inference.*", factor=1.2, text="≥ 1.2× the fastest peer"),
    Goal("tutorial CNN test accuracy after one epoch", "cnn_accuracy.rill", at_least=0.988,
         text="≥ 0.988 (the peers' 0.988–0.990)"),
    Goal("TF2 linear-regression step, eager", "eager_step.linear_regression",
         "eager_step.jax_jit", factor=1.0, text="no slower than JAX jit"),
    Goal("same step, compiled with `Function`", "compiled_step.linear_regression",
         "compiled_step.jax_jit", factor=2.0, text="≥ 2× JAX jit"),
    Goal("TF1 session step", "graph_step.linear_regression", "graph_step.tensorflow_session",
         factor=30.0, text="≥ 30× TF1 session.run"),
    Goal("sgemm, every size", "gemm.f32.*", "gemm.f32.*", factor=1.0, every=True,
         text="≥ 1.0× NumPy"),
    Goal("column reductions (sum, max over axis 0)", ("sum.axis0.*", "max.axis0.*"),
         ("sum.axis0.*", "max.axis0.*"), factor=1.0, every=True, text="≥ 1.0× NumPy"),
    Goal("peak memory, MLP `fit` on MNIST", "mlp_peak_memory.rill", "mlp_peak_memory.*",
         at_most=300, text="≤ 300 MB"),
    Goal("launch to the first finished MLP step", "mlp_first_step.rill", "mlp_first_step.*",
         at_most=0.4, text="≤ 0.4 s"),
]


def factor(value):
    """A ratio for a table, with a third decimal near 1, where two would hide which side won."""
    return f"{value:.3f}×" if 0.99 <= value < 1.01 else f"{value:.2f}×"


def met(done):
    return "yes" if done else "no"


def label(figure):
    """The reference's name for a table: the part after the first dot, else its side."""
    rest = figure["name"].partition(".")[2]
    return rest if rest and figure["side"] == "reference" else figure["side"]


def number(figure):
    value, unit = figure["value"], figure["unit"]
    shown = f"{value:.4g}" if abs(value) < 10 else f"{value:,.0f}"
    return f"{shown} {unit}" if unit in ("MB", "s", "µs/step", "ms") else shown


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def markdown(machine, figures):
    """The report: the machine, the goals table, then every figure with its references."""
    versions = ", ".join(f"{k} {v}" for k, v in sorted(machine.get("versions", {}).items()))
    out = [
        f"Measured {machine.get('date', '?')} on {machine.get('cpu', '?')}, "
        f"{machine.get('threads', '?')} threads (commit {machine.get('commit', '?')}), "
        f"by `Benchmarks/run {' '.join(machine.get('workloads', []))}`"
        + (f"; load average {machine['load']} when it began" if "load" in machine else "") + ".",
    ]
    if versions:
        out += ["", f"Versions: {versions}."]
    out += ["", table(["workload", "Rill", "reference", "Rill better by", "goal", "met?"],
                      [goal.row(figures) for goal in GOALS])]
    rows, shown = [], set()
    for rill, reference in pairs(figures):
        shown.add(id(rill))
        rows.append([rill["workload"], rill["name"], rill["unit"], number(rill),
                     f"{number(reference)} ({label(reference)})",
                     factor(better_by(rill, reference))])
    for rill in figures:
        if rill["side"] == "rill" and id(rill) not in shown:
            rows.append([rill["workload"], rill["name"], rill["unit"], number(rill), "—", "—"])
    out += ["", table(["workload", "figure", "unit", "Rill", "reference", "Rill better by"], rows)]
    return "\n".join(out) + "\n"


BEGIN = "<!-- benchmarks:begin (written by Benchmarks/report/report.py splice) -->"
END = "<!-- benchmarks:end -->"


def splice(readme, report):
    """`readme` with the text between its two benchmark markers replaced by `report`.

    Raises ValueError when the markers are missing or out of order."""
    begin, end = readme.find(BEGIN), readme.find(END)
    if begin < 0 or end < begin:
        raise ValueError(f"the README has no section between {BEGIN} and {END}")
    return readme[:begin + len(BEGIN)] + "\n" + report.strip("\n") + "\n" + readme[end:]


def main(arguments):
    command = arguments[0] if arguments else ""
    if command == "machine" and len(arguments) >= 3:
        extra = dict(item.split("=", 1) for item in arguments[3:])
        versions = {k[len("version."):]: v for k, v in extra.items() if k.startswith("version.")}
        machine = {k: v for k, v in extra.items() if not k.startswith("version.")}
        machine.update(cpu=arguments[1], threads=int(arguments[2]), versions=versions)
        if "workloads" in machine:
            machine["workloads"] = machine["workloads"].split()
        print(json.dumps({"machine": machine}, ensure_ascii=False))
    elif command == "figures" and len(arguments) == 4:
        with open(arguments[3]) as lines:
            _, figures = load(lines)
        for figure in figures:
            print(json.dumps({"workload": arguments[1], "side": arguments[2], **figure},
                             ensure_ascii=False))
    elif command == "markdown" and len(arguments) == 2:
        with open(arguments[1]) as lines:
            print(markdown(*load(lines)), end="")
    elif command == "splice" and len(arguments) == 3:
        with open(arguments[1]) as readme, open(arguments[2]) as report:
            text = splice(readme.read(), report.read())
        # Written beside the README, then renamed over it: never half a README.
        with open(arguments[1] + ".part", "w") as part:
            part.write(text)
        os.replace(arguments[1] + ".part", arguments[1])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
