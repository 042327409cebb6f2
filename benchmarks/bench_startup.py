"""Benchmark: one command in a fresh process against a bare ``python -c pass``.

Commands: ``python -m baocao --help`` and one ``python -m baocao render`` of
examples/bac-kan-2023.yaml (its Jinja bytecode and prepared-template caches warm, as for
every run after the first), beside the baseline ``python -c pass``, alternated; medians of
wall time and of CPU time (user + system of the child), in ms, and each as a multiple of
the baseline.  Four more lines say where the floor is:

- *imports a render needs*: docxtpl (python-docx, lxml, Jinja), pydantic and PyYAML,
  nothing of baocao — what no render can go below while it renders with docxtpl,
  validates with pydantic and reads YAML;
- *… and one pydantic model validated*: the same, plus what pydantic does the first time
  a model is built and used (its schema machinery, its scan of every installed
  distribution's entry points for pydantic plugins);
- *imports a render needs but docxtpl and python-docx*: Jinja, lxml, pydantic, PyYAML;
  against the floor, the most a cold render from the prepared template's cached sources
  alone (without python-docx and docxtpl) could save;
- *baocao's imports for this render*: every module the render imports (the report
  type's models included), nothing run.

*render through the warm server*: the same render by ``python -m baocao`` while
``python -m baocao warm`` runs (started here, in a private temporary runtime folder, after
its own preparation, which is not counted).  Its CPU is the client's (user + system of the
child process, as for every line) plus what the server's child that ran the command used
(its rusage, which the server reads with ``wait4`` and adds up in ``warm --status``) plus
the server's own CPU meanwhile (accepting, forking, reaping: its ``getrusage``) — both
read from the server's status before and after each run, outside the timing.  Every other
line runs with ``BAOCAO_WARM=0`` (cold, whatever server the user has running).

``--before PYTHON`` also runs ``--help`` and the render with another interpreter (a
virtual environment with an earlier baocao installed), alternated in the same run, so
before and after stand side by side.  Targets: ``--help`` < 300 ms; one render ≤ 10×
``python -c pass`` (issue 18: met through the warm server, not cold).

Run with the package installed:  python benchmarks/bench_startup.py [--repeats 20] [--before PYTHON]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _tables import print_against_baseline

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "bac-kan-2023.yaml"
FLOOR = "import docxtpl, pydantic, yaml"
WITHOUT_DOCX = "import jinja2, lxml.etree, pydantic, yaml"
ONE_MODEL = FLOOR + """
class M(pydantic.BaseModel):
    so: int
    ten: str
M.model_validate({"so": 1, "ten": "a"})"""
IMPORTS = ("import baocao.cli, baocao.api, baocao.batch, baocao.outputs, baocao.prepared, "
           "baocao.loai.ra_soat_ho_ngheo")
BASELINE = "python -c pass (baseline)"
WARM = "python -m baocao render (example), through the warm server"
STATUS = ("from baocao.warm.server import ask; import sys; f = ask('status')[1]; "
          "sys.stdout.write(f\"{f['child_cpu']!r} {f['server_cpu']!r} {f['served']}\")")


class WarmServer:
    """``python -m baocao warm`` in a private runtime folder, and its CPU counters."""

    def __init__(self) -> None:
        runtime = tempfile.mkdtemp(prefix="bench-warm-")  # 0700
        self.env = {**os.environ, "XDG_RUNTIME_DIR": runtime}
        self.env.pop("BAOCAO_WARM", None)
        self.process = subprocess.Popen([sys.executable, "-m", "baocao", "warm"], env=self.env,
                                        stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if "sẵn sàng" in line:
                break
        else:
            raise SystemExit("the warm server did not start")

    def counters(self) -> tuple[float, float, int]:
        """CPU seconds of the server's children and of the server itself; commands served."""
        found = subprocess.run([sys.executable, "-c", STATUS], env=self.env, capture_output=True,
                               text=True, check=True).stdout.split()
        return float(found[0]), float(found[1]), int(found[2])

    def stop(self) -> None:
        self.process.terminate()
        self.process.communicate()


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
        "imports a render needs but docxtpl and python-docx": [sys.executable, "-c", WITHOUT_DOCX],
        "… and one pydantic model validated": [sys.executable, "-c", ONE_MODEL],
        "baocao's imports for this render, nothing run": [sys.executable, "-c", IMPORTS],
        **commands(sys.executable, folder / "after.docx"),
    }
    if args.before:
        runs.update(commands(args.before, folder / "before.docx", ", before"))
    server = WarmServer()
    runs[WARM] = commands(sys.executable, folder / "warm.docx")["python -m baocao render (example)"]
    cold = {**os.environ, "BAOCAO_WARM": "0"}
    for name, command in runs.items():
        if "render" in name:
            subprocess.run(command, check=True, env=server.env if name == WARM else cold)  # warm the caches
    wall: dict[str, list[float]] = {name: [] for name in runs}
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    split: list[tuple[float, float, float]] = []  # the warm render's client, child, server CPU
    try:
        for repeat in range(args.repeats):
            order = list(runs) if repeat % 2 == 0 else list(reversed(runs))
            for name in order:
                counted = server.counters() if name == WARM else (0.0, 0.0, 0)
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run(runs[name], check=True, stdout=subprocess.DEVNULL,
                               env=server.env if name == WARM else cold)
                wall[name].append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                client = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
                if name == WARM:
                    child, own, served = server.counters()
                    if served != counted[2] + 1:
                        raise SystemExit("the warm server did not run the render")
                    split.append((client, child - counted[0], own - counted[1]))
                    client += split[-1][1] + split[-1][2]
                cpu[name].append(client)
    finally:
        server.stop()
    print_against_baseline(wall, cpu, BASELINE, label="command", unit="pass")
    parts = [statistics.median(part) * 1000 for part in zip(*split, strict=True)]
    print(f"warm render's CPU, medians: client {parts[0]:.1f} ms, the server's child {parts[1]:.1f} ms, "
          f"the server itself {parts[2]:.1f} ms")
    print(f"repeats: {args.repeats}; machine: {platform.system()} {platform.release()} {platform.machine()}, "
          f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
