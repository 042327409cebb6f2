"""Benchmark: baocao's number_to_words against raw num2words(lang="vi").

Both read the same 100,000 random integers in [0, 10^15) (seeded), in several
alternated repeats; the script prints the median seconds of each, the ratio
(ours / num2words; below 1 means faster) and the machine.

    PYTHONPATH=src python benchmarks/bench_number_words.py [--count N] [--repeats R]

Not a test: nothing is asserted except that both produce one string per number.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

try:
    from baocao.formatting import number_to_words
except ImportError:  # run from a checkout without PYTHONPATH
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from baocao.formatting import number_to_words

from num2words import num2words

SEED = 20231107
UPPER = 10**15


def _raw(n: int) -> str:
    return str(num2words(n, lang="vi"))


def _time_once(function: Callable[[int], str], numbers: list[int]) -> float:
    start = time.perf_counter()
    out = [function(n) for n in numbers]
    elapsed = time.perf_counter() - start
    assert len(out) == len(numbers)
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args(argv)

    rng = random.Random(SEED)
    numbers = [rng.randrange(UPPER) for _ in range(args.count)]
    candidates: dict[str, Callable[[int], str]] = {
        "baocao number_to_words": number_to_words,
        "num2words(lang='vi')": _raw,
    }
    for function in candidates.values():  # warm-up (imports, caches)
        _time_once(function, numbers[:1000])

    times: dict[str, list[float]] = {name: [] for name in candidates}
    for repeat in range(args.repeats):
        order = list(candidates.items())
        if repeat % 2:  # alternate who goes first
            order.reverse()
        for name, function in order:
            times[name].append(_time_once(function, numbers))

    ours = statistics.median(times["baocao number_to_words"])
    theirs = statistics.median(times["num2words(lang='vi')"])
    print(f"numbers: {args.count:,} random ints in [0, 10^15), seed {SEED}; "
          f"{args.repeats} alternated repeats")
    for name, values in times.items():
        print(f"  {name:<24} median {statistics.median(values):.4f} s"
              f"  (min {min(values):.4f}, max {max(values):.4f})")
    print(f"  ratio ours / num2words: {ours / theirs:.3f} ({theirs / ours:.1f}x faster)"
          if ours < theirs else f"  ratio ours / num2words: {ours / theirs:.3f} (slower)")
    print(f"machine: {platform.platform()}; {platform.machine()}; "
          f"{platform.python_implementation()} {platform.python_version()}; "
          f"{os.cpu_count()} CPUs; num2words {importlib.metadata.version('num2words')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
