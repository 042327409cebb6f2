"""Render many data files at once (``baocao batch``): every core, one failure at a time.

Each worker process keeps its registry and its prepared templates (see
:mod:`baocao.prepared`) for its whole life, so a template is read, patched and
compiled once per worker, not once per report.  On Linux the workers are forked:
on 1,000 reports (benchmarks/bench_batch.py) fork gave 1.81× the sequential rate
and forkserver 1.76× on a quiet machine, and fork held up better when the machine
was shared (1.63× against 1.07× in one run).  Forking is safe here
because the parent runs no thread when the pool forks: the pool starts all its
workers at the first submit, before its own manager thread, and the progress bar
refreshes from the main thread (rich's ``auto_refresh=False``).  Elsewhere
(macOS, Windows) workers are spawned.  A failing file is reported with its first
finding and the others go on.

Ctrl-C stops the run, and nothing is lost.  Workers ignore SIGINT (the terminal
sends it to the whole process group): the parent handles it.  The first Ctrl-C
sets a stop event: the reports being written finish (each is written atomically),
the queued ones are cancelled or, already handed to a worker, skipped at once;
then :class:`Interrupted` carries the finished outcomes and ``main`` prints a
one-line summary (the command exits 130).  A second Ctrl-C does not wait: the
workers are killed and the temporary files they leave are removed
(:func:`baocao.docx_package.remove_temporaries`), so no partial file stays either.
"""

from __future__ import annotations

import glob
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Protocol, TextIO

from baocao.docx_package import remove_temporaries
from baocao.errors import BaocaoError, DataError, OutputError, os_reason
from baocao.outputs import DOCX, Output, session, write

if TYPE_CHECKING:
    import multiprocessing.process
    from concurrent.futures import Future

    from baocao.frame.model import VanBanHanhChinh
    from baocao.loading import LoadedData
    from baocao.rows_input import Cot

DATA_SUFFIXES = (".yaml", ".yml")


class InputsError(ValueError):
    """The command's inputs are wrong (a usage problem): nothing was started."""


class Interrupted(Exception):
    """Ctrl-C stopped the run; ``outcomes`` are the jobs that finished (in job order),
    ``total`` how many there were."""

    def __init__(self, outcomes: Sequence[Outcome], total: int) -> None:
        super().__init__(f"đã dừng sau {len(outcomes)}/{total} tệp")
        self.outcomes = list(outcomes)
        self.total = total


@dataclass(frozen=True)
class Job:
    data: Path
    output: Path
    loaded: LoadedData | None = None
    """A workbook row's data (``batch --bang``), read already; None: read ``data``."""
    where: str | None = None
    """How the summary names a row's job («cac-xa.xlsx:5»)."""


@dataclass(frozen=True)
class Outcome:
    """What became of one data file."""

    data: str
    output: str
    error: str | None = None
    """The first finding or the error message; None when the report was written."""
    more: int = 0
    """How many other findings the file has."""

    @property
    def ok(self) -> bool:
        return self.error is None


def collect(inputs: Sequence[str]) -> list[Path]:
    """Data files from files, folders (their ``*.yaml``/``*.yml``) and glob patterns,
    in a stable order, each once."""
    found: list[Path] = []
    for item in inputs:
        if any(char in item for char in "*?["):
            matches = [Path(m) for m in sorted(glob.glob(item, recursive=True))]
            matches = [m for m in matches if m.is_file() and m.suffix.lower() in DATA_SUFFIXES]
            if not matches:
                raise InputsError(f"mẫu «{item}» không khớp tệp dữ liệu nào (.yaml, .yml)")
            found += matches
        elif Path(item).is_dir():
            matches = sorted(
                p for p in Path(item).iterdir() if p.suffix.lower() in DATA_SUFFIXES and p.is_file()
            )
            if not matches:
                raise InputsError(f"thư mục «{item}» không có tệp dữ liệu nào (.yaml, .yml)")
            found += matches
        elif Path(item).is_file():
            found.append(Path(item))
        else:
            raise InputsError(f"không tìm thấy «{item}»; kiểm tra lại đường dẫn")
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def plan(inputs: Sequence[str], out_dir: Path) -> list[Job]:
    """One job per data file: ``OUTDIR/<stem>.docx``; two files with one stem are an error."""
    files = collect(inputs)
    by_stem: dict[str, list[Path]] = {}
    for path in files:
        by_stem.setdefault(path.stem, []).append(path)
    clashes = {stem: paths for stem, paths in by_stem.items() if len(paths) > 1}
    if clashes:
        listed = "; ".join(f"{stem}.docx ← {', '.join(map(str, paths))}" for stem, paths in clashes.items())
        raise InputsError(f"nhiều tệp dữ liệu cùng tên sẽ ghi đè lên nhau trong «{out_dir}»: {listed}")
    return [Job(path, out_dir / f"{path.stem}.docx") for path in files]


def plan_rows(shared: str, workbook: str, out_dir: Path, *, sheet: str | None = None) -> list[Job]:
    """One job per row of ``workbook`` (:mod:`baocao.rows_input`): the shared text
    ``shared`` with the row's values, written to ``OUTDIR/<tep>.docx``."""
    from baocao.loading import load_yaml
    from baocao.rows_input import rows_data

    for name, role in ((shared, "tệp chung"), (workbook, "bảng tính (--bang)")):
        if not Path(name).is_file():
            raise InputsError(f"không tìm thấy {role} «{name}»; kiểm tra lại đường dẫn")
    loaded = load_yaml(shared)
    rows = rows_data(loaded, Path(workbook), display=workbook, sheet=sheet, cot=_columns_of(loaded))
    return [Job(Path(shared), out_dir / f"{row.stem}.docx", row.loaded, row.where) for row in rows]


def _columns_of(shared: LoadedData) -> Mapping[str, Cot]:
    """The column headers in words of the shared text's report type (none when its
    «loai» is not a registered type: loading the rows says so)."""
    from baocao.errors import PluginError
    from baocao.registry import default_registry

    name = shared.data.get("loai") if isinstance(shared.data, dict) else None
    if not isinstance(name, str):
        return {}
    try:
        return default_registry().get(name).cot_bang
    except (PluginError, KeyError):
        return {}


def render_one(data: str, output: str, template: str | None = None,
               outputs: Sequence[Output] = (DOCX,), loaded: LoadedData | None = None,
               where: str | None = None) -> Outcome:
    """Load, render and write one report (in a worker) through each output step;
    never raises for bad input.  ``loaded``: the data, read already (a workbook's row,
    ``where`` naming it), the files it names read beside ``data``."""
    from baocao.api import inspect_loaded, load, render

    name = where or data
    try:
        if loaded is None:
            report = load(data)
        else:
            checked, findings = inspect_loaded(loaded, Path(data).parent)
            if checked is None:
                raise DataError(findings)
            report = checked
        refuse_inputs(output_paths(outputs, Path(output)), run_inputs(report, Path(data), template))
        document = render(report, template=template)
        for _ in write(outputs, document, Path(output), report):
            pass
    except DataError as error:
        first = error.findings[0] if error.findings else None
        return Outcome(name, output, str(first) if first else str(error), max(len(error.findings) - 1, 0))
    except BaocaoError as error:
        return Outcome(name, output, f"{name}: {error}")
    except Exception as error:  # a bug must not stop the other reports
        return Outcome(name, output, f"{name}: lỗi không mong đợi ({type(error).__name__}: {error})")
    return Outcome(name, output)


def output_paths(outputs: Sequence[Output], target: Path) -> list[Path]:
    """The files the output steps write for the .docx path ``target``."""
    return [target if step.suffix == DOCX.suffix else target.with_suffix(step.suffix) for step in outputs]


def run_inputs(
    report: VanBanHanhChinh, data: Path, template: str | Path | None
) -> list[tuple[Path, str]]:
    """The files a run reads, each with what it is: the data file, the ``--template``,
    and every ``tep:`` the data names (read beside the data file)."""
    found = [(Path(data), "tệp dữ liệu")]
    if template is not None:
        found.append((Path(template), "mẫu (--template)"))
    found += [(Path(data).parent / name, f"tệp «tep: {name}» của dữ liệu")
              for name in _tep_values(report.model_dump())]
    return found


def _tep_values(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "tep" and isinstance(value, str) and value.strip():
                yield value.strip()
            else:
                yield from _tep_values(value)
    elif isinstance(node, list):
        for item in node:
            yield from _tep_values(item)


def refuse_inputs(targets: Iterable[Path], inputs: Sequence[tuple[Path, str]]) -> None:
    """Raise :class:`OutputError` when an output would replace one of the run's inputs
    (compared resolved, and by device and inode: a link or another spelling of it)."""
    for target in targets:
        for source, role in inputs:
            if _same_file(target, source):
                spelled = "" if target == source else f" «{source}»"
                raise OutputError(
                    f"không ghi «{target}»: đó là {role}{spelled} của lần chạy này; ghi vào sẽ làm "
                    f"mất nó — chọn tên tệp kết quả khác, ví dụ «{target.with_suffix('.docx')}»"
                    if target.suffix.lower() != ".docx" else
                    f"không ghi «{target}»: đó là {role}{spelled} của lần chạy này; ghi vào sẽ làm "
                    "mất nó — chọn tên tệp kết quả khác")


def _same_file(one: Path, other: Path) -> bool:
    try:
        if one.resolve() == other.resolve():
            return True
        return one.exists() and other.exists() and os.path.samefile(one, other)
    except (OSError, RuntimeError):  # a path that cannot be resolved is no input
        return False


class _StopEvent(Protocol):
    def set(self) -> None: ...
    def is_set(self) -> bool: ...


_STOP: _StopEvent | None = None
"""In a worker: the run's stop event (set by the parent on Ctrl-C)."""


def _start_worker(stop: _StopEvent) -> None:
    global _STOP
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _STOP = stop


def _job(data: str, output: str, template: str | None, outputs: Sequence[Output],
         loaded: LoadedData | None = None, where: str | None = None) -> Outcome | None:
    """:func:`render_one` in a worker; None (skipped) once the run is stopping."""
    if _STOP is not None and _STOP.is_set():
        return None
    return render_one(data, output, template, outputs, loaded, where)


class _Stopping:
    """The parent's SIGINT handler while a run lasts: the first Ctrl-C asks to stop
    (``event``), the next ones call ``force`` (or raise ``KeyboardInterrupt``)."""

    def __init__(self, event: _StopEvent) -> None:
        self.event = event
        self.presses = 0
        self.force: Callable[[], None] | None = None

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        self.presses += 1
        self.event.set()
        if self.presses > 1:
            if self.force is None:
                raise KeyboardInterrupt
            self.force()

    @property
    def requested(self) -> bool:
        return self.presses > 0 or self.event.is_set()


@contextmanager
def _handling_sigint(stopping: _Stopping) -> Iterator[_Stopping]:
    """``stopping`` as the SIGINT handler (only the main thread receives signals)."""
    if threading.current_thread() is not threading.main_thread():
        yield stopping
        return
    previous = signal.signal(signal.SIGINT, stopping)
    try:
        yield stopping
    finally:
        signal.signal(signal.SIGINT, previous)


class _Flag:
    """A stop event for a run in this process."""

    def __init__(self) -> None:
        self._set = False

    def set(self) -> None:
        self._set = True

    def is_set(self) -> bool:
        return self._set


def worker_count(workers: int | None, jobs: int) -> int:
    """The workers a batch of ``jobs`` runs on: ``workers`` (default: one per core), never more than jobs.

    >>> worker_count(None, 1), worker_count(8, 3), worker_count(2, 0)
    (1, 3, 1)
    """
    return max(1, min(workers or os.cpu_count() or 1, jobs or 1))


def run(
    jobs: Sequence[Job],
    *,
    workers: int | None = None,
    template: str | None = None,
    outputs: Sequence[Output] = (DOCX,),
    on_done: Callable[[Outcome], None] = lambda outcome: None,
    mp_context: str | None = None,
) -> list[Outcome]:
    """Render every job; ``on_done`` is called as each finishes; outcomes in job order.
    Ctrl-C raises :class:`Interrupted` with the finished ones (see the module's text).

    ``mp_context`` (default: ``$BAOCAO_MP_CONTEXT``, else ``fork`` on Linux and
    ``spawn`` elsewhere) is the multiprocessing start method; benchmarks/bench_batch.py
    compares them.
    """
    default = "fork" if sys.platform.startswith("linux") else "spawn"
    mp_context = mp_context or os.environ.get("BAOCAO_MP_CONTEXT") or default
    workers = worker_count(workers, len(jobs))
    results: dict[int, Outcome] = {}

    def finished() -> list[Outcome]:
        return [results[i] for i in sorted(results)]

    if workers == 1:
        with _handling_sigint(_Stopping(_Flag())) as stopping:
            try:
                for index, job in enumerate(jobs):
                    if stopping.requested:
                        break
                    results[index] = render_one(str(job.data), str(job.output), template, outputs,
                                                job.loaded, job.where)
                    on_done(results[index])
            except KeyboardInterrupt:  # the second Ctrl-C: the report being written is dropped
                stopping.event.set()
        if stopping.requested:
            raise Interrupted(finished(), len(jobs))
        return finished()
    # imported here: ``render`` uses this module's input checks, not its pool
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    context = multiprocessing.get_context(mp_context)
    if mp_context == "forkserver":
        context.set_forkserver_preload(["baocao.api", "baocao.batch"])
    event = context.Event()
    before = {child.pid for child in multiprocessing.active_children()}
    with _handling_sigint(_Stopping(event)) as stopping, ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(event,)
    ) as pool:
        pending: dict[Future[Outcome | None], int] = {
            pool.submit(_job, str(job.data), str(job.output), template, outputs, job.loaded, job.where): index
            for index, job in enumerate(jobs)
        }
        stopping.force = lambda: _kill(
            [child for child in multiprocessing.active_children() if child.pid not in before],
            {job.output.parent for job in jobs})

        def collect(future: Future[Outcome | None]) -> None:
            index = pending[future]
            job = jobs[index]
            try:
                outcome = future.result()
            except Exception as error:  # the worker died (killed, out of memory)
                if stopping.presses > 1:
                    return  # killed by the second Ctrl-C: not done, not the file's fault
                name = job.where or str(job.data)
                message = f"{name}: tiến trình con bị dừng ({error})"
                outcome = Outcome(name, str(job.output), message)
            if outcome is not None:  # None: skipped, the run was stopping
                results[index] = outcome
                on_done(outcome)

        try:
            for future in as_completed(pending):  # waiters installed once, not per completion
                collect(future)
                if stopping.requested:
                    break
        except BaseException:  # a closed pipe, a bug in on_done: stop the workers, then tell
            event.set()
            _cancel(pending)
            raise
        if stopping.requested:
            for future in _cancel(pending):  # those already handed to a worker end soon
                collect(future)
    if stopping.requested:
        raise Interrupted(finished(), len(jobs))
    return finished()


def _cancel(pending: Iterable[Future[Outcome | None]]) -> list[Future[Outcome | None]]:
    """Cancel every job not yet started; the ones that could not be cancelled."""
    return [future for future in pending if not future.done() and not future.cancel()]


def _kill(workers: Iterable[multiprocessing.process.BaseProcess], folders: Iterable[Path]) -> None:
    """Kill the workers now and remove the temporary files they were writing."""
    pids = []
    for worker in workers:
        if worker.pid is not None and worker.is_alive():
            worker.kill()
            pids.append(worker.pid)
    for worker in workers:
        worker.join(timeout=5)
    for folder in folders:
        remove_temporaries(folder, pids)


@contextmanager
def progress(total: int, out: TextIO, err: TextIO, *, quiet: bool) -> Iterator[Callable[[Outcome], None]]:
    """A progress bar on a terminal (rich, on stderr), plain lines otherwise (stdout)."""
    if quiet:
        yield lambda outcome: None
        return
    if err.isatty():
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(
            TextColumn("[bold]Đang tạo báo cáo"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("lỗi: {task.fields[failed]}"),
            TimeRemainingColumn(),
            console=Console(file=err),
            transient=True,
            auto_refresh=False,  # no thread in the parent: workers may be forked
        ) as bar:
            task = bar.add_task("batch", total=total, failed=0)
            failed = 0

            def advance(outcome: Outcome) -> None:
                nonlocal failed
                failed += not outcome.ok
                bar.update(task, advance=1, failed=failed, refresh=True)

            yield advance
        return
    count = 0

    def line(outcome: Outcome) -> None:
        nonlocal count
        count += 1
        status = f"→ {outcome.output}" if outcome.ok else "LỖI"
        print(f"[{count}/{total}] {outcome.data} {status}", file=out, flush=True)

    yield line


def summarize(
    outcomes: Sequence[Outcome], seconds: float, out: TextIO, err: TextIO, *, quiet: bool = False
) -> None:
    """The end-of-run summary: counts on ``out``, each failure with its first finding on ``err``."""
    failed = [o for o in outcomes if not o.ok]
    done = len(outcomes) - len(failed)
    if not quiet:
        print(
            f"Đã tạo {done}/{len(outcomes)} báo cáo, {len(failed)} lỗi ({seconds:.1f} giây).",
            file=out,
        )
    if failed:
        print(f"{len(failed)} tệp không tạo được báo cáo:", file=err)
        for outcome in failed:
            more = f" (và {outcome.more} lỗi khác: baocao validate {outcome.data})" if outcome.more else ""
            print(f"  {outcome.error}{more}", file=err)


def main(
    inputs: Sequence[str],
    out_dir: Path,
    *,
    workers: int | None,
    template: str | None,
    outputs: Sequence[Output] = (DOCX,),
    quiet: bool,
    out: TextIO,
    err: TextIO | None = None,
    bang: str | None = None,
    trang: str | None = None,
    load_types: Callable[[], None] = lambda: None,
) -> list[Outcome]:
    """``baocao batch``: plan, render with progress, summarize; raises :class:`InputsError`.
    With ``bang`` (a workbook, a row per unit), ``inputs`` is the one shared text.
    ``load_types`` loads the report types (the command line's, with its plugin
    warnings): called once the converter is starting, so the two overlap."""
    err = err or sys.stderr
    if bang is not None:
        if len(inputs) != 1:
            raise InputsError("với --bang, chỉ ghi một tệp dữ liệu: phần chung của mọi báo cáo")
        load_types()  # the rows' columns are read in the words of the shared text's type
        jobs = plan_rows(inputs[0], bang, out_dir, sheet=trang)
    else:
        jobs = plan(inputs, out_dir)
    # A missing converter (LibreOffice): one message, before any work; PDFs through a
    # warm LibreOffice pool (baocao.converter), one per worker, started here and shut down at the end.
    with session(outputs, err, warm=True, workers=worker_count(workers, len(jobs))) as steps:
        if bang is None:
            load_types()
        _make_folder(out_dir)
        start = time.perf_counter()
        try:
            with progress(len(jobs), out, err, quiet=quiet) as on_done:
                outcomes = run(jobs, workers=workers, template=template, outputs=steps, on_done=on_done)
        except Interrupted as stopped:
            failed = sum(not outcome.ok for outcome in stopped.outcomes)
            done = len(stopped.outcomes) - failed
            print(f"Đã dừng (Ctrl-C) sau {time.perf_counter() - start:.1f} giây: đã tạo {done}/{len(jobs)} "
                  f"báo cáo, {failed} lỗi, {len(jobs) - len(stopped.outcomes)} tệp chưa làm; tệp đã tạo "
                  "được giữ nguyên, không có tệp dở dang.", file=err, flush=True)
            raise
    summarize(outcomes, time.perf_counter() - start, out, err, quiet=quiet)
    return outcomes


def _make_folder(out_dir: Path) -> None:
    """The output folder, created if missing; an :class:`OutputError` if it cannot be."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"«{out_dir}» là một tệp, không phải thư mục; batch -o cần một thư mục "
                          "(sẽ được tạo nếu chưa có)")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"không tạo được thư mục kết quả «{out_dir}»: {os_reason(error)}") from None
