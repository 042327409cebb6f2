"""A warm converter: LibreOffice started once and kept alive for many PDFs.

Starting LibreOffice costs ~1.3 s; converting one report in a running one ~0.1 s.
:class:`WarmPool` keeps a few LibreOffice processes (one per core by default), each
behind the small XML-RPC server :mod:`baocao.uno_server` (unoserver's API and its
conversion core, run by the Python that has ``uno``).  It is shared by the batch's
worker processes through a folder: ``slot-N.lock`` (whoever holds it converts with
that slot's server, so one document at a time per LibreOffice), ``slot-N.pid`` (the
server's process group) and ``slot-N.port`` (written by the server when ready).
The pool object itself is a few strings: it travels to the workers in the output
step.

- A server that died (LibreOffice crashed or was killed) is started again and the
  document converted again, once.
- A conversion past ``timeout`` seconds: the server's whole process group is
  killed, the document fails with a Vietnamese message, the next document gets a
  fresh server.
- :meth:`WarmPool.close` kills every server's process group.
- Every slot starts from a copy of the LibreOffice profile kept in the per-user
  cache (:mod:`baocao.libreoffice_profile`), saved from the first slot that converted a
  document (its LibreOffice closed cleanly first, so the profile is complete on disk).
  A cached profile LibreOffice cannot start with is dropped and the slot started afresh.
- Every server converts one of baocao's own templates before it says it is ready
  (:data:`WARM_UP`), so the first report does not pay LibreOffice's first conversion.

:func:`running_server` finds a converter someone already runs (``$BAOCAO_UNOSERVER``
= ``host:port``, else unoserver's default ``127.0.0.1:2003`` if it answers):
``render --pdf`` uses it, as does ``batch`` when it is set in the environment.
"""

from __future__ import annotations

import contextlib
import http.client
import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import xmlrpc.client
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from baocao import libreoffice_profile
from baocao.docx_package import write_atomic
from baocao.errors import OutputError
from baocao.pdf import export_options, find_soffice, kill_group, new_group

TIMEOUT_SECONDS = 120.0
START_SECONDS = 90.0
DEFAULT_SERVER = ("127.0.0.1", 2003)
WARM_UP = "bao-cao.docx"  # a shipped template: the fonts and styles of every report


def _warm_up_document() -> str | None:
    """The path of the template a new server converts once before it is ready."""
    from importlib import resources

    path = Path(str(resources.files("baocao").joinpath("templates", "vi", WARM_UP)))
    return str(path) if path.is_file() else None


def _hang_message(name: str, timeout: float) -> str:
    return (f"{name}: LibreOffice không chuyển xong sang PDF sau {timeout:.0f} giây; "
            "đã dừng và khởi động lại LibreOffice, các tệp khác vẫn tiếp tục")


class _Transport(xmlrpc.client.Transport):
    """XML-RPC over HTTP with a socket timeout (the per-document limit)."""

    def __init__(self, timeout: float) -> None:
        super().__init__()
        self._timeout = timeout

    def make_connection(self, host: Any) -> http.client.HTTPConnection:
        connection = super().make_connection(host)
        connection.timeout = self._timeout
        return connection


def _options(pdf_a: bool) -> list[str]:
    """unoserver's ``filter_options``: ``Name=value`` strings."""
    return [f"{name}={str(value).lower() if isinstance(value, bool) else value}"
            for name, value in export_options(pdf_a=pdf_a).items()]


def _call(host: str, port: int, document: bytes, *, pdf_a: bool, timeout: float) -> bytes:
    """One conversion through a unoserver-compatible server; the PDF's bytes."""
    proxy = xmlrpc.client.ServerProxy(f"http://{host}:{port}", transport=_Transport(timeout),
                                      allow_none=True)
    result = proxy.convert(None, xmlrpc.client.Binary(document), None, "pdf", None, _options(pdf_a))
    data = result.data if isinstance(result, xmlrpc.client.Binary) else result
    if not isinstance(data, bytes) or not data.startswith(b"%PDF"):
        raise OutputError("LibreOffice không trả về tệp PDF")
    return data


@dataclass(frozen=True)
class Server:
    """A converter someone else runs (unoserver's XML-RPC API)."""

    host: str
    port: int
    timeout: float = TIMEOUT_SECONDS

    def convert(self, document: bytes, target: Path, *, pdf_a: bool = False) -> Path:
        try:
            data = _call(self.host, self.port, document, pdf_a=pdf_a, timeout=self.timeout)
        except TimeoutError:
            raise OutputError(_hang_message(target.name, self.timeout)) from None
        except (OSError, http.client.HTTPException, xmlrpc.client.Error) as error:
            raise OutputError(f"{target.name}: máy chuyển PDF {self.host}:{self.port} không trả lời "
                              f"({type(error).__name__})") from None
        write_atomic(target, data)
        return target

    def close(self) -> None:
        return None


def running_server(*, probe_default: bool = True) -> Server | None:
    """``$BAOCAO_UNOSERVER`` (``host:port``), else unoserver on its default port if it answers."""
    configured = os.environ.get("BAOCAO_UNOSERVER")
    if configured:
        host, _, port = configured.rpartition(":")
        if not port.isdigit():
            raise OutputError(f"BAOCAO_UNOSERVER «{configured}» phải có dạng máy:cổng, ví dụ 127.0.0.1:2003")
        return Server(host or "127.0.0.1", int(port))
    if not probe_default:
        return None
    try:
        with socket.create_connection(DEFAULT_SERVER, timeout=0.2):
            pass
        proxy = xmlrpc.client.ServerProxy("http://{}:{}".format(*DEFAULT_SERVER), transport=_Transport(2.0))
        info = proxy.info()
    except (OSError, http.client.HTTPException, xmlrpc.client.Error):
        return None
    return Server(*DEFAULT_SERVER) if isinstance(info, dict) and "api" in info else None


def find_uno_python(soffice: str) -> str | None:
    """A Python that can ``import uno``: ``$BAOCAO_UNO_PYTHON``, LibreOffice's own (Windows,
    macOS), the system's ``/usr/bin/python3`` (Debian's python3-uno)."""
    configured = os.environ.get("BAOCAO_UNO_PYTHON")
    program = Path(soffice).resolve().parent
    candidates = [configured] if configured else [
        str(program / "python.exe"), str(program / "python"), str(program.parent / "Resources" / "python"),
        "/usr/bin/python3", sys.executable,
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            with contextlib.suppress(OSError, subprocess.TimeoutExpired):
                if subprocess.run([candidate, "-c", "import uno"], capture_output=True,
                                  timeout=30, check=False).returncode == 0:
                    return candidate
    return None


def _unoserver_package() -> Path | None:
    spec = importlib.util.find_spec("unoserver")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


@contextlib.contextmanager
def _locked(path: Path, *, blocking: bool) -> Iterator[bool]:
    handle: IO[bytes] = open(path, "a+b")  # held for the lock's life
    try:
        if sys.platform.startswith("win"):
            import msvcrt

            mode = msvcrt.LK_LOCK if blocking else msvcrt.LK_NBLCK  # type: ignore[attr-defined,unused-ignore]
            try:
                msvcrt.locking(handle.fileno(), mode, 1)  # type: ignore[attr-defined,unused-ignore]
            except OSError:
                yield False
                return
        else:
            import fcntl

            try:
                fcntl.flock(handle, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
            except BlockingIOError:
                yield False
                return
        yield True
    finally:
        handle.close()  # releases the lock


@dataclass(frozen=True)
class WarmPool:
    """``size`` LibreOffice processes kept warm in ``directory`` (see the module docstring)."""

    directory: Path
    size: int
    python: str
    soffice: str
    timeout: float = TIMEOUT_SECONDS
    cache: Path | None = None
    warm_up: str | None = None

    @classmethod
    def create(cls, size: int | None = None, *, timeout: float = TIMEOUT_SECONDS) -> WarmPool | None:
        """A pool ready to start, or None when no Python with ``uno`` or no unoserver is there."""
        soffice = find_soffice()
        package = _unoserver_package()
        python = find_uno_python(soffice) if package else None
        if package is None or python is None:
            return None
        directory = Path(tempfile.mkdtemp(prefix="baocao-converter-"))
        shutil.copytree(package, directory / "lib" / "unoserver",
                        ignore=shutil.ignore_patterns("__pycache__"))
        size = max(1, size or os.cpu_count() or 1)
        return cls(directory, size, python, soffice, timeout, libreoffice_profile.cache_folder(soffice),
                   _warm_up_document())

    # --- one slot: a server's life ----------------------------------------------------

    def _file(self, slot: int, kind: str) -> Path:
        return self.directory / f"slot-{slot}.{kind}"

    def _start(self, slot: int) -> None:
        """Start the slot's server (not waiting for it); its process group is its pid."""
        self._stop(slot)
        profile = self.directory / f"profile-{slot}"
        if libreoffice_profile.copy_into(self.cache, profile):
            self._file(slot, "cached").touch()
        script = Path(__file__).with_name("uno_server.py")
        env = {**os.environ, "PYTHONPATH": str(self.directory / "lib")}
        env.pop("PYTHONHOME", None)
        with open(self._file(slot, "log"), "ab") as log:
            process = subprocess.Popen(
                [self.python, str(script), self.soffice, profile.as_uri(), str(self._file(slot, "port")),
                 *([self.warm_up] if self.warm_up else [])],
                stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=env,
                **new_group(),  # type: ignore[call-overload]
            )
        self._file(slot, "pid").write_text(str(process.pid), encoding="ascii")

    def _stop(self, slot: int) -> None:
        pid_file = self._file(slot, "pid")
        if pid_file.is_file():
            kill_group(int(pid_file.read_text(encoding="ascii")))
        for kind in ("pid", "port"):
            self._file(slot, kind).unlink(missing_ok=True)

    def _port(self, slot: int) -> int:
        """The slot's ready server's port, starting it if needed."""
        if not self._file(slot, "pid").is_file():
            self._start(slot)
        deadline = time.monotonic() + START_SECONDS
        pid = int(self._file(slot, "pid").read_text(encoding="ascii"))
        while not self._file(slot, "port").is_file():
            if time.monotonic() > deadline or not _alive(pid):
                self._stop(slot)
                if self._file(slot, "cached").is_file():  # the cached profile is bad: drop it, start afresh
                    self._file(slot, "cached").unlink()
                    libreoffice_profile.drop(self.cache)
                    shutil.rmtree(self.directory / f"profile-{slot}", ignore_errors=True)
                    return self._port(slot)
                log = self._file(slot, "log")
                raise OutputError(f"không khởi động được LibreOffice để tạo PDF (xem {log})")
            time.sleep(0.02)
        return int(self._file(slot, "port").read_text(encoding="ascii"))

    def _convert_in(self, slot: int, document: bytes, name: str, pdf_a: bool) -> bytes:
        for attempt in (1, 2):
            port = self._port(slot)
            try:
                data = _call("127.0.0.1", port, document, pdf_a=pdf_a, timeout=self.timeout)
                self._file(slot, "converted").touch()  # a profile worth keeping (close)
                return data
            except TimeoutError:
                self._stop(slot)  # hung: kill the whole group; the next document starts afresh
                raise OutputError(_hang_message(name, self.timeout)) from None
            except (OSError, http.client.HTTPException, xmlrpc.client.Error) as error:
                self._stop(slot)  # crashed or killed: start again and retry once
                if attempt == 2:
                    raise OutputError(f"{name}: LibreOffice không chuyển được sang PDF "
                                      f"({type(error).__name__})") from None
        raise AssertionError("unreachable")

    # --- the public side ---------------------------------------------------------------

    def start(self) -> None:
        """Start every server now (they warm up while the first reports are rendered)."""
        for slot in range(self.size):
            with _locked(self._file(slot, "lock"), blocking=True):
                if not self._file(slot, "pid").is_file():
                    self._start(slot)

    def convert(self, document: bytes, target: Path, *, pdf_a: bool = False) -> Path:
        """Convert ``document`` (.docx bytes) into ``target`` (written atomically)."""
        first = os.getpid() % self.size
        order = [(first + i) % self.size for i in range(self.size)]
        for blocking in (False, True):
            for slot in order if not blocking else order[:1]:
                with _locked(self._file(slot, "lock"), blocking=blocking) as held:
                    if held:
                        data = self._convert_in(slot, document, target.name, pdf_a)
                        write_atomic(target, data)
                        return target
        raise AssertionError("unreachable")

    def pids(self) -> list[int]:
        """The running servers' process groups."""
        return [int(p.read_text(encoding="ascii")) for p in sorted(self.directory.glob("slot-*.pid"))]

    def close(self) -> None:
        """Kill every server's process group, keep a profile that worked for the next
        pool, remove the folder."""
        keep = None
        if self.cache is not None and not self.cache.is_dir():
            keep = next((slot for slot in range(self.size) if self._file(slot, "converted").is_file()), None)
            if keep is not None:
                self._terminate(keep)
        for slot in range(self.size):
            self._stop(slot)
        if keep is not None:
            libreoffice_profile.save(self.directory / f"profile-{keep}", self.cache)
        shutil.rmtree(self.directory, ignore_errors=True)

    def _terminate(self, slot: int) -> None:
        """Ask the slot's server to close its LibreOffice cleanly (which writes the
        profile out), best effort: the kill that follows ends it anyway."""
        port = self._file(slot, "port")
        with contextlib.suppress(OSError, ValueError, http.client.HTTPException, xmlrpc.client.Error):
            proxy = xmlrpc.client.ServerProxy(f"http://127.0.0.1:{int(port.read_text(encoding='ascii'))}",
                                              transport=_Transport(30.0))
            proxy.terminate()


def _alive(pid: int) -> bool:
    if sys.platform.startswith("win"):
        return True  # the start deadline still bounds the wait
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError):
        status = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
        return status.rsplit(")", 1)[1].split()[0] != "Z"
    return True
