"""The warm converter's server: run by a Python that has ``uno`` (Debian's
``python3-uno`` for /usr/bin/python3, LibreOffice's own Python on Windows and macOS),
never imported by baocao itself — it imports nothing of baocao.

    python3 uno_server.py SOFFICE PROFILE_URI READY_FILE

It starts LibreOffice listening on a free local port, connects to it with
unoserver's ``UnoConverter`` (the well-kept conversion core: filter detection and the
export filter's options), then serves unoserver's XML-RPC API (``convert``, ``info``)
on another free local port, which it writes to READY_FILE once LibreOffice answers.
unoserver's own server waits a fixed 5 s before its first connection attempt; this
one polls every 50 ms, so a warm converter is ready as soon as LibreOffice is
(about 1.3 s here), which is what makes it pay off on a batch of 20.
The server is single-threaded: one conversion at a time, which is what one
LibreOffice process does anyway.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import xmlrpc.server
from typing import Any

START_TIMEOUT = 60.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def main(argv: list[str]) -> int:
    # imported here: only the Python that has ``uno`` can (the module itself imports anywhere)
    from unoserver import converter  # type: ignore[import-untyped,import-not-found,unused-ignore]

    soffice, profile, ready = argv
    uno_port = _free_port()
    office = subprocess.Popen([
        soffice, "--headless", "--invisible", "--nocrashreport", "--nodefault", "--nologo",
        "--nofirststartwizard", "--norestore", f"-env:UserInstallation={profile}",
        f"--accept=socket,host=127.0.0.1,port={uno_port},tcpNoDelay=1;urp;StarOffice.ComponentContext",
    ])
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            conv = converter.UnoConverter(interface="127.0.0.1", port=str(uno_port))
            break
        except Exception:
            if office.poll() is not None or time.monotonic() > deadline:
                office.kill()
                return 1
            time.sleep(0.05)

    server = xmlrpc.server.SimpleXMLRPCServer(("127.0.0.1", 0), allow_none=True, logRequests=False)

    def convert(inpath: str | None = None, indata: Any = None, outpath: str | None = None,
                convert_to: str | None = None, filtername: str | None = None,
                filter_options: list[str] | None = None, update_index: bool = True,
                infiltername: str | None = None, password: str | None = None) -> Any:
        if office.poll() is not None:
            os._exit(2)  # LibreOffice is gone: let the client start a new server
        return conv.convert(inpath=inpath, indata=getattr(indata, "data", indata), outpath=outpath,
                            convert_to=convert_to, filtername=filtername,
                            filter_options=filter_options or [], update_index=update_index,
                            infiltername=infiltername, password=password)

    def info() -> dict[str, str]:
        return {"api": "3", "server": "baocao"}

    server.register_function(convert)
    server.register_function(info)
    temporary = f"{ready}.tmp"
    with open(temporary, "w", encoding="ascii") as handle:
        handle.write(str(server.server_address[1]))
    os.replace(temporary, ready)
    try:
        server.serve_forever()
    finally:
        office.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
