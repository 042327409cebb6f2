"""No traceback, nothing lost (issue 11, parts 3, 5 and 6; issue 17's output items).

Each test gives the exact input, the Vietnamese line the clerk sees, the exit code,
and what is on disk afterwards: no file written, no temporary file left, no input
replaced.
"""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import pytest
from test_registry import FakeDistribution, entry_points

import baocao
from baocao.cli import main
from baocao.registry import PluginWarning, load_plugins

from conftest import BAC_KAN, EXAMPLES, ROOT
from docx_reading import texts
from template_editing import HEADING, edited, write

GENERAL = EXAMPLES / "bao-cao-chung.yaml"
TEMPLATE = ROOT / "templates" / "vi" / "bao-cao.docx"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def files(folder: Path) -> list[str]:
    """Every name in ``folder``, hidden ones (temporary files) included."""
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def one_line(err: str) -> str:
    """The one line on stderr (and no traceback)."""
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


# --- part 3: check decides templates by what the caller says, not by stray text -------------------

def _printed_with_tags(tmp_path: Path) -> Path:
    """A report baocao rendered from data holding Jinja text, printed verbatim."""
    data = tmp_path / "bc.yaml"
    source = GENERAL.read_text(encoding="utf-8")
    line = "trich_yeu: Kết quả thực hiện công tác cải cách hành chính quý III năm 2024"
    assert line in source
    data.write_text(source.replace(line, "trich_yeu: \"{{ 'a' * 10**9 }} và {%p endif %}\""),
                    encoding="utf-8")
    out = tmp_path / "bc.docx"
    assert run("render", str(data), "-o", str(out), "-q")[0] == 0
    assert "{{ 'a' * 10**9 }} và {%p endif %}" in texts(out.read_bytes())
    return out


def test_check_a_printed_report_with_tags_in_its_text_checks_it_as_printed(tmp_path: Path) -> None:
    printed = _printed_with_tags(tmp_path)
    code, out, err = run("check", str(printed))
    assert code == 0, out + err
    assert out == f"{printed}: đúng thể thức\n"
    assert one_line(err) == (f"{printed}: có dấu thẻ mẫu ({{{{ }}}} hoặc {{% %}}); đã kiểm tra như văn "
                             f"bản in. Nếu đây là bản mẫu, dùng: baocao check --mau {printed}")
    assert "mẫu sai cú pháp" not in out + err
    code, out, _ = run("check", "--json", str(printed))
    assert code == 0 and json.loads(out)["errors"] == 0


def test_check_mau_checks_a_template_as_it_prints(tmp_path: Path) -> None:
    code, out, err = run("check", "--mau", str(TEMPLATE))
    assert (code, out) == (0, f"{TEMPLATE}: đúng thể thức\n"), err
    assert err == f"{TEMPLATE}: là mẫu; kiểm tra bản in thử với dữ liệu mẫu\n"


@pytest.mark.parametrize(("tag", "said"), [
    ("{{ khung.so_ky_hieu.format(1) }}", "mẫu không được dùng «format» của «str»"),
    ("{{ ''.__class__.__mro__ }}", "mẫu không được dùng «__class__» của «str»"),
    ("{{ 'a' * 10**9 }}", "mẫu tạo chuỗi hay danh sách dài quá 1.000.000 phần tử"),
])
def test_check_mau_a_sandbox_violation_is_an_error_finding_not_a_pass(
    tmp_path: Path, tag: str, said: str
) -> None:
    template = write(tmp_path, edited(HEADING, tag))
    code, out, _ = run("check", "--mau", str(template))
    assert code == 1
    assert out.startswith(f"{template}: [mau.khong-in-duoc] Mẫu: không in thử được: {template}: ")
    assert said in out
    code, out, _ = run("check", "--mau", "--json", str(template))
    report = json.loads(out)
    assert code == 1 and report["errors"] == 1
    assert report["findings"][0]["rule"] == "mau.khong-in-duoc" and said in report["findings"][0]["message"]


def test_check_a_data_file_says_it_is_not_a_docx_and_what_checks_it() -> None:
    code, _, err = run("check", str(BAC_KAN))
    assert code == 1
    assert one_line(err) == (f"baocao: lỗi: {BAC_KAN}: không phải tệp Word .docx (tệp .docx là một "
                             f"gói zip); để kiểm tra một tệp dữ liệu, dùng: baocao validate {BAC_KAN}")


# --- part 5: one exception boundary: a bad path, a directory, a closed pipe -----------------------

def _bad_paths(tmp_path: Path) -> list[tuple[list[str], int, str]]:
    folder = tmp_path / "thu-muc"
    folder.mkdir()
    afile = tmp_path / "tep"
    afile.write_text("x", encoding="utf-8")
    missing = tmp_path / "khong-co"
    long_name = "a" * 251 + ".docx"  # 256 bytes: longer than a folder allows
    return [
        (["render", str(BAC_KAN), "-o", f"{missing}/x.docx"], 1,
         f"baocao: lỗi: không ghi được «{missing}/x.docx»: thư mục «{missing}» không tồn tại"),
        (["render", str(BAC_KAN), "-o", str(folder)], 1,
         f"baocao: lỗi: không ghi được «{folder}»: đây là một thư mục; hãy ghi rõ tên tệp"),
        (["render", str(BAC_KAN), "-o", f"{missing}/"], 1,
         f"baocao: lỗi: không ghi được «{missing}/»: đây là tên thư mục; hãy ghi rõ tên tệp, "
         f"ví dụ «{missing}/bao-cao.docx»"),
        (["schema", "bao-cao", "-o", f"{folder}/"], 1,
         f"baocao: lỗi: không ghi được «{folder}/»: đây là tên thư mục; hãy ghi rõ tên tệp, "
         f"ví dụ «{folder}/bao-cao.schema.json»"),
        (["render", str(BAC_KAN), "-o", f"{afile}/x.docx"], 1,
         f"baocao: lỗi: không ghi được «{afile}/x.docx»: một phần của đường dẫn không phải thư mục"),
        (["render", str(BAC_KAN), "-o", str(tmp_path / long_name)], 1,
         f"baocao: lỗi: không ghi được «{tmp_path / long_name}»: tên tệp quá dài (256 byte, tối đa 255)"),
        (["render", str(missing)], 1, f"{missing}: không tìm thấy tệp; kiểm tra lại đường dẫn "
                                      "[tep-khong-doc-duoc]"),
        (["render", str(folder)], 1,
         f"{folder}: đây là thư mục, không phải tệp dữ liệu [tep-khong-doc-duoc]"),
        (["validate", str(missing)], 1, f"{missing}: không tìm thấy tệp; kiểm tra lại đường dẫn "
                                        "[tep-khong-doc-duoc]"),
        (["validate", str(folder)], 1, f"{folder}: đây là thư mục, không phải tệp dữ liệu "
                                       "[tep-khong-doc-duoc]"),
        (["check", str(missing)], 1,
         f"baocao: lỗi: {missing}: không đọc được tệp: không tìm thấy tệp; kiểm tra lại đường dẫn"),
        (["check", str(folder)], 1,
         f"baocao: lỗi: {folder}: không đọc được tệp: đây là một thư mục, không phải tệp"),
        (["new", "bao-cao", "-o", f"{missing}/x.yaml"], 1,
         f"baocao: lỗi: không ghi được «{missing}/bao-cao.schema.json»: thư mục «{missing}» không tồn tại"),
        (["new", "bao-cao", "-o", str(folder), "--force"], 1,
         f"baocao: lỗi: không ghi được «{folder}»: đây là một thư mục; hãy ghi rõ tên tệp"),
        (["schema", "bao-cao", "-o", f"{missing}/x.json"], 1,
         f"baocao: lỗi: không ghi được «{missing}/x.json»: thư mục «{missing}» không tồn tại"),
        (["schema", "bao-cao", "-o", str(folder)], 1,
         f"baocao: lỗi: không ghi được «{folder}»: đây là một thư mục; hãy ghi rõ tên tệp"),
        (["batch", str(BAC_KAN), "-o", str(afile)], 1,
         f"baocao: lỗi: «{afile}» là một tệp, không phải thư mục; batch -o cần một thư mục "
         "(sẽ được tạo nếu chưa có)"),
        (["batch", str(BAC_KAN), "-o", f"{afile}/ra"], 1,
         f"baocao: lỗi: không tạo được thư mục kết quả «{afile}/ra»: một phần của đường dẫn không phải "
         "thư mục"),
        (["batch", str(missing), "-o", str(tmp_path / "ra")], 2,
         f"baocao batch: lỗi: không tìm thấy «{missing}»; kiểm tra lại đường dẫn"),
    ]


def test_every_subcommand_with_a_bad_path_or_a_directory_says_one_vietnamese_line(tmp_path: Path) -> None:
    for argv, expected_code, expected in _bad_paths(tmp_path):
        before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")}
        code, out, err = run(*argv)
        assert (code, one_line(err)) == (expected_code, expected), argv
        assert out == ""
        assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")} == before, argv  # nothing written


def test_a_250_character_name_is_written(tmp_path: Path) -> None:
    target = tmp_path / ("a" * 245 + ".docx")  # 250 characters; the temporary name is short
    code, out, err = run("render", str(BAC_KAN), "-o", str(target))
    assert code == 0, err
    assert out == f"Đã tạo {target}\n" and files(tmp_path) == [target.name]


@pytest.mark.parametrize(("failure", "where", "said"), [
    (PermissionError(errno.EACCES, "Permission denied"), "mkstemp", "không có quyền truy cập"),
    (OSError(errno.EROFS, "Read-only file system"), "mkstemp", "ổ đĩa hoặc thư mục chỉ cho đọc"),
    (OSError(errno.ENOSPC, "No space left on device"), "fsync", "ổ đĩa đã đầy"),
    (OSError(errno.EDQUOT, "Disk quota exceeded"), "fsync", "hết hạn mức dung lượng trên ổ đĩa"),
])
def test_no_permission_read_only_or_full_disk_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: OSError, where: str, said: str
) -> None:
    # Tests run as root here (permissions do not stop root) and no disk can be filled:
    # the system's answer is faked where it comes.
    target = tmp_path / "bao-cao.docx"
    target.write_bytes(b"ban cu")

    def fail(*args: object, **kwargs: object) -> None:
        raise failure

    monkeypatch.setattr(f"baocao.docx_package.{'tempfile.mkstemp' if where == 'mkstemp' else 'os.fsync'}",
                        fail)
    for argv in (["render", str(BAC_KAN), "-o", str(target)], ["schema", "bao-cao", "-o", str(target)],
                 ["new", "bao-cao", "-o", str(target), "--force"]):
        code, out, err = run(*argv)
        assert code == 1 and out == ""
        line = one_line(err)
        assert line.startswith("baocao: lỗi: không ghi được «") and line.endswith(f"»: {said}"), line
        assert target.read_bytes() == b"ban cu" and files(tmp_path) == ["bao-cao.docx"]


def test_the_library_raises_output_error_not_os_error(tmp_path: Path) -> None:
    with pytest.raises(baocao.OutputError, match=r"thư mục .* không tồn tại"):
        baocao.render(baocao.load(BAC_KAN), tmp_path / "khong-co" / "x.docx")


def test_an_unexpected_bug_is_one_line_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def bug(*args: object) -> int:
        raise TypeError("hỏng")

    monkeypatch.setitem(__import__("baocao.cli").cli._COMMANDS, "templates", bug)
    code, out, err = run("templates")
    assert code == 1 and out == ""
    assert one_line(err) == ("baocao: lỗi không mong đợi (TypeError: hỏng); không ghi tệp nào — xin báo "
                             "lỗi này cho nhóm phát triển baocao")


PIPED = "baocao: lỗi: đầu ra đã bị đóng trước khi in xong (ví dụ bởi «head»); kết quả không được in hết"


def _pipe_cases(tmp_path: Path) -> list[list[str]]:
    printed = tmp_path / "bc.docx"
    printed.write_bytes(baocao.render(baocao.load(BAC_KAN)))
    return [
        ["render", str(BAC_KAN), "-o", str(tmp_path / "r.docx")],
        ["validate", str(BAC_KAN)],
        ["templates"],
        ["check", str(printed)],
        ["check", "--json", str(printed), str(printed)],
        ["new", "bao-cao"],
        ["schema", "bao-cao"],
        ["batch", str(BAC_KAN), "-o", str(tmp_path / "ra")],
        ["--help"],
    ]


def test_every_subcommand_with_its_output_pipe_closed_early_says_one_line(tmp_path: Path) -> None:
    # `baocao check --json … | head -1`: the reader is gone before baocao writes.
    for argv in _pipe_cases(tmp_path):
        reader, writer = os.pipe()
        os.close(reader)
        try:
            done = subprocess.run([sys.executable, "-m", "baocao", *argv], stdout=writer,
                                  stderr=subprocess.PIPE, text=True, timeout=120, check=False)
        finally:
            os.close(writer)
        assert done.returncode == 1, (argv, done.stderr)
        assert done.stderr == PIPED + "\n", (argv, done.stderr)  # no "Exception ignored", no traceback


# --- part 5: a plugin that exits or interrupts at import is the plugin's fault --------------------

@pytest.mark.parametrize(("body", "said"), [
    ("import sys\nsys.exit(7)\n", "gói tự thoát chương trình khi nạp (SystemExit: 7)"),
    ("raise KeyboardInterrupt\n", "gói tự phát KeyboardInterrupt khi nạp (không phải người dùng bấm Ctrl-C)"),
    ("raise SystemExit\n", "gói tự thoát chương trình khi nạp (SystemExit: None)"),
])
def test_a_plugin_exiting_or_interrupting_at_import_is_a_warning_and_the_rest_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, said: str
) -> None:
    module = f"baocao_hong_{abs(hash(body))}"
    (tmp_path / f"{module}.py").write_text(body, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    rogue = FakeDistribution("baocao-hong", {"loai-hong": f"{module}:x"})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", PluginWarning)
        assert load_plugins(entry_points(rogue)) == []
    assert [str(w.message) for w in caught] == [
        f"bỏ qua loại báo cáo «loai-hong» của gói «baocao-hong»: {said}"]

    monkeypatch.setattr("baocao.registry._default", None)
    installed = load_plugins()  # the built-in types are entry points too
    monkeypatch.setattr("baocao.registry.load_plugins",
                        lambda: installed + load_plugins(entry_points(rogue)))
    code, out, err = run("templates")
    assert code == 0
    assert err == f"baocao: cảnh báo: bỏ qua loại báo cáo «loai-hong» của gói «baocao-hong»: {said}\n"
    assert "ra-soat-ho-ngheo" in out and "bao-cao" in out  # the built-in types still work
    monkeypatch.setattr("baocao.registry._default", None)


def test_a_real_ctrl_c_while_plugins_load_still_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = "baocao_cham"
    (tmp_path / f"{module}.py").write_text(textwrap.dedent("""\
        import os, signal, time
        os.kill(os.getpid(), signal.SIGINT)  # the user presses Ctrl-C while this imports
        time.sleep(5)
        """), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    # Python's own Ctrl-C handler, whatever this process inherited: a job started in the
    # background of a non-interactive shell begins with SIGINT ignored.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    slow = FakeDistribution("baocao-cham", {"loai-cham": f"{module}:x"})
    try:
        with pytest.raises(KeyboardInterrupt):
            load_plugins(entry_points(slow))
    finally:
        signal.signal(signal.SIGINT, previous)


# --- part 6: an output that is one of the run's inputs is refused ----------------------------------

def _copy_examples(tmp_path: Path) -> Path:
    for name in ("bac-kan-2023.yaml", "bac-kan-2023-excel.yaml", "ho-ngheo-2023.xlsx"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    return tmp_path


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_render_refuses_to_replace_its_data_file_its_spreadsheet_or_its_template(tmp_path: Path) -> None:
    folder = _copy_examples(tmp_path)
    data, excel = folder / "bac-kan-2023.yaml", folder / "bac-kan-2023-excel.yaml"
    sheet = folder / "ho-ngheo-2023.xlsx"
    template = folder / "mau.docx"
    template.write_bytes(edited(HEADING, "I. LÃNH ĐẠO"))
    (folder / "lien-ket.yaml").symlink_to(data)
    os.link(sheet, folder / "cung-inode.xlsx")
    before = _snapshot(folder)
    cases = [
        (["render", str(data), "-o", str(data)],
         f"baocao: lỗi: không ghi «{data}»: đó là tệp dữ liệu của lần chạy này; ghi vào sẽ làm mất nó — "
         f"chọn tên tệp kết quả khác, ví dụ «{folder / 'bac-kan-2023.docx'}»"),
        (["render", str(excel), "-o", str(sheet)],
         f"baocao: lỗi: không ghi «{sheet}»: đó là tệp «tep: ho-ngheo-2023.xlsx» của dữ liệu của lần chạy "
         f"này; ghi vào sẽ làm mất nó — chọn tên tệp kết quả khác, ví dụ «{folder / 'ho-ngheo-2023.docx'}»"),
        (["render", str(data), "-o", str(folder / "lien-ket.yaml")],
         f"baocao: lỗi: không ghi «{folder / 'lien-ket.yaml'}»: đó là tệp dữ liệu «{data}» của lần chạy này; "
         f"ghi vào sẽ làm mất nó — chọn tên tệp kết quả khác, ví dụ «{folder / 'lien-ket.docx'}»"),
        (["render", str(excel), "-o", str(folder / "cung-inode.xlsx")],
         f"baocao: lỗi: không ghi «{folder / 'cung-inode.xlsx'}»: đó là tệp «tep: ho-ngheo-2023.xlsx» của "
         f"dữ liệu «{sheet}» của lần chạy này; ghi vào sẽ làm mất nó — chọn tên tệp kết quả khác, ví dụ "
         f"«{folder / 'cung-inode.docx'}»"),
        (["render", str(data), "--template", str(template), "-o", str(template)],
         f"baocao: lỗi: không ghi «{template}»: đó là mẫu (--template) của lần chạy này; ghi vào sẽ làm "
         "mất nó — chọn tên tệp kết quả khác"),
    ]
    for argv, expected in cases:
        code, out, err = run(*argv)
        assert (code, out, one_line(err)) == (1, "", expected), argv
        assert _snapshot(folder) == before, argv


def test_batch_refuses_to_replace_its_template(tmp_path: Path) -> None:
    folder = _copy_examples(tmp_path)
    out_dir = folder / "ra"
    out_dir.mkdir()
    template = out_dir / "bac-kan-2023.docx"  # where batch would write bac-kan-2023.yaml's report
    template.write_bytes(edited(HEADING, "I. LÃNH ĐẠO"))
    kept = template.read_bytes()
    code, out, err = run("batch", str(folder / "bac-kan-2023.yaml"), "-o", str(out_dir),
                         "--template", str(template), "-j", "1")
    assert code == 1
    assert "Đã tạo 0/1 báo cáo, 1 lỗi" in out
    assert (f"  {folder / 'bac-kan-2023.yaml'}: không ghi «{template}»: đó là mẫu (--template) của lần "
            "chạy này") in err
    assert template.read_bytes() == kept and files(out_dir) == ["bac-kan-2023.docx"]


@pytest.mark.parametrize("extra", [[], ["--pdf"]])
def test_render_o_pdf_is_refused_not_a_word_file_named_pdf(tmp_path: Path, extra: list[str]) -> None:
    target = tmp_path / "o2.pdf"
    code, out, err = run("render", str(BAC_KAN), "-o", str(target), *extra)
    assert (code, out) == (2, "")
    assert one_line(err) == (
        f"baocao render: lỗi: «{target}»: -o là tên tệp Word (.docx); bản PDF được tạo cạnh tệp Word, "
        f"cùng tên, khi thêm --pdf: baocao render {BAC_KAN} -o {tmp_path / 'o2.docx'} --pdf "
        f"(tạo {tmp_path / 'o2.docx'} và {target})")
    assert files(tmp_path) == []
