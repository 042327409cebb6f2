"""Benchmark: ``baocao batch`` of many reports against a sequential loop, in reports per second.

Inputs: N copies of examples/bac-kan-2023.yaml with small variations (place name,
household counts), generated in a temporary folder.  Per repeat (alternating order):

- sequential loop: a new ``python`` process running ``baocao.render(baocao.load(f), out)``
  for every file (the template is prepared once there too: the best one core does);
- ``python -m baocao batch -j 1 -q`` (the same command on one worker: the baseline of ``-j J``);
- ``python -m baocao batch -j J -q`` with fork workers (the default on Linux);
- the same with forkserver workers (``BAOCAO_MP_CONTEXT=forkserver``), to compare.

Every variant is a fresh process, so interpreter start-up, imports, registry and template
preparation are counted in each.

Prints medians of wall time (reports/s, ratio to the sequential loop) and of CPU time
(user + system of the process and every worker: what the machine spent), and the speed-up
of ``-j J`` over ``-j 1`` in both.  On a shared machine the wall-time speed-up says how
much of two cores the run got; the CPU ratio says what parallelism cost (≈ 1 means the
workers duplicate little: start-up and template preparation once per worker).  Run with the package installed:

    python benchmarks/bench_batch.py [--count 1000] [--jobs 2] [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "examples" / "bac-kan-2023.yaml"


def make_inputs(folder: Path, count: int) -> list[Path]:
    text = SEED.read_text(encoding="utf-8")
    paths = []
    for index in range(count):
        # Distinct reports whose figures still agree: one unit's household count
        # varies, and the report's total is left to the summary table.
        variant = (
            text.replace("dia_ban: thành phố Bắc Kạn", f"dia_ban: xã số {index + 1}")
            .replace("  tong_so_ho: 12299\n", "")
            .replace("Phường Đức Xuân, khu_vuc: thanh_thi, tong_so_ho: 2310",
                     f"Phường Đức Xuân, khu_vuc: thanh_thi, tong_so_ho: {2310 + index}")
        )
        path = folder / f"xa-{index:04d}.yaml"
        path.write_text(variant, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    (root / "in").mkdir()
    inputs = make_inputs(root / "in", args.count)

    def fresh(name: str) -> Path:
        out = root / name
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()
        return out

    def sequential() -> None:
        out = fresh("seq")
        loop = (
            "import sys, baocao\nfrom pathlib import Path\n"
            "for p in sorted(Path(sys.argv[1]).glob('*.yaml')):\n"
            "    baocao.render(baocao.load(p), Path(sys.argv[2]) / (p.stem + '.docx'))\n"
        )
        subprocess.run([sys.executable, "-c", loop, str(root / "in"), str(out)], check=True)

    def pooled(context: str, jobs: int) -> Callable[[], None]:
        def run() -> None:
            out = fresh(f"{context}-{jobs}")
            command = [sys.executable, "-m", "baocao", "batch", str(root / "in"), "-o", str(out),
                       "-j", str(jobs), "-q"]
            subprocess.run(command, check=True, env={**os.environ, "BAOCAO_MP_CONTEXT": context})
            assert len(list(out.iterdir())) == len(inputs)

        return run

    one, many = "batch -j 1 (fork)", f"batch -j {args.jobs} (fork)"
    variants = {
        "sequential loop (1 process)": sequential,
        one: pooled("fork", 1),
        many: pooled("fork", args.jobs),
        f"batch -j {args.jobs} (forkserver)": pooled("forkserver", args.jobs),
    }
    times: dict[str, list[float]] = {name: [] for name in variants}
    cpu: dict[str, list[float]] = {name: [] for name in variants}
    order = list(variants)
    for repeat in range(args.repeats):
        for name in order if repeat % 2 == 0 else reversed(order):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            variants[name]()
            times[name].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    shutil.rmtree(root, ignore_errors=True)

    wall = {name: statistics.median(values) for name, values in times.items()}
    spent = {name: statistics.median(values) for name, values in cpu.items()}
    base = wall["sequential loop (1 process)"]
    print("| variant | reports/s | wall ms/report | CPU ms/report | wall × seq | CPU / wall |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in variants:
        print(f"| {name} | {args.count / wall[name]:.1f} | {wall[name] / args.count * 1000:.2f} | "
              f"{spent[name] / args.count * 1000:.2f} | {base / wall[name]:.2f} | "
              f"{spent[name] / wall[name]:.2f} |")
    print(f"-j {args.jobs} vs -j 1: wall speed-up {wall[one] / wall[many]:.2f}×, "
          f"CPU time ratio {spent[many] / spent[one]:.2f} (load average {os.getloadavg()[0]:.1f})")
    print(f"{args.count} reports, {args.repeats} repeats; machine: {platform.system()} {platform.release()} "
          f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
