#!/usr/bin/env python3
"""Tests of report.py on canned results: run by `make test` (python3 -m unittest)."""
import contextlib
import io
import json
import os
import tempfile
import unittest

import report

MACHINE = {"machine": {"cpu": "Test CPU 9000", "threads": 2, "date": "2026-01-01 00:00 UTC",
                       "commit": "abc1234", "workloads": ["kernels", "mlp"], "load": "0.50",
                       "versions": {"swift": "6.3.1", "numpy": "2.0"}}}


def figure(workload, side, name, unit, value):
    return {"workload": workload, "side": side, "name": name, "unit": unit, "value": value,
            "best": value}


CANNED = [
    figure("kernels", "rill", "gemm.f32.256", "GFLOP/s", 150.0),
    figure("kernels", "rill", "gemm.f32.1024", "GFLOP/s", 200.0),
    figure("kernels", "rill", "sum.axis0.4096x4096", "GB/s", 30.0),
    figure("kernels", "numpy", "gemm.f32.256", "GFLOP/s", 160.0),
    figure("kernels", "numpy", "gemm.f32.1024", "GFLOP/s", 190.0),
    figure("kernels", "numpy", "sum.axis0.4096x4096", "GB/s", 20.0),
    figure("mlp", "rill", "mlp_fit.rill", "samples/s", 120000.0),
    figure("mlp", "rill", "mlp_accuracy.rill_2_epochs", "test accuracy", 0.975),
    figure("mlp", "rill", "mlp_first_step.rill", "s", 0.35),
    figure("mlp", "rill", "mlp_peak_memory.rill", "MB", 320.0),
    figure("mlp", "reference", "mlp_fit.jax-jit+optax", "samples/s", 100000.0),
    figure("mlp", "reference", "mlp_fit.torch-eager-loop", "samples/s", 60000.0),
    figure("mlp", "reference", "mlp_accuracy.jax-jit+optax", "test accuracy", 0.972),
    figure("mlp", "reference", "mlp_first_step.torch-eager-loop", "s", 2.2),
    figure("mlp", "reference", "mlp_peak_memory.torch-eager-loop", "MB", 530.0),
    figure("mlp", "reference", "orphan.nobody", "s", 1.0),
]


def goal_row(title):
    return next(goal.row(CANNED) for goal in report.GOALS if goal.title.startswith(title))


class ReportTests(unittest.TestCase):
    def test_better_by_divides_costs_the_other_way_from_rates(self):
        self.assertAlmostEqual(report.better_by(CANNED[8], CANNED[13]), 2.2 / 0.35)
        self.assertAlmostEqual(report.better_by(CANNED[6], CANNED[10]), 1.2)

    def test_pairs_match_by_full_name_then_by_the_part_before_the_dot(self):
        pairs = [(rill["name"], reference["name"]) for rill, reference in report.pairs(CANNED)]
        self.assertIn(("gemm.f32.256", "gemm.f32.256"), pairs)
        self.assertIn(("mlp_fit.rill", "mlp_fit.torch-eager-loop"), pairs)
        self.assertNotIn("orphan.nobody", [reference for _, reference in pairs])

    def test_a_factor_goal_is_judged_against_the_strongest_reference(self):
        row = goal_row("MLP 784-128-10")
        self.assertEqual(row[2], "100,000 (jax-jit+optax)")
        self.assertEqual(row[3], "1.20×")
        self.assertEqual(row[5], "yes")

    def test_ratios_near_one_show_a_third_decimal(self):
        row = goal_row("MLP test accuracy")
        self.assertEqual(row[3], f"{0.975 / 0.972:.3f}×")
        self.assertEqual(row[5], "yes")

    def test_an_every_size_goal_reports_the_worst_pair(self):
        row = goal_row("sgemm")
        self.assertEqual(row[3], f"{150 / 160:.2f}× (worst)")
        self.assertEqual(row[5], "no")
        self.assertEqual(goal_row("column reductions")[5], "yes")

    def test_bounds_on_rills_own_value(self):
        self.assertEqual(goal_row("peak memory")[5], "no")
        self.assertEqual(goal_row("launch to the first")[5], "yes")

    def test_goals_without_figures_are_not_measured(self):
        self.assertEqual(goal_row("TF1 session step")[5], "not measured")
        self.assertEqual(goal_row("tutorial CNN test accuracy")[5], "not measured")

    def test_markdown_names_the_machine_and_lists_every_rill_figure(self):
        text = report.markdown(MACHINE["machine"], CANNED)
        self.assertIn("Test CPU 9000, 2 threads", text)
        self.assertIn("load average 0.50 when it began", text)
        self.assertIn("swift 6.3.1", text)
        self.assertIn("| workload | Rill | reference | Rill better by | goal | met? |", text)
        self.assertEqual(text.count("| mlp | mlp_fit.rill |"), 2)
        self.assertIn("| mlp | mlp_peak_memory.rill | MB | 320 MB | 530 MB (torch-eager-loop)"
                      " | 1.66× |", text)

    def test_the_command_line_writes_and_reads_a_results_file(self):
        with tempfile.TemporaryDirectory() as folder:
            raw = os.path.join(folder, "rill.jsonl")
            with open(raw, "w") as out:
                out.write("mlp: a line that is not a figure\n")
                out.write(json.dumps({"name": "mlp_fit.rill", "unit": "samples/s",
                                      "value": 5.0, "best": 6.0}) + "\n")
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                self.assertEqual(report.main(["machine", "CPU X", "4", "workloads=mlp",
                                              "version.swift=6"]), 0)
                self.assertEqual(report.main(["figures", "mlp", "rill", raw]), 0)
            machine, figures = report.load(printed.getvalue().splitlines())
            self.assertEqual(machine["threads"], 4)
            self.assertEqual(machine["versions"], {"swift": "6"})
            self.assertEqual(figures, [{"workload": "mlp", "side": "rill", "name": "mlp_fit.rill",
                                        "unit": "samples/s", "value": 5.0, "best": 6.0}])

    def test_splice_replaces_only_the_benchmark_section(self):
        readme = f"intro\n{report.BEGIN}\nold table\n{report.END}\noutro\n"
        spliced = report.splice(readme, "new table\n")
        self.assertEqual(spliced, f"intro\n{report.BEGIN}\nnew table\n{report.END}\noutro\n")
        self.assertEqual(report.splice(spliced, "new table\n"), spliced)
        with self.assertRaises(ValueError):
            report.splice("no markers here", "table")


if __name__ == "__main__":
    unittest.main()
