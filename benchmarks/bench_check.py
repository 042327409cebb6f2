"""Benchmark: what ``render()`` pays to check a report before printing it.

Measured in one process, alternating the variants in every repeat; medians in ms,
on every example:

- before (the rules only): what ``render()`` ran before issue 12 item 5 — the frame's
  and the type's consistency rules again, pydantic's validators not at all;
- after a load: a render of the very model ``load()`` returned — the remembered
  check is reused once the content fingerprint (its JSON dump) matches;
- changed in code: a model made with ``model_copy(update=...)`` — re-validated
  through its type's model from its dump, then the rules;
- one render (the prepared template warm), for scale.

Run with the package installed:

    python benchmarks/bench_check.py [--repeats 200]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import baocao
from baocao.api import check, consistency_problems
from baocao.registry import default_registry

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))


def once_ms(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1e3


def measure(example: Path, repeats: int) -> dict[str, float]:
    """Median ms of each variant on one example."""
    report = baocao.load(example)
    report_type = default_registry().get(report.loai)
    variants: dict[str, Callable[[], object]] = {
        "before": lambda: consistency_problems(report, report_type),
        "after load": lambda: check(report),
        "changed": lambda: check(report.model_copy(update={"trich_yeu": report.trich_yeu})),
        "render": lambda: baocao.render(report),
    }
    baocao.render(report)  # the template prepared, as in a batch worker
    times: dict[str, list[float]] = {name: [] for name in variants}
    for repeat in range(repeats):
        for name, function in variants.items():
            if name != "render" or repeat % 10 == 0:
                times[name].append(once_ms(function))
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()
    print(f"{'example':28} {'before':>8} {'after load':>11} {'changed':>9} {'render':>8}  (ms, median)")
    for example in EXAMPLES:
        row = measure(example, args.repeats)
        print(f"{example.name:28} {row['before']:8.2f} {row['after load']:11.2f} {row['changed']:9.2f} "
              f"{row['render']:8.1f}")


if __name__ == "__main__":
    main()
