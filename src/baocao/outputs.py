"""What a rendered report becomes: a list of output steps, not flags.

The pipeline is load → check (the report, its type, its findings) → render (the
.docx bytes) → outputs.  Each output is one :class:`Output` step: it gets the
rendered bytes and the .docx path the user chose, writes its file next to it and
returns that file's path.  The command line and ``batch`` compose the list
(``[DOCX]``, ``[DOCX, PDF]``); a new format (metadata, an archive copy) is one more
step, not one more flag threaded through them.

Before any work, :func:`prepare` runs every step's ``prepare`` (the PDF step looks
for LibreOffice there), so a missing tool is one message and no file written.

>>> [step.suffix for step in (DOCX, PDF)]
['.docx', '.pdf']
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from baocao.docx_package import write_atomic


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
    """A PDF beside ``target`` (same name, ``.pdf``), converted by LibreOffice
    headless (:mod:`baocao.pdf`).  It converts its own temporary copy of the
    .docx, so it needs no other step before it."""

    suffix: str = ".pdf"

    def prepare(self) -> None:
        from baocao.pdf import find_soffice

        find_soffice()

    def write(self, document: bytes, target: Path) -> Path:
        from baocao.pdf import convert_to_pdf

        with tempfile.TemporaryDirectory(prefix=".baocao-docx-") as folder:
            source = Path(folder) / f"{target.stem}.docx"
            source.write_bytes(document)
            return convert_to_pdf(source, target.with_suffix(self.suffix))


DOCX = DocxOutput()
PDF = PdfOutput()


def prepare(outputs: Sequence[Output]) -> None:
    """Every step's check, before any work."""
    for output in outputs:
        output.prepare()
