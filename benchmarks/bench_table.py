"""Benchmark: rendering the summary table (appendix) at 100 / 1,000 / 10,000 rows.

For each size, the same report (the Bắc Kạn example with N generated rows) is
rendered by ``baocao.render`` and, as the baseline, by a raw docxtpl render of the
same template with the same context (the rows loop ``{%tr for %}``) and a plain
Jinja environment with the same filters, alternating which goes first.  Prints
the median seconds, the time per row and the ratio baocao / raw docxtpl.

    pip install . && python benchmarks/bench_table.py [--sizes 100 1000 10000] [--repeats 5]

(the installed package: its templates ship inside it).

Not a test: nothing is asserted except that both outputs hold every row.
"""

from __future__ import annotations

import argparse
import io
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

try:
    import baocao
except ImportError:  # run from a checkout without PYTHONPATH
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    import baocao

import jinja2
from docxtpl import DocxTemplate

from baocao.api import build_context
from baocao.engine import BASE_FILTERS
from baocao.loading import load_yaml
from baocao.loai.ra_soat_ho_ngheo.model import BaoCaoRaSoatHoNgheo
from baocao.registry import default_registry

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "bac-kan-2023.yaml"
SEED = 20231107


def _report(rows: int) -> BaoCaoRaSoatHoNgheo:
    data = load_yaml(EXAMPLE).data
    rng = random.Random(SEED)
    dong = []
    for index in range(rows):
        total = rng.randrange(300, 3000)
        poor, near = rng.randrange(0, total // 10), rng.randrange(0, total // 10)
        dong.append(
            {
                "ten": f"Xã số {index + 1}",
                "khu_vuc": "thanh_thi" if index % 3 else "nong_thon",
                "tong_so_ho": total,
                "ho_ngheo": poor,
                "ho_can_ngheo": near,
                "nam_truoc": {"ho_ngheo": poor + rng.randrange(0, 5), "ho_can_ngheo": near},
            }
        )
    data["bieu_tong_hop"] = {"dong": dong}
    data["ket_qua"] = {"ho_ngheo": {"nam_truoc": {"ty_le": 2.33}}, "chi_tieu": {"giam_ho_ngheo": 23}}
    return BaoCaoRaSoatHoNgheo.model_validate(data)


def _raw_docxtpl(template: bytes, context: dict[str, Any]) -> Callable[[], bytes]:
    env = jinja2.Environment(autoescape=True)
    env.filters.update(BASE_FILTERS)

    def run() -> bytes:
        document = DocxTemplate(io.BytesIO(template))
        document.render(context, jinja_env=env)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()

    return run


def _time(function: Callable[[], bytes | None]) -> float:
    start = time.perf_counter()
    out = function()
    elapsed = time.perf_counter() - start
    assert out
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    report_type = default_registry().get("ra-soat-ho-ngheo")
    template = report_type.template_bytes()
    print(f"{'rows':>6} {'baocao s':>10} {'µs/row':>8} {'docxtpl s':>10} {'µs/row':>8} {'ratio':>6}")
    for size in args.sizes:
        report = _report(size)
        context = build_context(report, report_type)
        candidates: dict[str, Callable[[], bytes | None]] = {
            "baocao": lambda report=report: baocao.render(report),
            "docxtpl": _raw_docxtpl(template, context),
        }
        times: dict[str, list[float]] = {name: [] for name in candidates}
        for repeat in range(args.repeats):
            order = list(candidates) if repeat % 2 == 0 else list(reversed(candidates))
            for name in order:
                times[name].append(_time(candidates[name]))
        ours, raw = statistics.median(times["baocao"]), statistics.median(times["docxtpl"])
        print(
            f"{size:>6} {ours:>10.4f} {ours / size * 1e6:>8.1f} {raw:>10.4f} {raw / size * 1e6:>8.1f} "
            f"{ours / raw:>6.2f}"
        )
    print(f"{platform.system()} {platform.release()} {platform.machine()}, "
          f"Python {platform.python_version()}, repeats {args.repeats}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
