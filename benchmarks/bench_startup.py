"""Benchmark: one command in a fresh process against a bare ``python -c pass``.

Commands: ``python -m baocao --help`` and one ``python -m baocao render`` of
examples/bac-kan-2023.yaml (its Jinja bytecode cache warm, as for every run after the
first), beside the baseline ``python -c pass``, alternated; medians of wall time and
of CPU time (user + system of the child), in ms, and each as a multiple of the baseline.
"imports a render needs" is the floor no render can go below while it renders with docxtpl
and validates with pydantic: importing docxtpl (python-docx, lxml, Jinja), pydantic, PyYAML
and num2words, nothing of baocao.
Targets: ``--help`` < 300 ms; one render ≤ 10× ``python -c pass``.

Run with the package installed:  python benchmarks/bench_startup.py [--repeats 20]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _tables import print_against_baseline

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "bac-kan-2023.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="bench-startup-")) / "out.docx"
    commands = {
        "python -c pass (baseline)": [sys.executable, "-c", "pass"],
        "imports a render needs (floor)": [sys.executable, "-c", "import docxtpl, pydantic, yaml, num2words"],
        "python -m baocao --help": [sys.executable, "-m", "baocao", "--help"],
        "python -m baocao render (example)": [sys.executable, "-m", "baocao", "render", str(EXAMPLE),
                                              "-o", str(out), "-q"],
    }
    subprocess.run(commands["python -m baocao render (example)"], check=True)  # warm the caches
    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for repeat in range(args.repeats):
        order = list(commands) if repeat % 2 == 0 else list(reversed(commands))
        for name in order:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(commands[name], check=True, stdout=subprocess.DEVNULL)
            wall[name].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    print_against_baseline(wall, cpu, "python -c pass (baseline)", label="command", unit="pass")
    print(f"repeats: {args.repeats}; machine: {platform.system()} {platform.release()} {platform.machine()}, "
          f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
