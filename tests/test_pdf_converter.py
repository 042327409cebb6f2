"""The warm converter (issue 16): LibreOffice started once per batch, restarted when it
crashes or hangs, and nothing left running at the end."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import baocao
from baocao import batch, pdf
from baocao.converter import WarmPool
from baocao.errors import OutputError
from baocao.outputs import DOCX, PdfOutput

from conftest import BAC_KAN

pytestmark = [pytest.mark.office,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")]


def group(pgid: int) -> list[tuple[int, str]]:
    """The running (not zombie) processes of a process group: (pid, name)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name, rest = stat[stat.index("(") + 1:stat.rindex(")")], stat[stat.rindex(")") + 2:].split()
        if int(rest[2]) == pgid and rest[0] != "Z":
            found.append((int(entry.name), name))
    return found


def wait_gone(pgids: set[int]) -> list[tuple[int, str]]:
    for _ in range(100):
        left = [p for pgid in pgids for p in group(pgid)]
        if not left:
            return []
        time.sleep(0.1)
    return left


@pytest.fixture
def pool(soffice: str) -> Iterator[WarmPool]:
    made = WarmPool.create(1, timeout=20)
    if made is None:
        if os.environ.get("CI"):
            pytest.fail("no warm converter: apt-get install python3-uno; pip install unoserver")
        pytest.skip("python3-uno or unoserver is not installed")
    made.start()
    yield made
    made.close()


def variants(folder: Path, count: int) -> list[batch.Job]:
    text = BAC_KAN.read_text(encoding="utf-8")
    jobs = []
    for index in range(count):
        data = folder / f"xa-{index}.yaml"
        data.write_text(text.replace("dia_ban: thành phố Bắc Kạn", f"dia_ban: xã số {index + 1}"),
                        encoding="utf-8")
        jobs.append(batch.Job(data, folder / "out" / f"xa-{index}.docx"))
    (folder / "out").mkdir()
    return jobs


def pdf_words(path: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                                   text=True, check=True, timeout=60).stdout.split())


def test_a_converter_killed_mid_batch_is_restarted_and_every_pdf_is_right(
        pool: WarmPool, tmp_path: Path) -> None:
    jobs = variants(tmp_path, 4)
    first = pool.pids()
    killed: list[int] = []

    def kill_libreoffice(outcome: batch.Outcome) -> None:
        if not killed:  # after the first PDF: LibreOffice dies under the batch
            for pid, name in group(first[0]):
                if name.startswith("soffice"):
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)

    outcomes = batch.run(jobs, workers=1, outputs=(DOCX, PdfOutput(converter=pool)),
                         on_done=kill_libreoffice)
    assert killed
    assert [o.error for o in outcomes] == [None] * 4
    for index, job in enumerate(jobs):
        assert f"xã số {index + 1}" in pdf_words(job.output.with_suffix(".pdf"))
    assert pool.pids() != first  # a new server
    assert wait_gone(set(first)) == []
    restarted = set(pool.pids())
    pool.close()
    assert wait_gone(restarted) == []


def test_a_hanging_conversion_times_out_and_the_others_finish(tmp_path: Path, soffice: str) -> None:
    made = WarmPool.create(1, timeout=4)
    if made is None:
        pytest.skip("python3-uno or unoserver is not installed")
    document = baocao.render(baocao.load(BAC_KAN))
    seen: set[int] = set()
    try:
        made.convert(document, tmp_path / "a.pdf")
        seen |= set(made.pids())
        for pid, _ in group(made.pids()[0]):  # LibreOffice stops answering
            os.kill(pid, signal.SIGSTOP)
        start = time.monotonic()
        with pytest.raises(OutputError) as caught:
            made.convert(document, tmp_path / "b.pdf")
        assert time.monotonic() - start < 30
        assert str(caught.value) == ("b.pdf: LibreOffice không chuyển xong sang PDF sau 4 giây; "
                                     "đã dừng và khởi động lại LibreOffice, các tệp khác vẫn tiếp tục")
        assert not (tmp_path / "b.pdf").exists()
        assert wait_gone(seen) == []  # the hung group, soffice.bin included, is gone
        made.convert(document, tmp_path / "c.pdf")
        seen |= set(made.pids())
        assert "Hoàng Hà Bắc" in pdf_words(tmp_path / "c.pdf")
    finally:
        made.close()
    assert wait_gone(seen) == []


def test_batch_pdf_starts_a_warm_pool_and_leaves_nothing_running(tmp_path: Path, soffice: str) -> None:
    import io

    from baocao import cli

    jobs = variants(tmp_path, 3)
    before = {pid for pid, _ in _office_processes()}
    out, err = io.StringIO(), io.StringIO()
    status = cli.main(["batch", *(str(j.data) for j in jobs), "-o", str(tmp_path / "out"), "--pdf",
                       "-j", "2"], stdout=out, stderr=err)
    assert status == 0, err.getvalue()
    assert "Đã tạo 3/3 báo cáo" in out.getvalue()
    for index, job in enumerate(jobs):
        assert f"xã số {index + 1}" in pdf_words(job.output.with_suffix(".pdf"))
    for _ in range(50):
        left = [p for p in _office_processes() if p[0] not in before]
        if not left:
            break
        time.sleep(0.1)
    assert left == []



def test_a_batch_smaller_than_the_workers_starts_one_libreoffice_a_file(
        tmp_path: Path, soffice: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """-j 4 on one file: one worker, so one LibreOffice, not four starting for nothing."""
    import io

    from baocao import cli

    sizes: list[int | None] = []
    create = WarmPool.create.__func__  # type: ignore[attr-defined]

    def spy(cls: type[WarmPool], size: int | None = None, **options: float) -> WarmPool | None:
        sizes.append(size)
        made: WarmPool | None = create(cls, size, **options)
        return made

    monkeypatch.setattr(WarmPool, "create", classmethod(spy))
    jobs = variants(tmp_path, 1)
    out, err = io.StringIO(), io.StringIO()
    status = cli.main(["batch", str(jobs[0].data), "-o", str(tmp_path / "out"), "--pdf", "-j", "4"],
                      stdout=out, stderr=err)
    assert status == 0, err.getvalue()
    assert sizes == [1]
    assert "xã số 1" in pdf_words(jobs[0].output.with_suffix(".pdf"))


def _office_processes() -> list[tuple[int, str]]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        state = stat[stat.rindex(")") + 2:].split()[0]
        if state != "Z" and (b"soffice" in cmdline or b"uno_server.py" in cmdline) and b"baocao-" in cmdline:
            found.append((int(entry.name), stat[stat.index("(") + 1:stat.rindex(")")]))
    return found


# --- the LibreOffice profile kept between pools ----------------------------------------


def _new_pool(**changes: object) -> WarmPool:
    made = WarmPool.create(1, timeout=20)
    if made is None:
        if os.environ.get("CI"):
            pytest.fail("no warm converter: apt-get install python3-uno; pip install unoserver")
        pytest.skip("python3-uno or unoserver is not installed")
    return dataclasses.replace(made, **changes) if changes else made  # type: ignore[arg-type]


def test_a_pool_starts_from_the_profile_the_last_one_kept(tmp_path: Path, soffice: str,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The first pool creates LibreOffice's profile and leaves a copy in the user's cache
    (not its lock file); the next pool's LibreOffice starts from that copy and converts."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    document = baocao.render(baocao.load(BAC_KAN))
    assert document is not None
    first = _new_pool()
    assert first.cache is not None and first.cache.parent == tmp_path / "cache" / "baocao"
    try:
        first.start()
        first.convert(document, tmp_path / "first.pdf")
        assert not first._file(0, "cached").exists()  # nothing to start from yet
    finally:
        first.close()
    # complete: LibreOffice closed cleanly wrote out its first start, without which a start
    # from the copy is as slow as from nothing
    assert "ooSetupLastVersion" in (first.cache / "user" / "registrymodifications.xcu").read_text()
    assert not (first.cache / ".lock").exists()
    second = _new_pool()
    assert second.cache == first.cache
    try:
        second.start()
        second.convert(document, tmp_path / "second.pdf")
        assert second._file(0, "cached").exists()
    finally:
        second.close()
    assert pdf_words(tmp_path / "second.pdf") == pdf_words(tmp_path / "first.pdf")


def test_a_cached_profile_libreoffice_cannot_start_with_is_dropped(tmp_path: Path, soffice: str,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A LibreOffice (here a wrapper) that exits at once in the cached profile: the slot
    starts again in a fresh profile, converts, and the bad copy is replaced by a good one."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    wrapper = tmp_path / "soffice"
    wrapper.write_text(
        "#!/bin/sh\n"
        'for a in "$@"; do case "$a" in\n'
        '  -env:UserInstallation=file://*) p="${a#-env:UserInstallation=file://}";;\n'
        "esac; done\n"
        '[ -e "$p/bad" ] && exit 1\n'
        f'exec {soffice} "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    pool = _new_pool(soffice=str(wrapper))
    assert pool.cache is not None
    pool.cache.mkdir(parents=True)
    (pool.cache / "bad").write_text("", encoding="utf-8")
    document = baocao.render(baocao.load(BAC_KAN))
    assert document is not None
    try:
        pool.start()
        pool.convert(document, tmp_path / "a.pdf")
    finally:
        pool.close()
    assert "Hoàng Hà Bắc" in pdf_words(tmp_path / "a.pdf")
    assert pool.cache.is_dir() and not (pool.cache / "bad").exists()
    assert (pool.cache / "user").is_dir()


def test_the_server_keeps_unoservers_api_for_other_requests(pool: WarmPool, tmp_path: Path) -> None:
    """baocao's own request (a .docx to PDF) is converted hidden; a request it does not
    make (an explicit export filter) still goes through unoserver's ``convert``, and
    both give the same text."""
    import xmlrpc.client

    document = baocao.render(baocao.load(BAC_KAN))
    assert document is not None
    pool.convert(document, tmp_path / "own.pdf")
    proxy = xmlrpc.client.ServerProxy(f"http://127.0.0.1:{pool._port(0)}", allow_none=True)
    other = proxy.convert(None, xmlrpc.client.Binary(document), None, "pdf", "writer_pdf_Export", [])
    (tmp_path / "unoserver.pdf").write_bytes(other.data)
    assert other.data.startswith(b"%PDF")
    assert pdf_words(tmp_path / "unoserver.pdf") == pdf_words(tmp_path / "own.pdf")
    assert "BÁO CÁO" in pdf_words(tmp_path / "own.pdf")


def _profile_logging_soffice(folder: Path, real: str) -> Path:
    """A soffice that logs whether its profile folder was there before it started
    ("cached": copied from the cache, or "fresh"), fails in a copied one while
    ``folder/fail`` exists, and otherwise runs LibreOffice."""
    fake = folder / "soffice"
    fake.write_text(f"""#!/bin/sh
for a in "$@"; do
  case "$a" in -env:UserInstallation=file://*) p="${{a#-env:UserInstallation=file://}}";; esac
done
if [ -e "$p" ]; then echo cached >> {folder}/log; [ -e {folder}/fail ] && exit 1
else echo fresh >> {folder}/log; fi
exec {real} "$@"
""")
    fake.chmod(0o755)
    return fake


def _cold(tmp_path: Path, soffice: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, bytes]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("BAOCAO_NO_CACHE", raising=False)
    monkeypatch.setenv("BAOCAO_SOFFICE", str(_profile_logging_soffice(tmp_path, soffice)))
    source = tmp_path / "bac-kan.docx"
    document = baocao.render(baocao.load(BAC_KAN))
    assert document is not None
    source.write_bytes(document)
    return source, document


def _convert_once_warm(document: bytes, target: Path) -> None:
    """One conversion in a pool of one, which keeps its profile when it closes."""
    pool = _new_pool()
    try:
        pool.start()
        pool.convert(document, target)
    finally:
        pool.close()


def test_a_one_off_conversion_starts_from_the_profile_a_pool_kept(
        tmp_path: Path, soffice: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """``render --pdf`` without a converter running: its LibreOffice starts from the
    profile the last warm pool left in the cache (0.33 s against 1.06 s, measured); its
    own profile is not kept (no faster to start from than a new one)."""
    source, document = _cold(tmp_path, soffice, monkeypatch)
    pdf.convert_to_pdf(source, tmp_path / "before.pdf")
    cache = tmp_path / "cache" / "baocao"
    assert not cache.exists()
    _convert_once_warm(document, tmp_path / "pool.pdf")
    assert list(cache.glob("libreoffice-profile-*/user"))
    pdf.convert_to_pdf(source, tmp_path / "after.pdf")
    assert (tmp_path / "log").read_text().split() == ["fresh", "fresh", "cached"]
    assert pdf_words(tmp_path / "after.pdf") == pdf_words(tmp_path / "before.pdf")


def test_a_cached_profile_a_one_off_libreoffice_fails_in_is_dropped_and_it_runs_afresh(
        tmp_path: Path, soffice: str, monkeypatch: pytest.MonkeyPatch) -> None:
    source, document = _cold(tmp_path, soffice, monkeypatch)
    _convert_once_warm(document, tmp_path / "pool.pdf")
    (tmp_path / "fail").touch()
    pdf.convert_to_pdf(source, tmp_path / "cold.pdf")
    assert (tmp_path / "log").read_text().split() == ["fresh", "cached", "fresh"]
    assert not list((tmp_path / "cache" / "baocao").glob("libreoffice-profile-*"))
    assert "BÁO CÁO" in pdf_words(tmp_path / "cold.pdf")
