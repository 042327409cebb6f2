"""Benchmark: what rendering an untrusted template in a bounded child costs.

A clerk's ``--template``, a plugin's template and ``check`` of a template render in
a forked child with CPU, memory and wall-clock limits (baocao.isolation); baocao's
own templates render in-process.  Same prepared template, same context, variants
alternated in every repeat; medians of wall time and of the parent's CPU time (the
child's work is not the parent's).

    python benchmarks/bench_isolation.py [--repeats 30]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from pathlib import Path

import baocao
from baocao.api import build_context
from baocao.engine import prepare_template, render_prepared
from baocao.registry import default_registry

SEED = Path(__file__).resolve().parent.parent / "examples" / "bac-kan-2023.yaml"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    report = baocao.load(SEED)
    report_type = default_registry().get(report.loai)
    context = build_context(report, report_type)
    prepared = prepare_template(report_type.template_bytes())
    assert prepared is not None
    render_prepared(prepared, context, template_name="t")  # warm
    wall: dict[bool, list[float]] = {False: [], True: []}
    cpu: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(args.repeats):
        for isolated in (False, True):
            started, started_cpu = time.perf_counter(), time.process_time()
            render_prepared(prepared, context, template_name="t", isolated=isolated)
            wall[isolated].append(time.perf_counter() - started)
            cpu[isolated].append(time.process_time() - started_cpu)
    print(f"{platform.python_implementation()} {platform.python_version()}, repeats {args.repeats}")
    base = statistics.median(wall[False])
    for isolated in (False, True):
        w, c = statistics.median(wall[isolated]), statistics.median(cpu[isolated])
        label = "isolated child" if isolated else "in-process"
        print(f"{label:15} {w * 1000:7.1f} ms wall ({w / base:4.2f}×)  parent CPU {c * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
