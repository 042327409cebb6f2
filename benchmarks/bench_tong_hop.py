"""Benchmark: ``baocao tong-hop`` over 3,300 commune files beside a plain ``baocao.load`` loop.

The communes are generated here (seeded): copies of examples/tong-hop/xa-cho-don.yaml
with their own name and figures — about the number of communes, wards and special
zones of the country since 1 July 2025.  Two variants on the same files, each run in a
fresh process (so its peak RSS is its own), alternating which goes first:

- baseline: ``for path in files: baocao.load(path)`` — reading and checking every
  unit, which the roll-up has to do anyway;
- tong-hop: :func:`baocao.tong_hop.roll_up` — the same loading, the roll-up, the
  province's result checked twice (as built, and as written) and written.

Prints median wall and CPU seconds, the ratio to the baseline, and peak RSS (MB).

    pip install . && python benchmarks/bench_tong_hop.py [--units 3300] [--repeats 3]

Not a test: nothing is asserted except that the result adds up every unit.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "tong-hop"
COMMUNE = EXAMPLES / "xa-cho-don.yaml"
SEED = 20251201


def generate(folder: Path, units: int) -> tuple[list[Path], Path]:
    """``units`` commune files, the province's shared text, and the list of units."""
    rng = random.Random(SEED)
    text = COMMUNE.read_text(encoding="utf-8")
    files = []
    for index in range(units):
        total = rng.randrange(800, 9000)
        poor, near = rng.randrange(0, total // 12), rng.randrange(0, total // 12)
        name = f"xã Số {index + 1}"
        lines = {  # whole lines of the example, so a new figure never matches an old one
            "  tong_so_ho: 2730": f"  tong_so_ho: {total}",
            "  tong_so_khau: 11030": f"  tong_so_khau: {total * 4}",
            "    so_ho: 142": f"    so_ho: {poor}", "    so_khau: 538": f"    so_khau: {poor * 4}",
            "    so_ho: 109": f"    so_ho: {near}", "    so_khau: 392": f"    so_khau: {near * 4}",
            "    nam_truoc: {so_ho: 170}": f"    nam_truoc: {{so_ho: {poor + rng.randrange(0, 9)}}}",
            "    nam_truoc: {so_ho: 101}": f"    nam_truoc: {{so_ho: {near + rng.randrange(0, 9)}}}",
        }
        data = "\n".join(lines.get(line, line) for line in text.splitlines()) + "\n"
        data = data.replace("xã Chợ Đồn", name).replace("dia_danh: Chợ Đồn", f"dia_danh: Số {index + 1}")
        path = folder / f"xa-{index + 1:04d}.yaml"
        path.write_text(data, encoding="utf-8")
        files.append(path)
    listed = folder.parent / "danh-sach.yaml"
    listed.write_text("".join(f"- Xã Số {i + 1}\n" for i in range(units)), encoding="utf-8")
    return files, listed


_CHILD = """
import json, resource, sys, time
from pathlib import Path
import baocao
from baocao.tong_hop import roll_up
variant, folder, chung, listed, out = sys.argv[1:]
files = sorted(Path(folder).glob("*.yaml"))
wall, cpu = time.perf_counter(), time.process_time()
if variant == "baocao.load loop":
    total = sum(baocao.load(path).ket_qua.tong_so_ho for path in files)
else:
    roll_up([folder], chung, out, danh_sach_file=listed)
    total = baocao.load(out).ket_qua.tong_so_ho
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"wall": wall, "cpu": cpu, "peak_mb": peak, "total": total}))
"""


def run(variant: str, folder: Path, listed: Path, out: Path) -> dict[str, float]:
    chung = EXAMPLES / "chung-tinh.yaml"
    done = subprocess.run([sys.executable, "-c", _CHILD, variant, str(folder), str(chung), str(listed),
                           str(out)], check=True, capture_output=True, text=True)
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=3300)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    variants = ("baocao.load loop", "tong-hop")
    with tempfile.TemporaryDirectory() as root:
        folder = Path(root) / "xa"
        folder.mkdir()
        _, listed = generate(folder, args.units)
        out = Path(root) / "tinh.yaml"
        results: dict[str, list[dict[str, float]]] = {name: [] for name in variants}
        for repeat in range(args.repeats):
            for name in variants if repeat % 2 == 0 else reversed(variants):
                results[name].append(run(name, folder, listed, out))
        totals = {r["total"] for rows in results.values() for r in rows}
        assert len(totals) == 1, f"the roll-up does not add up the units: {totals}"
    base_wall = statistics.median(r["wall"] for r in results[variants[0]])
    base_cpu = statistics.median(r["cpu"] for r in results[variants[0]])
    print(f"{args.units} communes, {args.repeats} repeats, medians; {platform.python_implementation()} "
          f"{platform.python_version()}, {platform.machine()}")
    print("| | wall s | × load loop | CPU s | × load loop | peak RSS MB | ms per unit (wall) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in variants:
        wall = statistics.median(r["wall"] for r in results[name])
        cpu = statistics.median(r["cpu"] for r in results[name])
        peak = statistics.median(r["peak_mb"] for r in results[name])
        print(f"| {name} | {wall:.2f} | {wall / base_wall:.2f} | {cpu:.2f} | {cpu / base_cpu:.2f} | "
              f"{peak:.0f} | {wall / args.units * 1000:.2f} |")


if __name__ == "__main__":
    main()
