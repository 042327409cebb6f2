"""Running an untrusted template's render in a child process with bounded resources.

The sandbox (:mod:`baocao.sandbox`) decides what a template may *reach*; it cannot
bound what a template may *spend*: nested loops over long strings, a string
doubled in a loop (``~`` is not an interceptable operator), recursive macros.  A
template from a clerk (``--template``), a plugin, or ``check`` is therefore
rendered in a forked child with a CPU-time limit, an address-space limit and a
wall-clock deadline; when a limit is hit the child dies or fails and the caller
gets a :class:`TemplateError` in Vietnamese naming the template.  baocao's own
templates render in-process (they are generated and tested here).

Why a child process: it bounds every way of spending (time, memory, recursion)
at once, including those no operator hook sees, and a child that hangs or blows
up leaves the parent intact.  ``fork`` keeps it cheap (the template prepared by
the parent is inherited; measured in benchmarks/bench_isolation.py).  Where there
is no ``fork`` (Windows) the render runs in-process, bounded by the sandbox's
intercepted operators only.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import TypeVar

from baocao.errors import BaocaoError, TemplateError

T = TypeVar("T")


@dataclass(frozen=True)
class Limits:
    """What one untrusted render may spend."""

    cpu_seconds: int = 120
    wall_seconds: float = 180.0
    memory_bytes: int = 2 * 1024**3
    """Address space the child may add to what it inherits."""
    recursion: int = 400
    """Python frames (recursive macros and call blocks)."""


DEFAULT_LIMITS = Limits()
"""The limits of every untrusted render (a 10,000-row table renders in about 5 s of
CPU and 0.12 GB, 50,000 rows in about 23 s and 0.31 GB; see benchmarks/bench_table.py)."""


def can_isolate() -> bool:
    """Whether this platform renders untrusted templates in a bounded child."""
    return hasattr(os, "fork") and sys.platform != "darwin" and _resource() is not None


def run_isolated(work: Callable[[], T], *, name: str, limits: Limits | None = None) -> T:
    """``work()`` in a forked child within ``limits`` (:data:`DEFAULT_LIMITS`); its
    result, or its baocao error, comes back.  Hitting a limit is a
    :class:`TemplateError` naming ``name``."""
    limits = limits or DEFAULT_LIMITS
    if not can_isolate():
        return _bounded_recursion(work, name, limits)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(work, name, limits, write_end)
    os.close(write_end)
    try:
        payload = _read_all(read_end, time.monotonic() + limits.wall_seconds)
    except TimeoutError:
        os.kill(pid, signal.SIGKILL)
        raise TemplateError(
            f"{name}: mẫu chạy quá {limits.wall_seconds:g} giây nên bị dừng "
            "(vòng lặp quá lớn?); hãy sửa mẫu"
        ) from None
    except BaseException:  # interrupted (a Ctrl-C sent to this process only): the work is dropped,
        os.kill(pid, signal.SIGKILL)  # not waited for (the child may be blocked, e.g. on a pipe)
        raise
    finally:
        os.close(read_end)
        _reap(pid)
    if not payload:
        raise TemplateError(
            f"{name}: mẫu dùng quá giới hạn tài nguyên (bộ nhớ hoặc thời gian xử lý) nên bị dừng; "
            "hãy sửa mẫu"
        )
    ok, value = pickle.loads(payload)  # written by our own child just now
    if ok:
        return value  # type: ignore[no-any-return]
    raise value


def _child(work: Callable[[], object], name: str, limits: Limits, write_end: int) -> None:
    code = 0
    try:
        _apply_limits(limits)
        result: tuple[bool, object] = (True, _bounded_recursion(work, name, limits))
    except BaocaoError as error:
        result = (False, error)
    except MemoryError:
        result = (False, TemplateError(f"{name}: mẫu dùng quá {limits.memory_bytes // 1024**2} MB "
                                       "bộ nhớ nên bị dừng; hãy sửa mẫu"))
    except BaseException as error:  # anything else the template provoked
        result = (False, TemplateError(f"{name}: mẫu lỗi khi in: {type(error).__name__}: {error}"))
    try:
        data = pickle.dumps(result)
        view = memoryview(data)
        while view:
            written = os.write(write_end, view)
            view = view[written:]
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _bounded_recursion(work: Callable[[], T], name: str, limits: Limits) -> T:
    depth = len(_stack())
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(depth + limits.recursion)
    try:
        return work()
    except RecursionError:
        raise TemplateError(
            f"{name}: mẫu gọi lồng nhau quá sâu (macro đệ quy?) nên bị dừng; hãy sửa mẫu"
        ) from None
    finally:
        sys.setrecursionlimit(previous)


def _stack() -> list[object]:
    frames = []
    frame = sys._getframe()
    while frame is not None:
        frames.append(frame)
        frame = frame.f_back  # type: ignore[assignment]
    return frames


def _apply_limits(limits: Limits) -> None:
    resource = _resource()
    assert resource is not None
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 5))
    resource.setrlimit(resource.RLIMIT_AS, (_address_space() + limits.memory_bytes,) * 2)


def _address_space() -> int:
    """This process's current virtual size (what the child inherits)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _read_all(fd: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            raise TimeoutError
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def _resource() -> ModuleType | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    return resource
