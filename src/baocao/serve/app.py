"""The web application (Starlette): the page, its static files, and a small JSON API.

Routes (all under the one origin the server was started on)::

    GET  /                        the page
    GET  /static/…                the page's script and styles, the form library
    GET  /api/loai                registered report types (plugins included)
    GET  /api/loai/{loai}/schema  the form's schema (:mod:`baocao.serve.forms`)
    GET  /api/loai/{loai}/mau     a blank start, or ?vi_du=… an example shipped in the package
    GET  /api/tep                 data files in the chosen folder
    GET  /api/tep/{ten}           one of them, as the form's value
    POST /api/kiem-tra            the findings ``baocao validate`` prints for the form's value
    POST /api/yaml                the value as the data file (download)
    POST /api/luu                 save that data file into the chosen folder
    POST /api/docx | /api/pdf     the rendered report (refused while an error stands)
    POST /api/bang                rows of the appendix table from an uploaded .xlsx/.csv

Safe by default: the ``Host`` header must name the server (no DNS rebinding), a
request from a page of another origin is refused (``Origin``/``Sec-Fetch-Site``),
every POST carries the page's own header (a cross-origin form cannot set it),
bodies are size-limited, and files are read and written only in the chosen folder.
The report is always rendered with its type's built-in template.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Awaitable, Callable
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from baocao.errors import BaocaoError, DataError
from baocao.loading import LoadedData
from baocao.registry import Registry, default_registry
from baocao.serve.data import Checked, Folder, FolderError, check_data, finding_json, read_data, render_docx
from baocao.serve.forms import form_schema

MAX_JSON_BYTES = 2 * 1024 * 1024
"""The largest form value accepted (a data file is at most 1 MB as YAML)."""
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
"""The largest spreadsheet accepted for the appendix table."""
CLIENT_HEADER = "x-baocao"
"""Sent by the page with every POST: a page of another origin cannot send it
without a CORS preflight, which this server never grants."""

EXAMPLES = "examples"
"""Example data shipped in the package (``baocao/serve/examples/*.yaml``)."""

_STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
                 ".html": "text/html; charset=utf-8", ".png": "image/png", ".svg": "image/svg+xml"}


def _package_file(*parts: str) -> bytes | None:
    node = resources.files("baocao.serve")
    for part in parts:
        node = node.joinpath(part)
    try:
        return node.read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def example_names() -> dict[str, str]:
    """Shipped examples: file name → its ``loai``."""
    found: dict[str, str] = {}
    folder = resources.files("baocao.serve").joinpath(EXAMPLES)
    if not folder.is_dir():
        return found
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            for line in entry.read_text(encoding="utf-8").splitlines():
                if line.startswith("loai:"):
                    found[entry.name] = line.removeprefix("loai:").strip()
                    break
    return found


class Guard:
    """ASGI middleware: the Host and Origin checks, and the POST header."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str], any_address: bool = False) -> None:
        self.app = app
        self.hosts = hosts
        self.any_address = any_address
        """Bound to every interface (``--host 0.0.0.0``): any IP address is a name of
        this server (a DNS name still is not, against DNS rebinding)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        problem = self.refusal(scope["method"], headers)
        if problem is not None:
            await PlainTextResponse(problem, status_code=403)(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def refusal(self, method: str, headers: dict[str, str]) -> str | None:
        host = headers.get("host", "")
        if host not in self.hosts and not (self.any_address and _is_address(host)):
            return f"từ chối: máy chủ «{host}» không phải địa chỉ của baocao serve"
        origin = headers.get("origin")
        if origin is not None and origin != f"http://{host}":
            return f"từ chối: yêu cầu từ trang khác ({origin})"
        if headers.get("sec-fetch-site") == "cross-site":
            return "từ chối: yêu cầu từ trang khác"
        if method not in ("GET", "HEAD") and headers.get(CLIENT_HEADER) != "1":
            return "từ chối: yêu cầu không đến từ trang baocao serve"
        return None


def _is_address(host: str) -> bool:
    """Whether a Host header (``name:port``) names an IP address, not a DNS name."""
    import ipaddress

    name = host[1:].partition("]")[0] if host.startswith("[") else host.rpartition(":")[0] or host
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _TooLarge(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _TooLarge(limit)
        chunks.append(chunk)
    return b"".join(chunks)


class _TooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"dữ liệu gửi lên vượt giới hạn {limit // (1024 * 1024)} MB")


def _error(message: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"loi": message}, status_code=status)


Handler = Callable[[Request], Awaitable[Response]]


def create_app(folder: str | Path, *, host: str = "127.0.0.1", port: int = 8000,
               registry: Registry | None = None, today: Callable[[], dt.date] = dt.date.today) -> Starlette:
    """The application serving ``folder`` (the only place files are read or written)."""
    work = Folder.of(folder)
    types = registry or default_registry()
    names = {host, "127.0.0.1", "localhost"}
    hosts = frozenset({f"{name}:{port}" for name in names} | ({"localhost"} if port == 80 else set()))

    async def page(request: Request) -> Response:
        return _static_response("index.html")

    async def static(request: Request) -> Response:
        return _static_response(request.path_params["name"])

    async def report_types(request: Request) -> Response:
        examples = example_names()
        return JSONResponse([
            {"ten": t.name, "tieu_de": t.title, "goi": t.package,
             "vi_du": [name for name, loai in examples.items() if loai == t.name]}
            for t in types
        ])

    def _type(request: Request) -> Any:
        name = request.path_params["loai"]
        if name not in types:
            return None
        return types.get(name)

    async def schema(request: Request) -> Response:
        report_type = _type(request)
        if report_type is None:
            return _error("không có loại báo cáo này", 404)
        return JSONResponse(form_schema(report_type))

    async def start(request: Request) -> Response:
        report_type = _type(request)
        if report_type is None:
            return _error("không có loại báo cáo này", 404)
        example = request.query_params.get("vi_du")
        if not example:
            return JSONResponse({"loai": report_type.name})
        if example_names().get(example) != report_type.name:
            return _error(f"không có ví dụ «{example}» cho loại này", 404)
        source = _package_file(EXAMPLES, example)
        assert source is not None
        with tempfile.TemporaryDirectory(prefix="baocao-serve-") as scratch:
            path = Path(scratch) / example
            path.write_bytes(source)
            return JSONResponse(read_data(path))

    async def files(request: Request) -> Response:
        return JSONResponse({"thu_muc": str(work.root), "tep": work.files()})

    async def open_file(request: Request) -> Response:
        try:
            path = work.path(request.path_params["ten"])
        except FolderError as error:
            return _error(str(error), 403)
        if not path.is_file():
            return _error(f"không có tệp «{request.path_params['ten']}»", 404)
        try:
            return JSONResponse(read_data(path))
        except DataError as error:
            return JSONResponse({"loi": "tệp không đọc được",
                                 "phat_hien": [finding_json(f) for f in error.findings]}, status_code=422)

    async def _checked(request: Request) -> Checked | Response:
        return (await _checked_body(request))[0]

    async def _checked_body(request: Request) -> tuple[Checked | Response, dict[str, Any]]:
        try:
            body = json.loads(await _body(request, MAX_JSON_BYTES))
        except _TooLarge as error:
            return _error(str(error), 413), {}
        except ValueError:
            return _error("dữ liệu gửi lên không phải JSON"), {}
        data = body.get("du_lieu") if isinstance(body, dict) else None
        if not isinstance(data, dict):
            return _error("thiếu «du_lieu»"), {}
        return check_data(data, work, registry=types, today=today()), body

    def _findings(checked: Checked) -> dict[str, Any]:
        return {"loi": checked.errors, "phat_hien": [finding_json(f) for f in checked.findings]}

    async def validate(request: Request) -> Response:
        checked = await _checked(request)
        if isinstance(checked, Response):
            return checked
        return JSONResponse(_findings(checked))

    async def as_yaml(request: Request) -> Response:
        checked = await _checked(request)
        if isinstance(checked, Response):
            return checked
        return Response(checked.text, media_type="application/yaml; charset=utf-8",
                        headers=_attachment("bao-cao.yaml"))

    async def save(request: Request) -> Response:
        checked, body = await _checked_body(request)
        if isinstance(checked, Response):
            return checked
        try:
            path = work.path(str(body.get("ten", "")))
        except FolderError as error:
            return _error(str(error), 403)
        from baocao.docx_package import write_atomic

        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, checked.text.encode("utf-8"))
        return JSONResponse({"da_luu": path.relative_to(work.root).as_posix(), **_findings(checked)})

    async def _renderable(request: Request) -> Checked | Response:
        """The form's data checked, or the response refusing it (an error stands)."""
        checked = await _checked(request)
        if isinstance(checked, Response):
            return checked
        if checked.report is None:
            return JSONResponse(_findings(checked), status_code=422)
        return checked

    async def docx(request: Request) -> Response:
        checked = await _renderable(request)
        if isinstance(checked, Response):
            return checked
        try:
            document = render_docx(checked, registry=types)
        except BaocaoError as error:
            return _error(str(error), 422)
        return Response(document, media_type=_DOCX, headers=_attachment("bao-cao.docx"))

    async def pdf(request: Request) -> Response:
        checked = await _renderable(request)
        if isinstance(checked, Response):
            return checked
        from baocao.outputs import PDF

        try:
            PDF.prepare()
            document = render_docx(checked, registry=types)
            with tempfile.TemporaryDirectory(prefix="baocao-serve-pdf-") as scratch:
                written = PDF.write(document, Path(scratch) / "bao-cao.docx")
                data = written.read_bytes()
        except BaocaoError as error:
            return _error(str(error), 503)
        inline = request.query_params.get("xem") == "1"
        return Response(data, media_type="application/pdf",
                        headers={} if inline else _attachment("bao-cao.pdf"))

    async def table(request: Request) -> Response:
        report_type = types.get(request.query_params.get("loai", "")) \
            if request.query_params.get("loai", "") in types else None
        if report_type is None or report_type.prepare is None:
            return _error("loại báo cáo này không đọc biểu từ bảng tính", 404)
        name = Path(request.query_params.get("ten", "")).name
        if not name.lower().endswith((".xlsx", ".csv")):
            return _error("chỉ nhận tệp .xlsx hoặc .csv")
        try:
            content = await _body(request, MAX_UPLOAD_BYTES)
        except _TooLarge as error:
            return _error(str(error), 413)
        year = request.query_params.get("nam", "")
        with tempfile.TemporaryDirectory(prefix="baocao-serve-bang-") as scratch:
            (Path(scratch) / name).write_bytes(content)
            failure: DataError | None = None
            for sheet in _sheets(Path(scratch) / name, request.query_params.get("trang")):
                bieu: dict[str, Any] = {"tep": name} if sheet is None else {"tep": name, "trang": sheet}
                loaded = LoadedData({"loai": report_type.name, "nam": int(year) if year.isdigit() else None,
                                     "bieu_tong_hop": bieu}, str(Path(scratch) / "du-lieu.yaml"))
                try:
                    report_type.prepare(loaded, Path(scratch))
                except DataError as error:
                    failure = failure or error
                    continue
                rows = loaded.data["bieu_tong_hop"].get("dong", [])
                return JSONResponse({"dong": rows, "trang": sheet,
                                     "phat_hien": [finding_json(f) for f in loaded.findings]})
        findings = failure.findings if failure is not None else []
        return JSONResponse({"loi": "bảng tính có lỗi", "phat_hien": [
            {**finding_json(f), "text": str(f).replace(scratch + "/", "")} for f in findings
        ]}, status_code=422)

    routes = [
        Route("/", page),
        Route("/static/{name}", static),
        Route("/api/loai", report_types),
        Route("/api/loai/{loai}/schema", schema),
        Route("/api/loai/{loai}/mau", start),
        Route("/api/tep", files),
        Route("/api/tep/{ten:path}", open_file),
        Route("/api/kiem-tra", validate, methods=["POST"]),
        Route("/api/yaml", as_yaml, methods=["POST"]),
        Route("/api/luu", save, methods=["POST"]),
        Route("/api/docx", docx, methods=["POST"]),
        Route("/api/pdf", pdf, methods=["POST"]),
        Route("/api/bang", table, methods=["POST"]),
    ]
    wildcard = host in ("0.0.0.0", "::")
    return Starlette(routes=routes, middleware=[Middleware(Guard, hosts=hosts, any_address=wildcard)])


def _sheets(path: Path, chosen: str | None) -> list[str | None]:
    """The sheets to try for the table: the one named, else each sheet of a workbook in turn."""
    if chosen or path.suffix.lower() != ".xlsx":
        return [chosen or None]
    try:
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True)
        try:
            return [str(name) for name in book.sheetnames] or [None]
        finally:
            book.close()
    except Exception:  # not a workbook: let the reader say so
        return [None]


_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _attachment(name: str) -> dict[str, str]:
    return {"content-disposition": f'attachment; filename="{name}"'}


def _static_response(name: str) -> Response:
    if "/" in name or name.startswith("."):
        return PlainTextResponse("không có", status_code=404)
    headers = {"cache-control": "no-cache", "x-content-type-options": "nosniff"}
    if name.endswith(".js"):
        packed = _package_file("static", name + ".gz")
        if packed is not None:  # the form library, vendored compressed
            return Response(packed, media_type=_STATIC_TYPES[".js"],
                            headers={**headers, "content-encoding": "gzip"})
    data = _package_file("static", name)
    if data is None:
        return PlainTextResponse("không có", status_code=404)
    media = _STATIC_TYPES.get(Path(name).suffix, "application/octet-stream")
    if name == "index.html":
        headers["content-security-policy"] = (
            "default-src 'self'; img-src 'self' data: blob:; frame-src 'self' blob:; "
            "object-src 'self' blob:; style-src 'self' 'unsafe-inline'; script-src 'self'")
    return Response(data, media_type=media, headers=headers)
