"""The warm converter's server: run by a Python that has ``uno`` (Debian's
``python3-uno`` for /usr/bin/python3, LibreOffice's own Python on Windows and macOS),
never imported by baocao itself — it imports nothing of baocao.

    python3 uno_server.py SOFFICE PROFILE_URI READY_FILE [WARM_UP_DOCX]

It starts LibreOffice listening on a free local port, connects to it with
unoserver's ``UnoConverter`` (its connection, and its conversion core for any request
other than baocao's own, below), then serves unoserver's XML-RPC API (``convert``, ``info``)
on another free local port, which it writes to READY_FILE once LibreOffice answers.
unoserver's own server waits a fixed 5 s before its first connection attempt; this
one polls every 50 ms, so a warm converter is ready as soon as LibreOffice is
(0.3–1.3 s here), which is what makes it pay off on a batch of 20.
With WARM_UP_DOCX, it converts that document once before it says it is ready: a
LibreOffice's first conversion loads the Writer import filter, the fonts and the PDF
export (~0.4 s against ~0.2 s for the next ones), and this way it does so while the
batch is still starting, not while a report waits.  ``terminate`` (not in unoserver's
API) closes LibreOffice cleanly, so that its profile is complete on disk before the pool
keeps it.
The server is single-threaded: one conversion at a time, which is what one
LibreOffice process does anyway.

A .docx to PDF (what baocao asks for) is converted by :func:`convert_docx`: the
document opened hidden (``Hidden``: no view is built for a window no one sees) and
stored through ``writer_pdf_Export``.  unoserver's ``convert`` opens it with a view,
refreshes it twice (for a table of contents: baocao's documents have none, and
``soffice --convert-to``, the cold path, does not refresh either) and looks the
export filter up: about 0.2 s of LibreOffice's CPU a report against 0.12 s here.  Any
other request (and a package that is not a text document) goes to unoserver's
``convert`` as before.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import xmlrpc.server
from pathlib import Path
from typing import Any

START_TIMEOUT = 60.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class NotWriterError(Exception):
    """Not a document :func:`convert_docx` takes: not opened as a .docx, or not a text document."""


def _typed(value: str) -> bool | int | str:
    """An export option's value as unoserver reads it: true/false, a number, or text."""
    if value in ("true", "false"):
        return value == "true"
    return int(value) if value.isdecimal() else value


def convert_docx(desktop: Any, source: Path, options: list[str]) -> bytes:
    """The PDF of the .docx at ``source``, opened hidden and read-only, exported with
    ``options`` (``Name=value`` strings, writer_pdf_Export's FilterData)."""
    import uno  # type: ignore[import-not-found,unused-ignore]
    from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found,unused-ignore]

    document = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(str(source)), "_blank", 0,
        (PropertyValue(Name="ReadOnly", Value=True), PropertyValue(Name="Hidden", Value=True)))
    if document is None:
        raise NotWriterError(source.name)  # not a .docx (unoserver detects what it is) or broken
    try:
        if not document.supportsService("com.sun.star.text.TextDocument"):
            raise NotWriterError(source.name)  # a spreadsheet, a drawing: not writer_pdf_Export's
        data = tuple(PropertyValue(Name=name, Value=_typed(value))
                     for name, _, value in (option.partition("=") for option in options))
        target = source.with_suffix(".pdf")
        document.storeToURL(uno.systemPathToFileUrl(str(target)), (
            PropertyValue(Name="FilterName", Value="writer_pdf_Export"),
            PropertyValue(Name="Overwrite", Value=True),
            PropertyValue(Name="FilterData", Value=uno.Any("[]com.sun.star.beans.PropertyValue", data)),
        ))
        return target.read_bytes()
    finally:
        document.close(True)


def _docx_to_pdf(desktop: Any, data: bytes, options: list[str]) -> bytes:
    with tempfile.TemporaryDirectory(prefix="baocao-uno-") as folder:
        source = Path(folder) / "document.docx"
        source.write_bytes(data)
        return convert_docx(desktop, source, options)


def _first_start_recorded(profile: str) -> bool:
    """Whether LibreOffice has recorded its first start (``ooSetupLastVersion``) in the
    profile at the ``file:`` URI ``profile`` (a copy of a kept one): a start from a profile
    without it is as slow as from an empty one."""
    from urllib.parse import unquote, urlparse

    registry = Path(unquote(urlparse(profile).path)) / "user" / "registrymodifications.xcu"
    try:
        return "ooSetupLastVersion" in registry.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def main(argv: list[str]) -> int:
    # imported here: only the Python that has ``uno`` can (the module itself imports anywhere)
    from unoserver import converter  # type: ignore[import-untyped,import-not-found,unused-ignore]

    soffice, profile, ready, *warm_up = argv
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

    recorded = _first_start_recorded(profile)
    for document in warm_up:
        try:
            if recorded:
                _docx_to_pdf(conv.desktop, Path(document).read_bytes(), [])  # the PDF is dropped
            else:
                # with a view, as a document a user opens (unoserver's convert): LibreOffice
                # then records its first start, which a profile kept for later starts needs
                conv.convert(inpath=document, convert_to="pdf")
        except Exception:  # a failed warm-up only costs the first report its time
            if office.poll() is not None:
                return 1

    server = xmlrpc.server.SimpleXMLRPCServer(("127.0.0.1", 0), allow_none=True, logRequests=False)

    def convert(inpath: str | None = None, indata: Any = None, outpath: str | None = None,
                convert_to: str | None = None, filtername: str | None = None,
                filter_options: list[str] | None = None, update_index: bool = True,
                infiltername: str | None = None, password: str | None = None) -> Any:
        if office.poll() is not None:
            os._exit(2)  # LibreOffice is gone: let the client start a new server
        data = getattr(indata, "data", indata)
        if (isinstance(data, bytes) and data.startswith(b"PK") and convert_to == "pdf"
                and not (inpath or outpath or filtername or infiltername or password)):
            try:
                return _docx_to_pdf(conv.desktop, data, filter_options or [])
            except NotWriterError:
                pass  # another kind of package: unoserver finds its filter (or says it cannot)
        return conv.convert(inpath=inpath, indata=data, outpath=outpath,
                            convert_to=convert_to, filtername=filtername,
                            filter_options=filter_options or [], update_index=update_index,
                            infiltername=infiltername, password=password)

    def info() -> dict[str, str]:
        return {"api": "3", "server": "baocao"}

    def terminate() -> bool:
        """Close LibreOffice cleanly, which writes its profile (a kill loses what it has
        not written yet): before its profile is kept.  Whether it ended."""
        try:
            conv.desktop.terminate()
        except Exception:  # the bridge goes down as LibreOffice exits
            pass
        try:
            office.wait(timeout=20)
        except subprocess.TimeoutExpired:
            return False
        return True

    server.register_function(convert)
    server.register_function(info)
    server.register_function(terminate)
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
