"""A docxtpl template read, patched and compiled once, rendered many times.

``DocxTemplate.render`` re-reads the .docx, re-runs ``patch_xml``'s regexes and
re-compiles every Jinja part on each call: about three quarters of a render.  A
:class:`PreparedTemplate` does the reading and patching once and compiles each part
on first use, then drives docxtpl's own per-render steps (``render_xml_part`` with
its escaping fix-ups and ``resolve_listing``, ``fix_tables``, ``fix_docpr_ids``,
``map_tree``, ``render_properties``) on the cached sources.  It is an optimisation
of docxtpl, not a second engine: the output is byte-identical to a plain
``DocxTemplate`` render followed by :func:`~baocao.docx_package.normalize_package`
(tests/test_prepared.py checks it).

Compiled Jinja code is also kept in Jinja's own bytecode cache on disk (a private
directory of the user, checked by Jinja), so a second ``baocao render`` of the same
template in a new process skips compilation too; the patched sources are kept beside
it (:class:`_Store`: JSON headed by its SHA-256, keyed by the template's hash and the
preparing code), so that process skips ``patch_xml``'s regexes as well.  Set
``BAOCAO_NO_CACHE=1`` to turn both off.

The rendered body is not put back into the document's tree (lxml's move between
documents grows faster than the body): it is serialised on its own and written
between the template's serialised head and tail (:func:`_spliced_body`).

A large table's rows are not in that body at all while it is rendered: the body's filter
hands them to :func:`defer` and prints a marker in their place, and they are written
when the serialised body reaches the marker, a few hundred rows at a time
(:class:`_Deferred`), each batch passed through the same fix-ups, parse and
serialisation as the body around it.  So the whole body never exists at once — as one
string, its copies or one tree — and a render's memory no longer grows with the rows'
XML (about 45 kB a row), only with the report's own data.
"""

from __future__ import annotations

import base64
import contextvars
import copy
import hashlib
import io
import json
import os
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docxtpl
from docx.opc.oxml import serialize_part_xml
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docxtpl import DocxTemplate
from jinja2 import Environment, Template
from jinja2.bccache import BytecodeCache, FileSystemBytecodeCache
from lxml import etree

from baocao.docx_package import FIXED_ZIP_TIME

FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"

Chunks = Iterable[bytes | memoryview]
"""A part's content in pieces, written one after the other (no joined copy)."""

Stamp = Callable[[Any], None]
"""Sets the document's core properties (title, author, dates) after rendering."""


class _CompiledOnce:
    """What docxtpl calls ``jinja_env``: compiles each source once, then reuses it.

    docxtpl only calls ``from_string`` on the environment it is given; everything
    else about the template (filters, sandbox, autoescape) is the real environment's.
    """

    def __init__(self, env: Environment, cache: BytecodeCache | None) -> None:
        self.env = env
        self._cache = cache
        self._templates: dict[str, Template] = {}

    def from_string(self, source: str) -> Template:
        template = self._templates.get(source)
        if template is None:
            template = self._templates[source] = self._compile(source)
        return template

    def _compile(self, source: str) -> Template:
        if self._cache is None or len(source) < 256:
            return self.env.from_string(source)
        name = "baocao:" + hashlib.sha256(source.encode("utf-8")).hexdigest()
        bucket = self._cache.get_bucket(self.env, name, None, source)
        code = bucket.code
        if code is None:
            code = self.env.compile(source)
            bucket.code = code
            try:
                self._cache.set_bucket(bucket)
            except OSError:
                pass
        return self.env.template_class.from_code(self.env, code, self.env.make_globals(None), None)


def bytecode_cache() -> BytecodeCache | None:
    """Jinja's file cache in its private per-user directory, or None if disabled or unsafe."""
    if os.environ.get("BAOCAO_NO_CACHE"):
        return None
    try:
        return FileSystemBytecodeCache(pattern="__baocao_%s.cache")
    except (OSError, RuntimeError):
        return None


_LISTING_CHARACTERS = ("\t", "\a", "\n", "\f")
"""What docxtpl's ``resolve_listing`` rewrites (inside a paragraph's ``w:t``), and only that."""


class _Template(DocxTemplate):  # type: ignore[misc]
    """docxtpl's template with two of its per-render passes skipped when they would change
    nothing — the same result, but a large table no longer pays a regex per run and an
    ElementPath search per cell."""

    def resolve_listing(self, xml: str) -> str:
        """docxtpl's pass, unless no paragraph holds a tab, newline, bell or form feed (the
        body's filters write their own ``w:br``; a field's newline still needs it)."""
        start = xml.find("<w:p")
        if start < 0 or all(xml.find(char, start) < 0 for char in _LISTING_CHARACTERS):
            return xml
        result: str = super().resolve_listing(xml)
        return result

    def fix_tables(self, xml: str) -> Any:
        """docxtpl's pass (which adds or drops ``w:gridCol`` where a table's rows hold more or
        fewer cells than its grid), parsing only once when every table's grid fits already."""
        tree = etree.fromstring(xml, parser=etree.XMLParser(recover=True))
        w = "{" + tree.nsmap["w"] + "}"
        tc, tc_pr, span_tag = w + "tc", w + "tcPr", w + "gridSpan"
        for table in tree.iter(w + "tbl"):
            grid = table.find(w + "tblGrid")
            columns = len(grid.findall(w + "gridCol"))
            most_cells = most_spanned = 0
            for row in table.iter(w + "tr"):
                cells = spanned = 0
                for cell in row.iterchildren(tc):
                    cells += 1
                    props = next(cell.iterchildren(tc_pr), None)
                    span = None if props is None else next(props.iterchildren(span_tag), None)
                    spanned += 1 if span is None else int(span.get(w + "val"))
                most_cells, most_spanned = max(most_cells, cells), max(most_spanned, spanned)
            if most_cells > columns or most_spanned < columns:
                return super().fix_tables(xml)  # a grid to mend: docxtpl's own way
        return tree


class PreparedTemplate:
    """A template ready to render again and again in one process (not thread-safe)."""

    def __init__(self, template: bytes, env: Environment, *, cache: BytecodeCache | None = None) -> None:
        self._doc = doc = _Template(io.BytesIO(template))
        doc.init_docx()
        self._env = _CompiledOnce(env, cache)
        self._core_part = doc.docx.part.package._core_properties_part  # created if missing, as docxtpl does
        parts = [part for uri in (doc.HEADER_URI, doc.FOOTER_URI) for _, part in doc.get_headers_footers(uri)]
        store = _Store.of(cache)
        key = _key(template)
        sources = store.load(key) if store is not None else None
        if sources is None or sources.partnames != [str(part.partname) for part in parts]:
            sources = self._prepare(parts)
            if store is not None:
                store.save(key, sources)
        self._sources = sources
        self._body = sources.body
        self._frame = sources.frame
        self._parts = [
            (part, encoding, source) for part, (_, encoding, source) in zip(parts, sources.parts, strict=True)
        ]
        self._core_xml = sources.core_xml
        self._package = sources.package

    def _prepare(self, parts: list[Any]) -> _Sources:
        """What docxtpl redoes on every render, done once: the patched sources."""
        doc = self._doc
        body = doc.patch_xml(doc.get_xml())
        patched = []
        for part in parts:
            xml = doc.get_part_xml(part)
            patched.append((str(part.partname), doc.get_headers_footers_encoding(xml), doc.patch_xml(xml)))
        core_xml = serialize_part_xml(self._core_part._element)
        buffer = io.BytesIO()
        doc.docx.save(buffer)
        with zipfile.ZipFile(buffer) as package:
            entries = [(info.filename, package.read(info.filename)) for info in package.infolist()]
        return _Sources(body, patched, core_xml, entries, _document_frame(doc.docx.element))

    @staticmethod
    def supports(template: bytes) -> bool:
        """False for templates using what the prepared path does not replay (footnotes)."""
        with zipfile.ZipFile(io.BytesIO(template)) as package:
            types = package.read("[Content_Types].xml").decode("utf-8", "replace")
        return FOOTNOTES not in types

    def render(
        self,
        context: Mapping[str, Any],
        stamp: Stamp | None = None,
        *,
        finish: Callable[[Any], None] | None = None,
    ) -> bytes:
        """Render to normalized .docx bytes; docxtpl's exceptions pass through unchanged.
        ``finish`` mends the rendered body (as the engine does on the plain path)."""
        doc, env = self._doc, self._env
        context = dict(context)
        # DocxTemplate.render_init, without re-reading the document
        doc.pic_map = {}
        doc.current_rendering_part = None
        doc.docx_ids_index = 1000
        doc.is_saved = False
        # DocxTemplate.render, step by step, on the cached sources; the body's large
        # tables leave their rows to be written with the serialised body (_Deferred)
        deferred = _Deferred(doc)
        token = _DEFERRED.set(deferred)
        try:
            xml = doc.render_xml_part(self._body, doc.docx._part, context, env)
        finally:
            _DEFERRED.reset(token)
        tree = doc.fix_tables(xml)
        doc.fix_docpr_ids(tree)
        if finish is not None:
            finish(tree)
        # docxtpl's map_tree moves the new body into the document's tree; lxml's move
        # between documents grows faster than the body (2.2 s at 8,000 rows) and the
        # body's XML is all that is written.  So the body is serialised on its own and
        # spliced between the template's serialised head and tail, with the namespace
        # declarations the move would have dropped (those the root already makes)
        # dropped from its start tag: the same bytes, in linear time.
        del xml
        body = None if self._frame is None else _spliced_body(tree, self._frame[2])
        document: Chunks
        if self._frame is not None and body is not None:
            document = (self._frame[0], *body, self._frame[1])
        else:
            root = copy.deepcopy(self._doc.docx.element)  # the template's, never changed
            root.replace(root.find(qn("w:body")), tree)
            document = (serialize_part_xml(root),)
        del tree
        rendered: dict[str, bytes | Chunks] = {"word/document.xml": deferred.written_into(document)}
        for part, encoding, source in self._parts:
            xml = doc.render_xml_part(source, part, context, env)
            rendered[part.partname.membername] = serialize_part_xml(parse_xml(xml.encode(encoding)))
        self._core_part._element = parse_xml(self._core_xml)
        doc.render_properties(context, env)
        if stamp is not None:
            stamp(doc.docx.core_properties)
        rendered[self._core_part.partname.membername] = serialize_part_xml(self._core_part._element)
        return self._zip(rendered)

    def _zip(self, rendered: Mapping[str, bytes | Chunks]) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name, content in self._package:
                entry = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o644 << 16
                chunks = rendered.get(name, content)
                if isinstance(chunks, bytes):
                    target.writestr(entry, chunks)
                    continue
                # what writestr does, in pieces: no joined copy of a large body (its
                # size is unknown until written; the entry's header is rewritten then,
                # as writestr's is, so the bytes are the same below zip64's 2 GiB)
                with target.open(entry, "w") as stream:
                    for chunk in chunks:
                        stream.write(chunk)
        return out.getvalue()


_DEFERRED: contextvars.ContextVar[_Deferred | None] = contextvars.ContextVar("baocao_deferred", default=None)


def defer(pieces: Callable[[], Iterable[str]]) -> str | None:
    """Leave ``pieces`` — what writes a table's rows (``w:tr`` elements, as the body's
    filters write them) — to be called when the serialised body reaches the marker
    returned here, to be printed in their place (called again should a template print
    it twice).  None outside a prepared render's body: then the caller writes the rows
    inline.

    The rows must need nothing of what is done to the whole body but what is done to
    each batch of them here — docxtpl's fix-ups of the rendered text, the parse and the
    serialisation: they hold no drawing (``fix_docpr_ids``), fill exactly the table's
    grid (``fix_tables``) and have the grid's widths (``finish``), and the table keeps
    its header rows in the body.
    """
    deferred = _DEFERRED.get()
    return None if deferred is None else deferred.add(pieces)


class _Deferred:
    """The rows left by :func:`defer` in one render, and their markers."""

    BATCH = 256
    """Rows parsed and serialised at once: enough to amortise a parse, few enough to stay small."""

    _MARKER = re.compile(rb"<\?baocao-rows (\d+)\?>")

    def __init__(self, doc: _Template) -> None:
        self._doc = doc
        self._pieces: list[Callable[[], Iterable[str]]] = []

    def add(self, pieces: Callable[[], Iterable[str]]) -> str:
        self._pieces.append(pieces)
        # a processing instruction: data cannot print one (its "<" is escaped), lxml
        # keeps it, and docxtpl's passes and baocao's finish step ignore it
        return f"<?baocao-rows {len(self._pieces) - 1}?>"

    def written_into(self, chunks: Chunks) -> Chunks:
        """The serialised document with each marker replaced by its rows."""
        if not self._pieces:
            return chunks
        return self._expanded(chunks)

    def _expanded(self, chunks: Chunks) -> Iterator[bytes | memoryview]:
        for chunk in chunks:
            view = memoryview(chunk)
            start = 0
            for found in self._MARKER.finditer(chunk):
                yield view[start : found.start()]
                yield from self._rows(int(found.group(1)))
                start = found.end()
            yield view[start:]

    def _rows(self, index: int) -> Iterator[bytes]:
        batch: list[str] = []
        for piece in self._pieces[index]():
            batch.append(piece)
            if len(batch) == self.BATCH:
                yield self._serialised(batch)
                batch = []
        if batch:
            yield self._serialised(batch)

    def _serialised(self, rows: list[str]) -> bytes:
        """The rows as they are serialised inside the document: docxtpl's fix-ups of a
        rendered part (``render_xml_part``, ``resolve_listing``; each acts within one
        paragraph, so on a batch of rows as on the whole body), then lxml's parse and
        serialisation under an element declaring ``w`` as the document's root does."""
        doc = self._doc
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", "".join(rows))
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        xml = doc.resolve_listing(xml)
        holder = etree.fromstring(f'<w:tbl xmlns:w="{_W_NS}">{xml}</w:tbl>', _ROWS_PARSER)
        serialised: bytes = etree.tostring(holder, encoding="UTF-8")
        head = serialised.index(b">") + 1
        if not serialised.endswith(b"</w:tbl>") or serialised[:head].count(b"xmlns") != 1:
            raise ValueError("deferred table rows: not a sequence of w:tr elements")
        return serialised[head : -len(b"</w:tbl>")]


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_ROWS_PARSER = etree.XMLParser(resolve_entities=False)
"""docxtpl's ``fix_tables`` parses the body with ``recover=True``; the rows, which baocao's
filters write (escaped), are parsed strictly: a broken row is an error, not repaired in silence."""


@dataclass(frozen=True)
class _Sources:
    """A template's prepared sources: all a render needs besides the opened document."""

    body: str
    parts: list[tuple[str, str, str]]
    """Each header and footer: part name, encoding, patched source."""
    core_xml: bytes
    package: list[tuple[str, bytes]]
    frame: tuple[bytes, bytes, dict[bytes, bytes]] | None

    @property
    def partnames(self) -> list[str]:
        return [name for name, _, _ in self.parts]

    def to_json(self) -> bytes:
        def b64(data: bytes) -> str:
            return base64.b64encode(data).decode("ascii")

        frame = None if self.frame is None else [
            b64(self.frame[0]), b64(self.frame[1]), {b64(k): b64(v) for k, v in self.frame[2].items()}]
        return json.dumps({
            "body": self.body, "parts": self.parts, "core_xml": b64(self.core_xml),
            "package": [[name, b64(data)] for name, data in self.package], "frame": frame,
        }, ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_json(cls, text: bytes) -> _Sources:
        """The sources :meth:`to_json` wrote; ValueError/TypeError/KeyError on anything else."""
        data = json.loads(text)
        b64 = base64.b64decode
        frame = data["frame"]
        sources = cls(
            body=_str(data["body"]),
            parts=[(_str(name), _str(encoding), _str(source)) for name, encoding, source in data["parts"]],
            core_xml=b64(_str(data["core_xml"]), validate=True),
            package=[(_str(name), b64(_str(content), validate=True)) for name, content in data["package"]],
            frame=None if frame is None else (
                b64(_str(frame[0]), validate=True), b64(_str(frame[1]), validate=True),
                {b64(_str(k), validate=True): b64(_str(v), validate=True) for k, v in frame[2].items()}),
        )
        return sources


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, not {type(value).__name__}")
    return value


def _key(template: bytes) -> str:
    """The template's hash and what prepares it: this module's source and docxtpl's
    version (a change of either is a new key, so an old entry is never read)."""
    digest = hashlib.sha256(template)
    digest.update(b"\0" + _CODE_HASH.encode("ascii") + b"\0" + str(docxtpl.__version__).encode("ascii"))
    return digest.hexdigest()


_CODE_HASH = hashlib.sha256(Path(__file__).read_bytes()).hexdigest() if Path(__file__).is_file() else ""


class _Store:
    """Prepared sources on disk, beside Jinja's bytecode in its private per-user
    directory (created 0700 and checked by Jinja).  An entry is JSON — data, never code:
    nothing read here is unpickled or executed — headed by the SHA-256 of its content,
    checked on every read; a damaged, truncated or foreign entry is ignored and rewritten.
    """

    def __init__(self, directory: str) -> None:
        self._directory = directory

    @classmethod
    def of(cls, cache: BytecodeCache | None) -> _Store | None:
        directory = getattr(cache, "directory", None) if isinstance(cache, FileSystemBytecodeCache) else None
        return cls(directory) if isinstance(directory, str) else None

    def path(self, key: str) -> str:
        return os.path.join(self._directory, f"__baocao_prepared_{key}.json")

    def load(self, key: str) -> _Sources | None:
        try:
            with open(self.path(key), "rb") as stream:
                head, _, content = stream.read().partition(b"\n")
            if head.decode("ascii") != hashlib.sha256(content).hexdigest():
                return None
            return _Sources.from_json(content)
        except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
            return None

    def save(self, key: str, sources: _Sources) -> None:
        content = sources.to_json()
        try:
            handle, temporary = tempfile.mkstemp(dir=self._directory, prefix=".__baocao_prepared_")
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(hashlib.sha256(content).hexdigest().encode("ascii") + b"\n" + content)
                os.replace(temporary, self.path(key))
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError:
            pass  # a cache that cannot be written is only slower


_BODY_MARK = b"<w:body/>"
_START_TAG = re.compile(rb'<w:body((?:\s+xmlns(?::[\w.-]+)?="[^"<>]*")*)\s*(/?>)')
_NS_DECLARATION = re.compile(rb'\s+xmlns(?::([\w.-]+))?="([^"<>]*)"')


def _document_frame(root: Any) -> tuple[bytes, bytes, dict[bytes, bytes]] | None:
    """The template's document part serialised around an empty body (head, tail) and
    the namespaces its root declares (prefix → URI, escaped as serialised); None when
    the part does not have the expected shape (then the body is moved, not spliced)."""
    skeleton = copy.deepcopy(root)
    body = skeleton.find(qn("w:body"))
    if body is None or root.prefix != "w" or body.prefix != "w":
        return None
    skeleton.replace(body, etree.Element(qn("w:body"), nsmap={"w": body.nsmap["w"]}))
    serialised = serialize_part_xml(skeleton)
    if serialised.count(_BODY_MARK) != 1:
        return None
    head, tail = serialised.split(_BODY_MARK)
    declared = etree.tostring(etree.Element("x", nsmap=root.nsmap))
    namespaces = {(m.group(1) or b""): m.group(2) for m in _NS_DECLARATION.finditer(declared)}
    return head, tail, namespaces


def _spliced_body(tree: Any, namespaces: Mapping[bytes, bytes]) -> Chunks | None:
    """The rendered body serialised as it is inside the document: the declarations of
    its start tag the document's root already makes are left out (as lxml does when it
    moves a subtree into a document); None if the start tag is not the expected one."""
    if tree.tag != qn("w:body") or tree.prefix != "w" or tree.tail:
        return None
    serialised = etree.tostring(tree, encoding="UTF-8")
    start = _START_TAG.match(serialised)
    if start is None:
        return None
    kept = [
        m.group(0)
        for m in _NS_DECLARATION.finditer(start.group(1))
        if namespaces.get(m.group(1) or b"") != m.group(2)
    ]
    return b"".join((b"<w:body", *kept, start.group(2))), memoryview(serialised)[start.end() :]
