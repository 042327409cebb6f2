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
"""

from __future__ import annotations

import glob
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from baocao.errors import BaocaoError, DataError
from baocao.outputs import DOCX, Output, session, write

DATA_SUFFIXES = (".yaml", ".yml")


class InputsError(ValueError):
    """The command's inputs are wrong (a usage problem): nothing was started."""


@dataclass(frozen=True)
class Job:
    data: Path
    output: Path


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


def render_one(data: str, output: str, template: str | None = None,
               outputs: Sequence[Output] = (DOCX,)) -> Outcome:
    """Load, render and write one report (in a worker) through each output step;
    never raises for bad input."""
    from baocao.api import load, render

    try:
        report = load(data)
        document = render(report, template=template)
        for _ in write(outputs, document, Path(output), report):
            pass
    except DataError as error:
        first = error.findings[0] if error.findings else None
        return Outcome(data, output, str(first) if first else str(error), max(len(error.findings) - 1, 0))
    except BaocaoError as error:
        return Outcome(data, output, f"{data}: {error}")
    except Exception as error:  # a bug must not stop the other reports
        return Outcome(data, output, f"{data}: lỗi không mong đợi ({type(error).__name__}: {error})")
    return Outcome(data, output)


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

    ``mp_context`` (default: ``$BAOCAO_MP_CONTEXT``, else ``fork`` on Linux and
    ``spawn`` elsewhere) is the multiprocessing start method; benchmarks/bench_batch.py
    compares them.
    """
    default = "fork" if sys.platform.startswith("linux") else "spawn"
    mp_context = mp_context or os.environ.get("BAOCAO_MP_CONTEXT") or default
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs) or 1))
    results: dict[int, Outcome] = {}
    if workers == 1:
        for index, job in enumerate(jobs):
            results[index] = render_one(str(job.data), str(job.output), template, outputs)
            on_done(results[index])
        return [results[i] for i in range(len(jobs))]
    context = multiprocessing.get_context(mp_context)
    if mp_context == "forkserver":
        context.set_forkserver_preload(["baocao.api", "baocao.batch"])
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: dict[Future[Outcome], int] = {
            pool.submit(render_one, str(job.data), str(job.output), template, outputs): index
            for index, job in enumerate(jobs)
        }
        for future in as_completed(pending):  # waiters installed once, not per completion
            index = pending[future]
            job = jobs[index]
            try:
                outcome = future.result()
            except Exception as error:  # the worker died (killed, out of memory)
                message = f"{job.data}: tiến trình con bị dừng ({error})"
                outcome = Outcome(str(job.data), str(job.output), message)
            results[index] = outcome
            on_done(outcome)
    return [results[i] for i in range(len(jobs))]


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
) -> list[Outcome]:
    """``baocao batch``: plan, render with progress, summarize; raises :class:`InputsError`."""
    err = err or sys.stderr
    jobs = plan(inputs, out_dir)
    # A missing converter (LibreOffice): one message, before any work; PDFs through a
    # warm LibreOffice pool (baocao.converter) started here and shut down at the end.
    with session(outputs, err, warm=True, workers=workers) as steps:
        out_dir.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        with progress(len(jobs), out, err, quiet=quiet) as on_done:
            outcomes = run(jobs, workers=workers, template=template, outputs=steps, on_done=on_done)
    summarize(outcomes, time.perf_counter() - start, out, err, quiet=quiet)
    return outcomes
