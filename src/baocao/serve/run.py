"""Start the server (uvicorn) and, if asked, open the page in the browser."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import threading
import time
import webbrowser
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

import uvicorn

from baocao.serve.app import create_app

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def is_local(host: str) -> bool:
    """Whether ``host`` is this computer only (a loopback address)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on now (for tests and ``--port 0``)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def serve(folder: str | Path, *, host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False,
          out: TextIO, err: TextIO) -> None:
    """Serve ``folder`` until interrupted (Ctrl+C)."""
    if port == 0:
        port = free_port(host if is_local(host) else "0.0.0.0")
    if not is_local(host):
        print(f"baocao serve: cảnh báo: đang mở cho máy khác truy cập qua «{host}»; ai vào được "
              "mạng này đều đọc và ghi được các tệp dữ liệu trong thư mục làm việc", file=err)
    app = create_app(folder, host=host, port=port)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    print(f"baocao serve: {url}  (thư mục: {Path(folder).resolve()}; Ctrl+C để dừng)", file=out,
          flush=True)
    if open_browser:
        threading.Timer(0.8, webbrowser.open, args=(url,)).start()
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False)
    uvicorn.Server(config).run()


@contextmanager
def running(folder: str | Path, *, host: str = "127.0.0.1", port: int = 0,
            today: Callable[[], dt.date] = dt.date.today) -> Iterator[str]:
    """Serve ``folder`` in a background thread while the ``with`` block runs; yield
    the page's URL.  For tests, benchmarks and the screenshot: the server binds
    ``host`` on a free port and stops itself when the block ends."""
    port = port or free_port(host)
    app = create_app(folder, host=host, port=port, today=today)
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning",
                                           access_log=False, lifespan="off"))
    thread = threading.Thread(target=server.run, name="baocao-serve", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"baocao serve did not start on {host}:{port}")
        time.sleep(0.02)
    try:
        yield f"http://{host}:{port}/"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
