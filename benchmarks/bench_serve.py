"""baocao serve: time to the first preview and for a refresh, beside ``python -m baocao render``.

    python benchmarks/bench_serve.py [examples/bac-kan-2023.yaml]

The server is started as a user starts it (``python -m baocao serve``, a fresh
process); "first preview" runs from the launch to the PDF bytes of the data, a
"refresh" is one more preview after a change.  The baseline, in the same run, is
``python -m baocao render --pdf`` (and without --pdf) of the same data file.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from baocao.serve.data import read_data
from baocao.serve.run import free_port


def post(url: str, route: str, value: object) -> bytes:
    request = urllib.request.Request(url + route, data=json.dumps({"du_lieu": value}).encode(),
                                     headers={"X-Baocao": "1", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=300) as response:
        return bytes(response.read())


def main(data: Path) -> None:
    value = read_data(data)
    folder = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    shutil.copy(data, folder / data.name)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "baocao", "serve", "--port", str(port),
                               "--thu-muc", str(folder)], stdout=subprocess.DEVNULL)
    try:
        while True:
            try:
                urllib.request.urlopen(url + "/api/loai", timeout=1).read()
                break
            except OSError:
                time.sleep(0.02)
        up = time.perf_counter() - started
        first = post(url, "/api/pdf?xem=1", value)
        first_preview = time.perf_counter() - started
        assert first.startswith(b"%PDF")
        value["dia_danh"] = value.get("dia_danh", "") + " "  # a change
        t = time.perf_counter()
        post(url, "/api/pdf?xem=1", value)
        refresh = time.perf_counter() - t
        t = time.perf_counter()
        post(url, "/api/kiem-tra", value)
        check = time.perf_counter() - t
        t = time.perf_counter()
        post(url, "/api/docx", value)
        docx = time.perf_counter() - t
    finally:
        server.terminate()
        server.wait(timeout=10)
    timings = {}
    for label, extra in (("render", []), ("render --pdf", ["--pdf"])):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "baocao", "render", str(folder / data.name), "-q",
                        "-o", str(folder / "out.docx"), *extra], check=True)
        timings[label] = time.perf_counter() - t
    print(f"data: {data}")
    print(f"serve: page up {up:.2f} s; first preview (launch → PDF) {first_preview:.2f} s; "
          f"refresh {refresh:.2f} s; check as you type {check * 1000:.0f} ms; .docx {docx * 1000:.0f} ms")
    print(f"baseline: python -m baocao render {timings['render']:.2f} s; "
          f"render --pdf {timings['render --pdf']:.2f} s")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "examples/bac-kan-2023.yaml"))
