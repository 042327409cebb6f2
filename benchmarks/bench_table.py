"""Benchmark: rendering the summary table (appendix) at 100 / 1,000 / 10,000 (/ 50,000) rows.

For each size, the same report (the Bắc Kạn example with N generated rows) is
rendered by ``baocao.render`` and, as the baseline, by a raw docxtpl render of the
same template with the same context (the rows loop ``{%tr for %}``) and a plain
Jinja environment with the same filters, alternating which goes first.  Each render
runs in a fresh process (so its peak RSS is its own); prints median wall and CPU
seconds, CPU µs per row, peak memory and the ratios baocao / raw docxtpl.

    pip install . && python benchmarks/bench_table.py [--sizes 100 1000 10000] [--repeats 3] [--large]
        [--before PYTHON]

``--large`` adds 50,000 rows (raw docxtpl takes minutes there).  ``--before PYTHON`` adds
the same render by another interpreter with an earlier baocao installed (this script runs
there as well), alternated with the others: before, after and raw docxtpl in one run.

``--load`` measures ``baocao.load`` of a data file instead — the YAML of the example naming
a spreadsheet (``bieu_tong_hop: {tep: …}``) of the same N generated rows, with its group
subtotals and totals — by this baocao and the ``--before`` one (no docxtpl baseline: it
does not read data).

(the installed package: its templates ship inside it).

Not a test: nothing is asserted except that both outputs hold every row.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator, Mapping
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


def _units(rows: int) -> Iterator[tuple[str, str, int, int, int, int]]:
    """The generated units: name, area, households, poor, near-poor, poor last year."""
    rng = random.Random(SEED)
    for index in range(rows):
        total = rng.randrange(300, 3000)
        poor, near = rng.randrange(0, total // 10), rng.randrange(0, total // 10)
        yield (f"Xã số {index + 1}", "thanh_thi" if index % 3 else "nong_thon", total, poor, near,
               poor + rng.randrange(0, 5))


def _report(rows: int) -> BaoCaoRaSoatHoNgheo:
    data = load_yaml(EXAMPLE).data
    dong = [
        {"ten": ten, "khu_vuc": khu_vuc, "tong_so_ho": total, "ho_ngheo": poor, "ho_can_ngheo": near,
         "nam_truoc": {"ho_ngheo": last, "ho_can_ngheo": near}}
        for ten, khu_vuc, total, poor, near, last in _units(rows)
    ]
    data["bieu_tong_hop"] = {"dong": dong}
    data["ket_qua"] = {"ho_ngheo": {"nam_truoc": {"ty_le": 2.33}}, "chi_tieu": {"giam_ho_ngheo": 23}}
    return BaoCaoRaSoatHoNgheo.model_validate(data)


def _data_file(rows: int, folder: Path) -> Path:
    """The spreadsheet example's YAML naming a workbook of the generated units, written in
    ``folder``: the example's sheet with its header kept and its rows replaced by the two
    areas' subtotal and unit rows and the grand total (rates rounded as a clerk's are)."""
    import openpyxl  # only the parent writes the data; an earlier baocao's venv may not have it

    example = EXAMPLE.with_name("bac-kan-2023-excel.yaml")
    book = openpyxl.load_workbook(example.with_name("ho-ngheo-2023.xlsx"))
    sheet = book["Tổng hợp"]
    sheet.delete_rows(6, sheet.max_row)  # the title, the two header rows and the codes stay
    units = list(_units(rows))

    def printed(stt: Any, ten: str, total: int, poor: int, near: int, last: int) -> list[Any]:
        return [stt, ten, total, total * 3, poor, round(poor * 100 / total, 2), near,
                round(near * 100 / total, 2), last, near]

    def summed(stt: Any, ten: str, group: list[tuple[str, str, int, int, int, int]]) -> list[Any]:
        return printed(stt, ten, *(sum(int(unit[i]) for unit in group) for i in (2, 3, 4, 5)))

    areas = (("I", "thanh_thi", "Khu vực thành thị"), ("II", "nong_thon", "Khu vực nông thôn"))
    for stt, area, title in areas:
        group = [unit for unit in units if unit[1] == area]
        sheet.append(summed(stt, title, group))
        for number, (ten, _, total, poor, near, last) in enumerate(group, start=1):
            sheet.append(printed(number, ten, total, poor, near, last))
    sheet.append(summed(None, "Tổng cộng", units))
    book.save(folder / "bieu.xlsx")
    path = folder / "bao-cao.yaml"
    path.write_text(example.read_text(encoding="utf-8").replace("tep: ho-ngheo-2023.xlsx", "tep: bieu.xlsx"),
                    encoding="utf-8")
    return path


def _load_child(path: str) -> None:
    """One measured load in this (fresh) process, after a small one (imports, the types)."""
    baocao.load(EXAMPLE)
    wall, cpu = time.perf_counter(), time.process_time()
    report = baocao.load(path)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert isinstance(report, BaoCaoRaSoatHoNgheo) and report.bieu_tong_hop is not None
    print(json.dumps({"wall": wall, "cpu": cpu, "peak_kb": peak}))


def _raw_docxtpl(template: bytes, context: Mapping[str, Any]) -> Callable[[], bytes]:
    env = jinja2.Environment(autoescape=True)
    env.filters.update(BASE_FILTERS)

    def run() -> bytes:
        document = DocxTemplate(io.BytesIO(template))
        document.render(context, jinja_env=env)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()

    return run


def _child(name: str, size: int) -> None:
    """One measured render in this (fresh) process: prints wall s, CPU s, peak RSS kB."""
    report_type = default_registry().get("ra-soat-ho-ngheo")
    template = report_type.template_bytes()
    small, report = _report(10), _report(size)
    if name == "baocao":
        baocao.render(small)  # the template prepared, as in any process after its first report
        run: Callable[[], bytes | None] = lambda: baocao.render(report)  # noqa: E731
    else:
        _raw_docxtpl(template, build_context(small, report_type))()
        run = _raw_docxtpl(template, build_context(report, report_type))
    wall, cpu = time.perf_counter(), time.process_time()
    out = run()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # before the check unzips the body
    assert out is not None and _holds_rows(out, size)  # both hold every row
    print(json.dumps({"wall": wall, "cpu": cpu, "peak_kb": peak}))


def _holds_rows(document: bytes, size: int) -> bool:
    with zipfile.ZipFile(io.BytesIO(document)) as package:
        xml = package.read("word/document.xml")
    return f"Xã số {size}<".encode() in xml and f"Xã số {size + 1}<".encode() not in xml


def _measure(name: str, size: int, before: str | None = None, data: Path | None = None) -> dict[str, float]:
    python = before if name == "before" and before else sys.executable
    task = "load" if data is not None else "baocao" if name == "before" else name
    command = [python, __file__, "--child", task, str(data or size)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    result: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--large", action="store_true", help="add 50,000 rows (minutes: raw docxtpl)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--large-repeats", type=int, default=1)
    parser.add_argument("--before", metavar="PYTHON", help="an interpreter with an earlier baocao installed")
    parser.add_argument("--load", action="store_true", help="measure baocao.load of a data file instead")
    parser.add_argument("--child", nargs=2, metavar=("NAME", "ROWS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        if args.child[0] == "load":
            _load_child(args.child[1])
        else:
            _child(args.child[0], int(args.child[1]))
        return 0
    if args.load and not args.before:
        parser.error("--load compares with --before PYTHON (there is no docxtpl baseline)")
    sizes = [*args.sizes, *([50000] if args.large else [])]
    what = "load (after a small one)" if args.load else "render (template prepared by a small render first)"
    print(f"medians; one fresh process per {what}; peak = the process's max RSS")
    names = ["baocao", *(["before"] if args.before else []), *([] if args.load else ["docxtpl"])]
    header = ("rows", *(f"{label} {name}" for name in names
                        for label in ("wall s", "CPU s", "µs/row", "peak MB")),
              *(["CPU × before"] if args.load else (f"CPU × docxtpl, {name}" for name in names[:-1])))
    print("| " + " | ".join(header) + " |")
    print("|" + "---:|" * len(header))
    for size in sizes:
        repeats = args.large_repeats if size >= 50000 else args.repeats
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in names}
        with tempfile.TemporaryDirectory(prefix="bench-table-") as folder:
            data = _data_file(size, Path(folder)) if args.load else None
            for repeat in range(repeats):
                order = list(runs) if repeat % 2 == 0 else list(reversed(runs))
                for name in order:
                    runs[name].append(_measure(name, size, args.before, data))
        row: list[str] = [f"{size:,}"]
        med = {name: {key: statistics.median(r[key] for r in values) for key in values[0]}
               for name, values in runs.items()}
        for name in runs:
            m = med[name]
            row += [f"{m['wall']:.3f}", f"{m['cpu']:.3f}", f"{m['cpu'] / size * 1e6:.0f}",
                    f"{m['peak_kb'] / 1024:.0f}"]
        baseline = med["before" if args.load else "docxtpl"]["cpu"]
        row += [f"{med[name]['cpu'] / baseline:.2f}" for name in names[:-1]]
        print("| " + " | ".join(row) + " |", flush=True)
    print(f"{platform.system()} {platform.release()} {platform.machine()}, "
          f"Python {platform.python_version()}, {os.cpu_count()} CPUs, repeats {args.repeats}, "
          f"load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
