"""Benchmark: start-up of ``python -m baocao --help`` against a bare ``python -c pass``.

Median wall-clock time of R runs of each (alternated), in ms.  Target: under 300 ms.
Run with the package installed:  python benchmarks/bench_startup.py [--repeats 20]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    commands = {
        "python -m baocao --help": [sys.executable, "-m", "baocao", "--help"],
        "python -c pass (baseline)": [sys.executable, "-c", "pass"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.repeats):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            times[name].append(time.perf_counter() - start)
    for name, values in times.items():
        print(f"{name:28} median {statistics.median(values) * 1000:7.1f} ms  "
              f"(min {min(values) * 1000:.1f}, max {max(values) * 1000:.1f})")
    print(f"repeats: {args.repeats}; machine: {platform.system()} {platform.release()} {platform.machine()}, "
          f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
