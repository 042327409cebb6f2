"""Benchmark: one render, baocao against a raw docxtpl render of the same template and context.

Measured in one process, alternating the variants in every repeat; medians in ms:

- raw docxtpl: ``DocxTemplate(template).render(context, jinja_env=env)`` and ``save(file)``
  (the context already built: docxtpl does not read YAML);
- baocao end to end: ``baocao.render(baocao.load(yaml), file)``: read and validate the YAML,
  build the context, prepare the template (the per-process cache is cleared each time, so
  preparation is counted), render, write atomically; with Jinja's bytecode cache warm (any
  run after the first on a machine) and with it off (``BAOCAO_NO_CACHE``: the first run);
- prepared render: what each ``batch`` report costs once its worker has prepared the template.

Run with the package installed (templates ship inside it):

    python benchmarks/bench_render.py [--repeats 40]
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from docxtpl import DocxTemplate

import baocao
from baocao.api import build_context
from baocao.engine import clear_prepared, make_environment, prepare_template, render_prepared
from baocao.registry import default_registry

SEED = Path(__file__).resolve().parent.parent / "examples" / "bac-kan-2023.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=40)
    args = parser.parse_args()

    report = baocao.load(SEED)
    report_type = default_registry().get(report.loai)
    template = report_type.template_bytes()
    context = build_context(report, report_type)
    prepared = prepare_template(template)
    assert prepared is not None
    out = Path(tempfile.mkdtemp(prefix="bench-render-")) / "bao-cao.docx"

    def raw() -> None:
        document = DocxTemplate(io.BytesIO(template))
        document.render(dict(context), jinja_env=make_environment())
        document.save(out)

    def end_to_end(cache: bool) -> Callable[[], None]:
        def run() -> None:
            if cache:
                os.environ.pop("BAOCAO_NO_CACHE", None)
            else:
                os.environ["BAOCAO_NO_CACHE"] = "1"
            clear_prepared()
            baocao.render(baocao.load(SEED), out)

        return run

    def prepared_render() -> None:
        render_prepared(prepared, context, template_name="t")

    variants: dict[str, Callable[[], None]] = {
        "raw docxtpl render + save": raw,
        "baocao end to end (bytecode cache warm)": end_to_end(True),
        "baocao end to end (no bytecode cache)": end_to_end(False),
        "prepared render (batch, per report)": prepared_render,
    }
    times: dict[str, list[float]] = {name: [] for name in variants}
    for fn in variants.values():  # warm-up (and fill the bytecode cache)
        fn()
    order = list(variants)
    for repeat in range(args.repeats):
        for name in order if repeat % 2 == 0 else reversed(order):
            start = time.perf_counter()
            variants[name]()
            times[name].append(time.perf_counter() - start)
    os.environ.pop("BAOCAO_NO_CACHE", None)

    medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
    base = medians["raw docxtpl render + save"]
    print(f"{'variant':45} {'median ms':>10} {'/ raw':>8}")
    for name, value in medians.items():
        print(f"{name:45} {value:10.2f} {value / base:8.3f}")
    print(f"repeats: {args.repeats}; machine: {platform.system()} {platform.release()} {platform.machine()}, "
          f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
