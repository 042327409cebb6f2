"""Benchmark: PDFs today (one LibreOffice started per file) against the warm converter.

Inputs: N variants of examples/bac-kan-2023.yaml (bench_batch.make_inputs).  Variants,
alternated per repeat, each a fresh ``python -m baocao`` process:

- ``batch --pdf -j J``, today's way (the baseline, as when issue 16 was filed):
  ``BAOCAO_PDF_WARM=0 BAOCAO_NO_CACHE=1`` (one ``soffice`` per PDF, each creating its profile);
- ``batch --pdf -j J``, warm: a pool of J LibreOffice processes started once, from the
  LibreOffice profile a previous run left in the cache (``$XDG_CACHE_HOME``; a run before
  the measured ones fills it);
- for the small batches (≤ 50), the same on an empty cache (``XDG_CACHE_HOME`` a new
  folder each time): a user's very first batch, every LibreOffice creating its profile;
  and one ``soffice`` per PDF started from the cached profile (``BAOCAO_PDF_WARM=0``:
  what a machine without python3-uno gets);
- ``render --pdf`` of one report: today's (LibreOffice started in a fresh profile), LibreOffice
  started from the cached profile, and warm (a converter already running, reached through
  ``BAOCAO_UNOSERVER``).

Wall seconds and CPU seconds (user + system of every process the run started,
LibreOffice included: this process makes itself the subreaper of orphans, so killed
process groups are reaped and counted).  Medians.  Run with the package installed
with its PDF extra, LibreOffice and python3-uno:

    python benchmarks/bench_pdf.py [--counts 5 20 200] [--jobs 2] [--repeats 3]
"""

from __future__ import annotations

import argparse
import ctypes
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

from bench_batch import SEED, make_inputs

PR_SET_CHILD_SUBREAPER = 36


def reap() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:  # the rest are still running (the render benchmark's converter)
            return


def measure(run: Callable[[], None]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    run()
    wall = time.perf_counter() - start
    time.sleep(0.3)  # killed LibreOffice processes finish dying
    reap()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--counts", type=int, nargs="+", default=[5, 20, 200])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--render-repeats", type=int, default=5)
    args = parser.parse_args()
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)

    root = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    cache = root / "cache"
    env = {k: v for k, v in os.environ.items() if k not in ("BAOCAO_UNOSERVER", "BAOCAO_NO_CACHE")}
    env["XDG_CACHE_HOME"] = str(cache)
    rows: list[tuple[str, list[tuple[float, float]], int]] = []

    def batch(folder: Path, count: int, warm: bool, *, empty_cache: bool = False,
              fresh_profiles: bool = False) -> Callable[[], None]:
        def run() -> None:
            out = root / "out"
            shutil.rmtree(out, ignore_errors=True)
            command = [sys.executable, "-m", "baocao", "batch", str(folder), "-o", str(out), "--pdf",
                       "-j", str(args.jobs), "-q"]
            extra = {"BAOCAO_PDF_WARM": "1" if warm else "0"}
            if empty_cache:
                extra["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="cache-", dir=root)
            if fresh_profiles:
                extra["BAOCAO_NO_CACHE"] = "1"
            subprocess.run(command, check=True, env={**env, **extra}, stderr=subprocess.DEVNULL)
            assert len(list(out.glob("*.pdf"))) == count

        return run

    for count in args.counts:
        folder = root / f"in-{count}"
        folder.mkdir()
        make_inputs(folder, count)
        if not cache.exists():
            batch(folder, count, True)()  # the profile every warm run starts from
        variants = {f"batch --pdf, {count} reports, today (soffice per file)":
                    batch(folder, count, False, fresh_profiles=True),
                    f"batch --pdf, {count} reports, warm pool": batch(folder, count, True)}
        if count <= 50:
            variants[f"batch --pdf, {count} reports, warm pool, empty cache"] = batch(
                folder, count, True, empty_cache=True)
            variants[f"batch --pdf, {count} reports, soffice per file from the cached profile (no uno)"] = \
                batch(folder, count, False)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
        repeats = args.repeats if count <= 50 else max(1, args.repeats // 2)
        for repeat in range(repeats):
            for name in list(variants) if repeat % 2 == 0 else reversed(list(variants)):
                times[name].append(measure(variants[name]))
        rows += [(name, values, count) for name, values in times.items()]

    from baocao.converter import WarmPool

    pool = WarmPool.create(1)
    assert pool is not None, "no warm converter: pip install unoserver; apt-get install python3-uno"
    pool.start()
    try:
        pool.convert(_docx(), root / "warmup.pdf")
        port = (pool.directory / "slot-0.port").read_text()

        def render(warm: bool, *, fresh_profile: bool = False) -> Callable[[], None]:
            def run() -> None:
                extra = {"BAOCAO_UNOSERVER": f"127.0.0.1:{port}"} if warm else {}
                if fresh_profile:
                    extra["BAOCAO_NO_CACHE"] = "1"
                subprocess.run([sys.executable, "-m", "baocao", "render", str(SEED), "-o",
                                str(root / "one.docx"), "--pdf", "-q"], check=True, env={**env, **extra},
                               stderr=subprocess.DEVNULL)

            return run

        singles = {"render --pdf, today (LibreOffice started, a fresh profile)":
                   render(False, fresh_profile=True),
                   "render --pdf, LibreOffice started from the cached profile": render(False),
                   "render --pdf, warm (converter running)": render(True)}
        times = {name: [] for name in singles}
        for repeat in range(args.render_repeats):
            for name in list(singles) if repeat % 2 == 0 else reversed(list(singles)):
                times[name].append(measure(singles[name]))
        rows += [(name, values, 1) for name, values in times.items()]
    finally:
        pool.close()
    shutil.rmtree(root, ignore_errors=True)

    print("| variant | runs | wall s (median) | ms/report | CPU s (median) | × baseline wall "
          "| × baseline CPU |\n|---|---:|---:|---:|---:|---:|---:|")
    baseline: tuple[float, float] = (0.0, 0.0)
    for name, values, count in rows:
        wall = statistics.median(v[0] for v in values)
        cpu = statistics.median(v[1] for v in values)
        if "today" in name:  # the first of each group is its baseline
            baseline = (wall, cpu)
        print(f"| {name} | {len(values)} | {wall:.2f} | {1000 * wall / count:.0f} | {cpu:.2f} "
              f"| {baseline[0] / wall:.1f} | {baseline[1] / cpu:.1f} |")
    print(f"\nmachine: {platform.system()} {platform.release()} {platform.machine()}, "
          f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}; -j {args.jobs}")


def _docx() -> bytes:
    import baocao

    document = baocao.render(baocao.load(SEED))
    assert document is not None
    return document


if __name__ == "__main__":
    main()
