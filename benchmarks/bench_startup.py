"""Benchmark: one command in a fresh process against a bare ``python -c pass``.

Commands: ``python -m baocao --help`` and one ``python -m baocao render`` of
examples/bac-kan-2023.yaml (its Jinja bytecode and prepared-template caches warm, as for
every run after the first), beside the baseline ``python -c pass``, alternated; medians of
wall time and of CPU time (user + system of the child), in ms, and each as a multiple of
the baseline.  Three more lines say where the floor is:

- *imports a render needs*: docxtpl (python-docx, lxml, Jinja), pydantic and PyYAML,
  nothing of baocao — what no render can go below while it renders with docxtpl,
  validates with pydantic and reads YAML;
- *… and one pydantic model validated*: the same, plus what pydantic does the first time
  a model is built and used (its schema machinery, its scan of every installed
  distribution's entry points for pydantic plugins);
- *baocao's imports for this render*: every module the render imports (the report
  type's models included), nothing run.

``--before PYTHON`` also runs ``--help`` and the render with another interpreter (a
virtual environment with an earlier baocao installed), alternated in the same run, so
before and after stand side by side.  Targets: ``--help`` < 300 ms; one render ≤ 10×
``python -c pass``.

Run with the package installed:  python benchmarks/bench_startup.py [--repeats 20] [--before PYTHON]
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
FLOOR = "import docxtpl, pydantic, yaml"
ONE_MODEL = FLOOR + """
class M(pydantic.BaseModel):
    so: int
    ten: str
M.model_validate({"so": 1, "ten": "a"})"""
IMPORTS = ("import baocao.cli, baocao.api, baocao.batch, baocao.outputs, baocao.prepared, "
           "baocao.loai.ra_soat_ho_ngheo")
BASELINE = "python -c pass (baseline)"


def commands(python: str, out: Path, suffix: str = "") -> dict[str, list[str]]:
    return {
        f"python -m baocao --help{suffix}": [python, "-m", "baocao", "--help"],
        f"python -m baocao render (example){suffix}": [python, "-m", "baocao", "render", str(EXAMPLE),
                                                     "-o", str(out), "-q"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--before", metavar="PYTHON", help="an interpreter with an earlier baocao installed")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    runs = {
        BASELINE: [sys.executable, "-c", "pass"],
        "imports a render needs (floor)": [sys.executable, "-c", FLOOR],
        "… and one pydantic model validated": [sys.executable, "-c", ONE_MODEL],
        "baocao's imports for this render, nothing run": [sys.executable, "-c", IMPORTS],
        **commands(sys.executable, folder / "after.docx"),
    }
    if args.before:
        runs.update(commands(args.before, folder / "before.docx", ", before"))
    for name, command in runs.items():
        if "render" in name:
            subprocess.run(command, check=True)  # warm the caches
    wall: dict[str, list[float]] = {name: [] for name in runs}
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    for repeat in range(args.repeats):
        order = list(runs) if repeat % 2 == 0 else list(reversed(runs))
        for name in order:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(runs[name], check=True, stdout=subprocess.DEVNULL)
            wall[name].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    print_against_baseline(wall, cpu, BASELINE, label="command", unit="pass")
    print(f"repeats: {args.repeats}; machine: {platform.system()} {platform.release()} {platform.machine()}, "
          f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
