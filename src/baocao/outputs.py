"""What a rendered report becomes: a list of output steps, not flags.

The pipeline is load → check (the report, its type, its findings) → render (the
.docx bytes) → outputs.  Each output is one :class:`Output` step: it gets the
rendered bytes and the .docx path the user chose, writes its file next to it and
returns that file's path.  The command line and ``batch`` compose the list
(``[DOCX]``, ``[DOCX, PDF]``); a new format (metadata, an archive copy) is one more
step, not one more flag threaded through them.

Before any work, :func:`prepare` runs every step's ``prepare`` (the PDF step looks
for LibreOffice there), so a missing tool is one message and no file written.
:func:`session` wraps a run: it prepares, prints the steps' warnings (Times New Roman
missing), and gives the PDF steps a warm converter (:mod:`baocao.converter`) — one
already running, or for a batch a pool it starts and shuts down at the end.

>>> [step.suffix for step in (DOCX, PDF, PDF_A, META)]
['.docx', '.pdf', '.pdf', '.json']
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TextIO, runtime_checkable

from baocao.docx_package import write_atomic

if TYPE_CHECKING:
    from baocao.converter import Server, WarmPool
    from baocao.frame.model import VanBanHanhChinh


class Output(Protocol):
    """One output format of a rendered report."""

    @property
    def suffix(self) -> str:
        """The file suffix it writes, e.g. ``.pdf``."""
        ...

    def prepare(self) -> None:
        """Raise :class:`baocao.errors.OutputError` if this step cannot run (a
        missing converter); called before anything is rendered or written."""
        ...

    def write(self, document: bytes, target: Path) -> Path:
        """Write ``document`` (the .docx bytes) as this format beside ``target``
        (the .docx path); return the path written.  Atomic: a failure leaves any
        existing file as it was."""
        ...


@runtime_checkable
class ReportOutput(Protocol):
    """A step that also needs the validated report (the metadata record):
    :func:`write` calls its ``write_report`` instead of ``write``."""

    def write_report(self, document: bytes, target: Path, report: VanBanHanhChinh) -> Path:
        ...


@dataclass(frozen=True)
class DocxOutput:
    """The .docx itself, written atomically at ``target``."""

    suffix: str = ".docx"

    def prepare(self) -> None:
        return None

    def write(self, document: bytes, target: Path) -> Path:
        write_atomic(target, document)
        return target


@dataclass(frozen=True)
class PdfOutput:
    """A PDF beside ``target`` (same name, ``.pdf``), converted by LibreOffice: through
    ``converter`` when the run has a warm one, else one LibreOffice started for it
    (:func:`baocao.pdf.convert_to_pdf`).  ``pdf_a``: PDF/A-2b.  ``phu_luc_rieng``: the
    document up to the signature in ``.pdf`` and each appendix in its own PDF with its
    own page numbers (``.phu-luc.pdf``, or ``.phu-luc-1.pdf``, ``-2`` … when there are
    several; :mod:`baocao.sections`).  It converts the .docx bytes it is given, so it
    needs no other step before it."""

    suffix: str = ".pdf"
    pdf_a: bool = False
    phu_luc_rieng: bool = False
    converter: WarmPool | Server | None = None

    def prepare(self) -> None:
        from baocao.pdf import find_soffice

        if self.converter is None:
            find_soffice()

    def warnings(self) -> list[str]:
        from baocao.pdf import font_warning

        warning = font_warning()
        return [warning] if warning else []

    def write(self, document: bytes, target: Path) -> Path:
        pdf = target.with_suffix(self.suffix)
        if not self.phu_luc_rieng:
            return self._convert(document, pdf)
        from baocao.sections import split_sections

        main, *appendices = split_sections(document)
        for number, appendix in enumerate(appendices, start=1):
            label = "phu-luc" if len(appendices) == 1 else f"phu-luc-{number}"
            self._convert(appendix, pdf.with_name(f"{pdf.stem}.{label}{self.suffix}"))
        return self._convert(main, pdf)

    def _convert(self, document: bytes, pdf: Path) -> Path:
        if self.converter is not None:
            return self.converter.convert(document, pdf, pdf_a=self.pdf_a)
        from baocao.pdf import convert_to_pdf

        with tempfile.TemporaryDirectory(prefix=".baocao-docx-") as folder:
            source = Path(folder) / f"{pdf.stem}.docx"
            source.write_bytes(document)
            return convert_to_pdf(source, pdf, pdf_a=self.pdf_a)


@dataclass(frozen=True)
class MetaOutput:
    """The e-office record (ND30 Phụ lục VI fields, :mod:`baocao.metadata`) as JSON beside
    ``target``; the page count is read from the PDF a step before it wrote."""

    suffix: str = ".json"

    def prepare(self) -> None:
        return None

    def write(self, document: bytes, target: Path) -> Path:
        from baocao.errors import OutputError

        raise OutputError(f"{target}: cần dữ liệu báo cáo để ghi siêu dữ liệu")

    def write_report(self, document: bytes, target: Path, report: VanBanHanhChinh) -> Path:
        from baocao.metadata import metadata_json, page_count

        pdf = target.with_suffix(".pdf")
        pages = page_count(pdf) if pdf.is_file() else None
        path = target.with_suffix(self.suffix)
        write_atomic(path, metadata_json(report, page_amount=pages))
        return path


DOCX = DocxOutput()
PDF = PdfOutput()
PDF_A = PdfOutput(pdf_a=True)
META = MetaOutput()


def write(outputs: Sequence[Output], document: bytes, target: Path,
          report: VanBanHanhChinh) -> Iterator[Path]:
    """Run each step in order on ``document`` (rendered from ``report``); yield each path written."""
    for step in outputs:
        if isinstance(step, ReportOutput):
            yield step.write_report(document, target, report)
        else:
            yield step.write(document, target)


def prepare(outputs: Sequence[Output]) -> None:
    """Every step's check, before any work."""
    for output in outputs:
        output.prepare()


@contextmanager
def session(outputs: Sequence[Output], err: TextIO, *, warm: bool = False,
            workers: int | None = None) -> Iterator[list[Output]]:
    """Prepare ``outputs`` and yield them ready to run: each PDF step gets the warm
    converter already running (``$BAOCAO_UNOSERVER``, unoserver's default port) or,
    when ``warm`` (a batch), a pool of ``workers`` LibreOffice processes started now
    and shut down when the block ends.  Without ``uno`` or unoserver (or with
    ``BAOCAO_PDF_WARM=0``) the PDF steps start one LibreOffice per file, as before."""
    prepare(outputs)
    pdf_steps = [step for step in outputs if isinstance(step, PdfOutput) and step.converter is None]
    if not pdf_steps:
        yield list(outputs)
        return
    for warning in dict.fromkeys(w for step in pdf_steps for w in step.warnings()):
        print(warning, file=err)
    from baocao.converter import WarmPool, running_server

    converter: WarmPool | Server | None = running_server()
    pool = None
    if converter is None and warm and os.environ.get("BAOCAO_PDF_WARM") != "0":
        pool = converter = WarmPool.create(workers)
        if pool is None:
            print("baocao: lưu ý: không có unoserver và python3-uno, mỗi PDF mở LibreOffice một lần "
                  "(chậm); cài: pip install 'baocao[pdf]' và sudo apt-get install python3-uno", file=err)
        else:
            pool.start()
    try:
        yield [replace(step, converter=converter) if isinstance(step, PdfOutput) and step.converter is None
               else step for step in outputs]
    finally:
        if pool is not None:
            pool.close()
