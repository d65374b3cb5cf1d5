#!/usr/bin/env python3
"""Tests of the harness's bookkeeping (no benchmarks run): python3 bench/test_run.py"""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402

OLD_TABLE = """| task | threads | peer | dln | peer | dln / peer | accuracy dln / peer |
| --- | ---: | --- | ---: | ---: | ---: | --- |
| depth-full | 1 | torch | 93.1542 s | 219.5080 s | 0.42 | 0.2665 / 0.2665 |
| cnn-digits | 1 | torch | 0.1067 s | 0.1393 s | 0.77 | 0.9472 / 0.9472 |
"""


def row(name, threads=1, peer="torch", ratio=0.4, kernels="auto: Zen → Zen"):
    return (name, kernels, threads, peer, (1, 1, 1), (2, 2, 2), ratio, None, None)


class GeneratedPart(unittest.TestCase):
    def test_only_the_part_between_the_markers_is_replaced(self):
        text = f"# Results\n\nhand-written\n\n{run.BEGIN}\nold table\n{run.END}\n\n## Cell cache\nkept\n"
        new = run.with_generated(text, "new table\n")
        self.assertEqual(new, f"# Results\n\nhand-written\n\n{run.BEGIN}\nnew table\n{run.END}\n\n## Cell cache\nkept\n")

    def test_a_file_without_markers_keeps_everything_and_gains_the_section(self):
        new = run.with_generated("# Results\n\n## Cell cache\nkept\n", "table")
        self.assertTrue(new.startswith("# Results\n\n## Cell cache\nkept\n\n## Course workloads"))
        self.assertIn(f"{run.BEGIN}\ntable\n{run.END}", new)

    def test_write_results_replaces_the_file_whole(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "RESULTS.md")
            with open(path, "w") as f:
                f.write(f"intro\n{run.BEGIN}\nx\n{run.END}\noutro\n")
            run.machine = lambda: "test machine"
            run.write_results(path, "the table", type("Args", (), {})())
            text = open(path).read()
            self.assertTrue(text.startswith("intro\n" + run.BEGIN + "\nCommand: `python3 bench/run.py"))
            self.assertIn("test machine", text)
            self.assertTrue(text.endswith(f"the table\n{run.END}\noutro\n"))
            self.assertEqual(os.listdir(folder), ["RESULTS.md"])


class Parsing(unittest.TestCase):
    def test_previous_ratios_read_both_table_layouts(self):
        new_table = ("| task | kernels (asked: set → used) | threads | peer | dln median [min–max] | peer median [min–max] "
                     "| dln / peer | accuracy dln / peer |\n| --- | --- | ---: | --- | ---: | ---: | ---: | --- |\n"
                     "| wide-1024 | env: Haswell → Haswell | 1 | torch | 1 ms [1 ms–1 ms] | 2 ms [2 ms–2 ms] | 0.50 |  |\n")
        ratios = run.previous_ratios(OLD_TABLE + "\ntext\n\n" + new_table)
        self.assertEqual(ratios[("depth-full", None, 1, "torch")], 0.42)
        self.assertEqual(ratios[("cnn-digits", None, 1, "torch")], 0.77)
        self.assertEqual(ratios[("wide-1024", "Haswell", 1, "torch")], 0.50)

    def test_a_notebooks_time_a_step(self):
        # The first line's time a step, for the task's 10,000 steps.
        seconds = run.notebook_seconds("record every 10000: 2.5 µs a step\nrecord every epoch: 3 µs a step\n")
        self.assertAlmostEqual(seconds, 0.025)


class Targets(unittest.TestCase):
    def test_the_issues_rows_and_no_worse_than_before(self):
        rows = [row("cnn-mnist1d", ratio=0.6), row("wide-4096", ratio=0.45), row("tiny-steps-notebook", ratio=0.018),
                row("cnn-digits", ratio=0.80), row("depth-full", ratio=0.5), row("digits-sgd", peer="numpy", ratio=0.5)]
        details = [("40-298-10", "auto: Zen → Zen", 1, 0.004, 0.009, 0.44)]
        contention = [("auto: Zen → Zen", "dln", (0.030, 0, 0), (0.032, 0, 0), 1.07)]
        previous = run.Baselines(reference={("cnn-digits", None, 1, "torch"): 0.77, ("depth-full", None, 1, "torch"): 0.42})
        found = {t[0].split(":")[0]: t for t in run.targets(rows, details, contention, previous)}
        self.assertTrue(found["depth-epoch 40-298-10, 1 thread"][3])
        self.assertTrue(found["contention"][3])
        self.assertFalse(found["cnn-mnist1d"][3])
        self.assertTrue(found["wide-4096"][3])
        self.assertTrue(found["tiny-steps through `train`"][3])
        self.assertTrue(found["cnn-digits (torch)"][3], "0.80 is within 5% of 0.77")
        self.assertFalse(found["depth-full (torch)"][3])
        self.assertIn("digits-sgd (numpy)", found)

    def test_no_worse_compares_with_the_reference_first_then_the_previous_run(self):
        rows = [row("cnn-digits", ratio=0.79), row("wide-1024", ratio=0.36), row("digits-sgd", ratio=0.15)]
        baselines = run.Baselines(reference={("cnn-digits", None, 1, "torch"): 0.77},
                                  last={("cnn-digits", "Zen", 1, "torch"): 0.70, ("wide-1024", "Zen", 1, "torch"): 0.33})
        found = {t[0].split(":")[0]: t for t in run.targets(rows, [], [], baselines)}
        self.assertIn("when issue 22 was filed (0.77", found["cnn-digits (torch)"][0])
        self.assertEqual(found["cnn-digits (torch)"][2], "0.79 (previous run 0.70)")
        self.assertTrue(found["cnn-digits (torch)"][3], "0.79 is within 5% of the reference's 0.77")
        self.assertIn("the previous run (0.33", found["wide-1024 (torch)"][0])
        self.assertFalse(found["wide-1024 (torch)"][3], "0.36 is more than 5% over the previous 0.33")
        self.assertIn("no earlier result", found["digits-sgd (torch)"][0])

    def test_dln_as_it_was_decides_its_tasks_side_by_side(self):
        rows = [row("cnn-digits", ratio=0.90), row("cnn-digits", peer=run.THEN, ratio=1.04),
                row("tiny-steps", peer=run.THEN, ratio=1.08)]
        baselines = run.Baselines(reference={("cnn-digits", None, 1, "torch"): 0.77})
        found = {t[0].split(":")[0]: t for t in run.targets(rows, [], [], baselines)}
        self.assertNotIn("cnn-digits (torch)", found, "the side-by-side row decides, not the drifting ratio")
        self.assertTrue(found["cnn-digits"][3])
        self.assertFalse(found["tiny-steps"][3], "8% slower than dln then")
        self.assertIn(run.THEN, found["tiny-steps"][0])
        line = run.command(run.THEN, "tiny-steps", 1, None, True)
        self.assertEqual(line[3:5], [run.REFERENCE_BENCH, "tiny-steps"])
        self.assertEqual(run.reference_tasks(), {"depth-full", "digits-sgd", "tiny-steps", "cnn-digits"})

    def test_the_reference_file_holds_the_rows_at_filing(self):
        reference = run.previous_ratios(run.read(run.REFERENCE))
        self.assertEqual(reference[("tiny-steps", None, 1, "torch")], 0.0173)
        self.assertEqual(reference[("digits-sgd", None, 1, "numpy")], 0.4989)
        self.assertEqual(len(reference), 5)

    def test_the_products_at_the_fma_peak_bound_each_network(self):
        # 40-100-100-10 on 4000 samples: 2·4000·(40·100·2 + 100·100·3 + 100·10·3) operations.
        self.assertEqual(run.epoch_flops([40, 100, 100, 10]), 328_000_000)
        details = [("40-100-100-10", "auto: Zen → Zen", 1, 0.006, 0.008, 0.75),
                   ("40-100-100-10", "auto: Zen → Zen", 2, 0.004, 0.005, 0.80)]
        args = type("Args", (), {"fma_peak": 82.0})()
        table = run.render([], details, [], args, run.Baselines())
        self.assertIn("| 40-100-100-10 | auto: Zen → Zen | 1 | 6.00 ms | 8.00 ms | 0.75 | 4.00 ms | 0.50 |", table)
        self.assertIn("| 40-100-100-10 | auto: Zen → Zen | 2 | 4.00 ms | 5.00 ms | 0.80 | 2.00 ms | 0.40 |", table)
        args.fma_peak = None
        self.assertIn("| 6.00 ms | 8.00 ms | 0.75 |  |  |", run.render([], details, [], args, run.Baselines()))

    def test_budget_lowers_repetitions_but_not_below_three(self):
        args = type("Args", (), {"repetitions": 9, "quick": False, "budget": 1})()
        repetitions, _ = run.planned_repetitions(list(run.TASKS), args, 2)
        self.assertEqual(repetitions, 3)
        args.budget = 1000
        self.assertEqual(run.planned_repetitions(list(run.TASKS), args, 2)[0], 9)


if __name__ == "__main__":
    unittest.main()
