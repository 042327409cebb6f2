"""Which warm server belongs to this installation, and where it listens.

Two keys, both cheap to compute in the client (a few hundred ``stat`` calls, no import
beyond the interpreter's built-in modules):

- :func:`identity` — the interpreter (``sys.executable``, its flags, the file-system
  encoding, every ``PYTHON*`` variable: what a started interpreter cannot change any
  more) and baocao's package folder.  Its checksum names the socket, so another
  installation looks for another socket; the server compares the whole text.
- :func:`fingerprint` — every file of the package (path, mtime, size: a new version or an
  edited module changes it) and the folders of ``sys.path`` (installing or removing a
  distribution, a plugin of ``baocao.reports`` among them, changes their mtime).  A server
  whose fingerprint differs from the client's is stale: it refuses and stops.

The socket lives in a folder only its user can enter: ``$XDG_RUNTIME_DIR/baocao-warm``,
or ``$TMPDIR`` (``/tmp``) ``/baocao-warm-<uid>``; created 0700, and refused if it is a
link, another user's, or open to others.
"""

from __future__ import annotations

import binascii
import os
import stat
import sys

PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
"""baocao's own folder (the installed package, or ``src/baocao`` of an editable install)."""


def identity() -> str:
    """The interpreter and package a warm server must share with its client."""
    python = sorted(f"{name}={value}" for name, value in os.environ.items() if name.startswith("PYTHON"))
    return "\n".join([sys.executable, PACKAGE_DIR, repr(tuple(sys.flags)), sys.getfilesystemencoding(),
                      sys.getfilesystemencodeerrors(), *python])


def fingerprint() -> str:
    """What changes when baocao's code or the installed distributions change."""
    lines: list[str] = []
    _list_files(PACKAGE_DIR, "", lines)
    for folder in sys.path[1:]:  # sys.path[0] is the caller's folder (python -m): not the installation
        try:
            lines.append(f"{folder} {os.stat(folder).st_mtime_ns}")
        except OSError:
            lines.append(f"{folder} -")
    text = "\n".join(lines).encode("utf-8", "surrogateescape")
    return f"{len(lines)}-{binascii.crc32(text):08x}-{binascii.crc_hqx(text, 0):04x}"


def _list_files(folder: str, prefix: str, lines: list[str]) -> None:
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.name == "__pycache__":
                continue
            if entry.is_dir(follow_symlinks=False):
                _list_files(entry.path, f"{prefix}{entry.name}/", lines)
            else:
                info = entry.stat(follow_symlinks=False)
                lines.append(f"{prefix}{entry.name} {info.st_mtime_ns} {info.st_size}")


def runtime_folder() -> str:
    """The private folder of this user's warm sockets (not created here)."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isabs(runtime):
        return os.path.join(runtime, "baocao-warm")
    return os.path.join(os.environ.get("TMPDIR") or "/tmp", f"baocao-warm-{os.getuid()}")


def socket_path(folder: str | None = None) -> str:
    """The socket of this installation's warm server."""
    name = f"{binascii.crc32(identity().encode('utf-8', 'surrogateescape')):08x}.sock"
    return os.path.join(runtime_folder() if folder is None else folder, name)


def private_problem(folder: str) -> str | None:
    """Why ``folder`` may not hold a warm socket (Vietnamese), or None when it is this
    user's own folder, closed to everyone else."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return f"chưa có thư mục «{folder}»"
    except OSError as error:
        return f"không đọc được thư mục «{folder}» ({error.strerror})"
    if not stat.S_ISDIR(info.st_mode):
        return f"«{folder}» không phải là thư mục (hoặc là liên kết)"
    if info.st_uid != os.getuid():
        return f"thư mục «{folder}» thuộc về người dùng khác (uid {info.st_uid})"
    if info.st_mode & 0o077:
        mode = stat.S_IMODE(info.st_mode)
        return f"thư mục «{folder}» để người khác truy cập được (quyền {mode:o}, cần 700)"
    return None
