"""baocao serve without a browser: the API, its guards, the form's schema, the CLI door."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from baocao.api import load, render
from baocao.registry import default_registry
from baocao.schema import report_schema
from baocao.serve.data import Folder, FolderError, to_yaml
from baocao.serve.forms import form_schema
from baocao.serve.run import running

EXAMPLES = Path(__file__).parent.parent / "examples"
SEED = EXAMPLES / "bac-kan-2023.yaml"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("thu-muc")
    shutil.copy(SEED, root / "bac-kan-2023.yaml")
    (root / "con").mkdir()
    shutil.copy(EXAMPLES / "ke-hoach-210-2023.yaml", root / "con" / "ke-hoach.yaml")
    (root.parent / "ngoai.yaml").write_text("loai: bao-cao\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def url(folder: Path) -> Iterator[str]:
    with running(folder) as address:
        yield address


def call(url: str, path: str, body: Any = None, *, headers: dict[str, str] | None = None,
         raw: bytes | None = None) -> tuple[int, bytes, dict[str, str]]:
    sent = {"X-Baocao": "1", "Content-Type": "application/json"} if body is not None or raw else {}
    sent.update(headers or {})
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(url.rstrip("/") + path, data=data, headers=sent)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def seed_value(url: str) -> dict[str, Any]:
    status, body, _ = call(url, "/api/tep/bac-kan-2023.yaml")
    assert status == 200
    value: dict[str, Any] = json.loads(body)
    return value


def test_every_registered_type_is_offered_with_its_examples(url: str) -> None:
    _status, body, _ = call(url, "/api/loai")
    offered = {t["ten"]: t for t in json.loads(body)}
    assert set(offered) == {t.name for t in default_registry()}
    assert offered["ra-soat-ho-ngheo"]["vi_du"] == ["bac-kan-2023.yaml"]


def test_shipped_example_is_the_one_in_examples(url: str) -> None:
    status, body, _ = call(url, "/api/loai/ra-soat-ho-ngheo/mau?vi_du=bac-kan-2023.yaml")
    assert status == 200
    assert json.loads(body) == seed_value(url)


def test_the_findings_are_the_clis_at_their_field(url: str) -> None:
    value = seed_value(url)
    value["ket_qua"]["ho_ngheo"]["so_ho"] = 243
    _status, body, _ = call(url, "/api/kiem-tra", {"du_lieu": value})
    result = json.loads(body)
    assert result["loi"] == 1
    [finding] = result["phat_hien"]
    assert (finding["path"], finding["code"], finding["severity"]) == (
        "ket_qua.ho_ngheo.so_ho", "khong-khop-bieu", "error")
    assert "tổng các đơn vị trong biểu tổng hợp là 242" in finding["message"]


def test_nothing_is_rendered_while_an_error_stands(url: str) -> None:
    value = seed_value(url)
    value["ket_qua"]["tong_so_ho"] = 1
    for route in ("/api/docx", "/api/pdf"):
        status, body, _ = call(url, route, {"du_lieu": value})
        assert status == 422
        assert json.loads(body)["loi"] >= 1


def test_open_save_render_gives_the_same_docx(url: str, folder: Path, tmp_path: Path) -> None:
    status, body, _ = call(url, "/api/luu", {"ten": "luu/ban-sao.yaml", "du_lieu": seed_value(url)})
    assert status == 200, body
    saved = folder / "luu" / "ban-sao.yaml"
    out = tmp_path / "ban-sao.docx"
    subprocess.run([sys.executable, "-m", "baocao", "render", str(saved), "-o", str(out), "-q"],
                   check=True)
    assert out.read_bytes() == render(load(SEED))
    status, document, _headers = call(url, "/api/docx", {"du_lieu": seed_value(url)})
    assert status == 200 and document == out.read_bytes()


def test_yaml_download_reads_back_as_the_same_data(url: str) -> None:
    status, text, headers = call(url, "/api/yaml", {"du_lieu": seed_value(url)})
    assert status == 200 and "attachment" in headers["content-disposition"]
    assert text.decode().startswith("# Tệp dữ liệu baocao")


@pytest.mark.parametrize("name", ["../ngoai.yaml", "/etc/passwd.yaml", "con/../../ngoai.yaml",
                                  ".an.yaml", "bac-kan-2023.docx"])
def test_no_path_outside_the_folder(url: str, folder: Path, name: str) -> None:
    with pytest.raises(FolderError):
        Folder.of(folder).path(name)
    status, _, _ = call(url, "/api/luu", {"ten": name, "du_lieu": seed_value(url)})
    assert status in (403, 404)
    assert not (folder.parent / "ngoai.yaml").read_text(encoding="utf-8").startswith("#")


def test_files_listed_are_those_in_the_folder(url: str) -> None:
    files = json.loads(call(url, "/api/tep")[1])["tep"]
    assert "bac-kan-2023.yaml" in files and "con/ke-hoach.yaml" in files
    assert not any(".." in name for name in files)


@pytest.mark.parametrize(("headers", "why"), [
    ({"Host": "evil.example:80"}, "máy chủ"),
    ({"Origin": "http://evil.example"}, "trang khác"),
    ({"Sec-Fetch-Site": "cross-site"}, "trang khác"),
    ({"X-Baocao": "0"}, "không đến từ trang"),
])
def test_requests_from_elsewhere_are_refused(url: str, headers: dict[str, str], why: str) -> None:
    status, body, _ = call(url, "/api/kiem-tra", {"du_lieu": {"loai": "bao-cao"}}, headers=headers)
    assert status == 403 and why in body.decode()


def test_the_page_itself_is_same_origin_only(url: str) -> None:
    status, body, headers = call(url, "/")
    assert status == 200 and "script-src 'self'" in headers["content-security-policy"]
    assert b"/static/jsoneditor.js" in body and b"http" not in body.split(b"<body>")[0]


def declared_too_large(url: str, path: str, size: int) -> int:
    """The status for a body declared ``size`` bytes long (none of it sent)."""
    import http.client
    from urllib.parse import urlsplit

    where = urlsplit(url)
    connection = http.client.HTTPConnection(where.hostname, where.port, timeout=30)
    try:
        connection.putrequest("POST", path)
        connection.putheader("X-Baocao", "1")
        connection.putheader("Content-Length", str(size))
        connection.endheaders()
        return connection.getresponse().status
    finally:
        connection.close()


def test_uploads_are_size_limited(url: str) -> None:
    assert declared_too_large(url, "/api/bang?loai=ra-soat-ho-ngheo&ten=a.csv", 6 * 1024 * 1024) == 413
    assert declared_too_large(url, "/api/kiem-tra", 3 * 1024 * 1024) == 413


def test_the_table_from_a_spreadsheet(url: str) -> None:
    sheet = (EXAMPLES / "ho-ngheo-2023.xlsx").read_bytes()
    status, body, _ = call(url, "/api/bang?loai=ra-soat-ho-ngheo&ten=ho-ngheo-2023.xlsx&nam=2023", raw=sheet)
    assert status == 200, body
    rows = json.loads(body)["dong"]
    assert rows[0]["ten"] == "Phường Đức Xuân" and rows[0]["ho_ngheo"] == 18
    assert sum(row["ho_ngheo"] for row in rows) == 242


def test_the_vendored_form_library_is_served_compressed(url: str) -> None:
    status, body, headers = call(url, "/static/jsoneditor.js")
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert len(body) < 150_000


def test_form_schema_is_for_the_form_library() -> None:
    schema = form_schema(default_registry().get("ra-soat-ho-ngheo"))
    text = json.dumps(schema, ensure_ascii=False)
    assert "$ref" not in text and "$defs" not in text
    props = schema["properties"]
    assert props["trich_yeu"]["format"] == "textarea"
    assert props["danh_gia"]["properties"]["thuan_loi"]["items"]["format"] == "textarea"
    assert props["noi_nhan"]["properties"]["danh_sach"]["items"].get("format") != "textarea"
    assert props["bieu_tong_hop"]["properties"]["dong"]["format"] == "table"
    assert props["ket_qua"]["properties"]["ho_ngheo"]["properties"]["nam_truoc"]["properties"][
        "ty_le"]["type"] == "number"
    assert props["ket_qua"]["properties"]["tong_so_ho"]["title"] == "Tổng số hộ dân trên địa bàn"
    status = props["trang_thai"]  # no default: starts unchosen, not at its first value
    model_values = report_schema(default_registry().get("ra-soat-ho-ngheo"))["properties"][
        "trang_thai"]["enum"]
    assert status["enum"] == ["", *model_values]
    assert status["options"]["enum_titles"][0] == "— chọn —"


def test_yaml_from_the_form_is_read_by_the_cli(tmp_path: Path) -> None:
    value = {"loai": "ra-soat-ho-ngheo", "so": None, "ky_hieu": "", "mo_dau": "Dòng 1\nDòng 2",
             "can_cu": [{}, {"loai": "Kế hoạch"}]}
    text = to_yaml(value)
    assert "so:" not in text and "ky_hieu" not in text and "mo_dau: |-" in text
    assert "- loai: Kế hoạch" in text


def test_the_core_does_not_import_the_web_parts() -> None:
    code = ("import sys, baocao, baocao.cli\n"
            "from contextlib import redirect_stdout\nimport io\n"
            "for argv in (['--help'], ['serve', '--help'], ['templates']):\n"
            "    with redirect_stdout(io.StringIO()):\n"
            "        try: baocao.cli.main(argv)\n"
            "        except SystemExit: pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('starlette', 'uvicorn', 'selenium', 'baocao.serve') or m.startswith('baocao.serve')))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_without_the_extra_one_line_says_what_to_install(tmp_path: Path) -> None:
    code = ("import sys\nsys.modules['starlette'] = None\nsys.modules['uvicorn'] = None\n"
            "from baocao.cli import main\nsys.exit(main(['serve']))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == "baocao serve: cần cài thêm phần giao diện web: pip install 'baocao[serve]'\n"


def test_another_host_is_warned_about(capsys: pytest.CaptureFixture[str]) -> None:
    from baocao.serve.run import is_local

    assert is_local("127.0.0.1") and is_local("localhost") and is_local("::1")
    assert not is_local("0.0.0.0") and not is_local("192.168.1.5")
