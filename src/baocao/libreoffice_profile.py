"""The LibreOffice profile kept ready in the user's cache.

LibreOffice started with an empty profile (``-env:UserInstallation``, so that it never
touches the user's own) spends most of its start creating it.  The first warm pool
(:mod:`baocao.converter`) whose LibreOffice converted a document leaves a copy of its
profile in the per-user cache, and every later LibreOffice baocao starts — a pool's
servers and the one-off ``soffice --convert-to`` (:mod:`baocao.pdf`) — starts from a
copy of it: a one-off conversion of the seed took 0.33 s from it against 1.06 s in a new
profile (quiet machine, 2 runs each).  Only a pool's profile is kept: a one-off
conversion's is no faster to start from (0.98 s), as LibreOffice run with
``--convert-to`` does not record its first start (``ooSetupLastVersion``), so it would
only stand in the way of a good one.  A cached profile LibreOffice cannot start with is
dropped (:func:`drop`), and the start retried afresh.  ``BAOCAO_NO_CACHE`` turns the
cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

_NOT_COPIED = shutil.ignore_patterns(".lock", "*.log", "backup", "crash")


def cache_folder(soffice: str) -> Path | None:
    """Where the ready profile of ``soffice`` is kept (one per installation: its path and
    its modification time, so an upgrade starts a new one), or None when
    ``$BAOCAO_NO_CACHE`` is set.  ``$XDG_CACHE_HOME``, ``%LOCALAPPDATA%``, else ``~/.cache``."""
    if os.environ.get("BAOCAO_NO_CACHE"):
        return None
    program = Path(soffice).resolve()
    with contextlib.suppress(OSError):
        program = program.with_name(f"{program.name}@{program.stat().st_mtime_ns}")
    key = hashlib.sha256(str(program).encode("utf-8")).hexdigest()[:16]
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA") or str(Path.home() / ".cache")
    return Path(base) / "baocao" / f"libreoffice-profile-{key}"


def copy_into(cache: Path | None, profile: Path) -> bool:
    """Start ``profile`` (a folder that does not exist yet) from the cached one; whether
    it did (False: none cached, or it could not be copied — LibreOffice then creates it)."""
    if cache is None or not cache.is_dir() or profile.exists():
        return False
    try:
        shutil.copytree(cache, profile, ignore=_NOT_COPIED)
    except OSError:
        shutil.rmtree(profile, ignore_errors=True)
        return False
    return True


def save(profile: Path, cache: Path | None) -> None:
    """Keep a copy of ``profile`` (one LibreOffice converted with) in ``cache`` unless
    one is there; atomic (a rename), best effort."""
    if cache is None or cache.is_dir() or not profile.is_dir():
        return
    with contextlib.suppress(OSError):
        cache.parent.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(prefix=f".{cache.name}-", dir=cache.parent))
        try:
            shutil.copytree(profile, temporary / "profile", ignore=_NOT_COPIED)
            os.replace(temporary / "profile", cache)
        finally:
            shutil.rmtree(temporary, ignore_errors=True)


def drop(cache: Path | None) -> None:
    """Forget a cached profile LibreOffice could not start with."""
    if cache is not None:
        shutil.rmtree(cache, ignore_errors=True)
