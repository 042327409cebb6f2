"""Printing a benchmark's medians beside its baseline (shared by the benchmarks)."""

from __future__ import annotations

import statistics


def print_against_baseline(
    wall: dict[str, list[float]], cpu: dict[str, list[float]], baseline: str, *, label: str, unit: str
) -> None:
    """A Markdown table: median wall and CPU ms of each variant, and each × the baseline's."""
    base_wall, base_cpu = statistics.median(wall[baseline]), statistics.median(cpu[baseline])
    print(f"| {label} | wall ms | × {unit} | CPU ms | × {unit} |")
    print("|---|---:|---:|---:|---:|")
    for name in wall:
        w, c = statistics.median(wall[name]), statistics.median(cpu[name])
        print(f"| {name} | {w * 1000:.1f} | {w / base_wall:.1f} | {c * 1000:.1f} | {c / base_cpu:.1f} |")
