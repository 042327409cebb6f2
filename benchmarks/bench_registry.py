"""Benchmark: what registering the report types costs a command, against one render.

Every ``python -m baocao`` run builds the registry: each built-in type's template is
read and checked (variables, forbidden tags) before use.  This compares that cost
with rendering the seed example once (the work the command is run for), in
alternated repeats; it prints medians, the ratio registry / render and the machine.

    PYTHONPATH=src python benchmarks/bench_registry.py [--repeats R]

Not a test: nothing is asserted except that both succeed.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
try:
    import baocao
    from baocao.registry import Registry
    from baocao.templates_build import builtin_types
except ImportError:  # run from a checkout without PYTHONPATH
    sys.path.insert(0, str(ROOT / "src"))
    import baocao
    from baocao.registry import Registry
    from baocao.templates_build import builtin_types

EXAMPLE = ROOT / "examples" / "bac-kan-2023.yaml"


def build_registry(*, trusted: bool) -> Registry:
    registry = Registry()
    for report_type in builtin_types():
        registry.register(report_type, trusted=trusted)
    return registry


def checked() -> Registry:
    """Every built-in template checked (what a plugin's registration costs, per type)."""
    return build_registry(trusted=False)


def trusted() -> Registry:
    """What ``default_registry`` does for the built-ins."""
    return build_registry(trusted=True)


def render_once() -> bytes | None:
    return baocao.render(baocao.load(EXAMPLE))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    render_once()  # warm imports and caches for both
    times: dict[str, list[float]] = {"checked": [], "trusted": [], "render": []}
    functions = {"checked": checked, "trusted": trusted, "render": render_once}
    for repeat in range(args.repeats):
        names = list(functions)
        for name in names if repeat % 2 == 0 else reversed(names):
            start = time.perf_counter()
            assert functions[name]() is not None
            times[name].append(time.perf_counter() - start)
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"built-in types: {len(builtin_types())}; repeats: {args.repeats}")
    print(f"render examples/bac-kan-2023.yaml (baseline): median {median['render']:.4f} s")
    for name in ("checked", "trusted"):
        print(f"registry, templates {name}: median {median[name]:.4f} s, "
              f"ratio / render {median[name] / median['render']:.3f}")
    print(f"machine: {platform.system()} {platform.release()} {platform.machine()}, "
          f"CPython {platform.python_version()}, {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
