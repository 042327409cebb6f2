"""Benchmark: ``baocao check`` of a long decree against python-docx opening it.

The document: Decree 30/2020/NĐ-CP itself (about 100 pages), by default the copy in
tests/data/corpus (``--docx`` to choose another).  In one process, alternated, R repeats: python-docx's
``Document(path)`` (the baseline: reading the package and parsing its XML, which check
does too) and :func:`baocao.layout.check` (open + recognise + every rule).  Medians of
wall and CPU time in ms, and check as a multiple of the open.  Target: ≤ 5×.

    python benchmarks/bench_layout_check.py [--docx FILE] [--repeats 30]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

import docx

from baocao.layout import check

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _tables import print_against_baseline

DECREE = Path(__file__).resolve().parent.parent / "tests" / "data" / "corpus" / "nghi-dinh-30-2020-nd-cp.docx"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docx", type=Path, default=DECREE)
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    path = str(args.docx)
    variants: dict[str, Callable[[], object]] = {
        "python-docx Document() (baseline)": lambda: docx.Document(path),
        "baocao.layout.check": lambda: check(path),
    }
    for run in variants.values():
        run()  # imports and first-use costs out of the figures
    wall: dict[str, list[float]] = {name: [] for name in variants}
    cpu: dict[str, list[float]] = {name: [] for name in variants}
    for repeat in range(args.repeats):
        order = list(variants) if repeat % 2 == 0 else list(reversed(variants))
        for name in order:
            start, start_cpu = time.perf_counter(), time.process_time()
            variants[name]()
            wall[name].append(time.perf_counter() - start)
            cpu[name].append(time.process_time() - start_cpu)
    print(f"{args.docx.name}")
    print_against_baseline(wall, cpu, "python-docx Document() (baseline)", label="", unit="open")
    print(f"repeats {args.repeats}; {platform.system()} {platform.machine()}, Python "
          f"{platform.python_version()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
