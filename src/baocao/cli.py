"""The command line: thin, Vietnamese, and never a traceback.

Exit status: 0 done; 1 the data or a template is wrong, or the output cannot be
written (nothing written, an old file kept); 2 the command itself is wrong (usage);
130 stopped by Ctrl-C.

:func:`main` is the one exception boundary: baocao's own errors print as they
are; a failure of the system (a missing folder, no permission, a full disk, a
pipe closed early by ``head``), Ctrl-C and even a bug print one Vietnamese line
and a non-zero status — no traceback reaches a clerk (``BAOCAO_DEBUG=1`` lets a
bug's traceback through, for developers).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from baocao.errors import BaocaoError, DataError, OutputError, os_reason

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    from baocao.outputs import Output
    from baocao.registry import ReportType

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(BaocaoError):
    """The command is wrong in a way argparse cannot see (exit 2)."""


class _Parser(argparse.ArgumentParser):
    """argparse speaking Vietnamese, exiting 2 on usage errors."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = "đối số"
        self._optionals.title = "tùy chọn"
        self.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này rồi thoát")

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        # argparse swallows a failed write (a pipe closed early): let main's boundary say it
        if message:
            (file or sys.stderr).write(message)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        for english, vietnamese in _ARGPARSE_WORDS.items():
            message = message.replace(english, vietnamese)
        self.exit(EXIT_USAGE, f"{self.prog}: lỗi: {message}\n")


_ARGPARSE_WORDS = {
    "the following arguments are required": "thiếu đối số bắt buộc",
    "unrecognized arguments": "đối số không nhận ra",
    "invalid choice": "lựa chọn không hợp lệ",
    "choose from": "chọn một trong",
    "expected one argument": "cần một giá trị",
    "argument ": "đối số ",
}


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(
        self, usage: str | None, actions: object, groups: object, prefix: str | None = None
    ) -> None:
        # argparse passes prefix="" when it builds a subcommand's prog: keep it empty
        super().add_usage(usage, actions, groups,  # type: ignore[arg-type]
                          "Cách dùng: " if prefix is None else prefix)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="baocao",
        description="Tạo báo cáo hành chính (.docx) đúng thể thức Nghị định 30/2020/NĐ-CP "
        "từ tệp dữ liệu YAML.",
        epilog="Mã thoát: 0 thành công; 1 dữ liệu hoặc mẫu có lỗi, hoặc không ghi được kết quả "
        "(không ghi tệp nào, tệp cũ giữ nguyên); 2 sai cách dùng lệnh; 130 dừng bằng Ctrl-C.",
    )
    parser.add_argument("--version", action="store_true", help="in phiên bản rồi thoát")
    commands = parser.add_subparsers(dest="command", title="lệnh", metavar="LỆNH",
                                     parser_class=_Parser)

    render = commands.add_parser("render", help="tạo tệp .docx từ tệp dữ liệu",
                                 description="Tạo tệp .docx từ tệp dữ liệu YAML.")
    render.add_argument("data", metavar="DỮ_LIỆU.yaml", help="tệp dữ liệu báo cáo")
    render.add_argument("-o", "--output", metavar="TỆP.docx",
                        help="tệp kết quả (mặc định: cùng tên tệp dữ liệu, đuôi .docx)")
    render.add_argument("--template", metavar="MẪU.docx",
                        help="dùng bản mẫu đã sửa thay cho mẫu có sẵn của loại báo cáo")
    render.add_argument("-q", "--quiet", action="store_true", help="không in thông báo khi thành công")
    render.add_argument("--pdf", action="store_true",
                        help="tạo thêm tệp PDF cùng tên (cần LibreOffice)")
    _pdf_options(render)

    validate = commands.add_parser("validate", help="kiểm tra tệp dữ liệu, không tạo tệp",
                                   description="Kiểm tra tệp dữ liệu và liệt kê mọi lỗi.")
    validate.add_argument("data", metavar="DỮ_LIỆU.yaml", help="tệp dữ liệu báo cáo")
    validate.add_argument("-q", "--quiet", action="store_true", help="chỉ in lỗi")

    commands.add_parser("templates", help="liệt kê các loại báo cáo đã đăng ký",
                        description="Liệt kê các loại báo cáo, tên và gói cung cấp.")

    check = commands.add_parser(
        "check",
        help="kiểm tra thể thức một tệp .docx bất kỳ theo Nghị định 30/2020",
        description="Kiểm tra thể thức văn bản (.docx) theo Nghị định 30/2020/NĐ-CP: khổ giấy, lề, "
        "phông chữ, quốc hiệu, tiêu ngữ, số và ký hiệu, ngày tháng, tên loại, nơi nhận, chữ ký, "
        "số trang. Mỗi tệp được kiểm tra đúng như khi in; với --mau, tệp là bản mẫu (có thẻ "
        "{{ }}, {% %}) và được in thử với dữ liệu mẫu rồi kiểm tra. "
        "Mã thoát 1 khi có lỗi (cảnh báo không tính là lỗi).",
    )
    check.add_argument("files", nargs="+", metavar="TỆP.docx", help="các tệp cần kiểm tra")
    check.add_argument("--mau", action="store_true",
                       help="các tệp là bản mẫu: in thử với dữ liệu mẫu (trong môi trường cách ly) "
                       "rồi kiểm tra; mẫu không in được là lỗi")
    check.add_argument("--json", action="store_true", help="in kết quả dạng JSON cho công cụ khác")
    _add_new(commands)
    _add_schema(commands)
    _add_batch(commands)
    _add_tong_hop(commands)
    _add_serve(commands)
    _add_warm(commands)
    return parser


def _add_new(commands: argparse._SubParsersAction[_Parser]) -> None:
    new = commands.add_parser(
        "new", help="tạo tệp dữ liệu mẫu (có chú thích) cho một loại báo cáo",
        description="Tạo khung tệp dữ liệu YAML của một loại báo cáo: mỗi khóa có chú thích "
        "tiếng Việt; điền các giá trị còn trống rồi chạy «baocao validate». Khi ghi ra tệp (-o), "
        "lược đồ JSON cho trình soạn thảo (VS Code) được ghi cùng thư mục.")
    new.add_argument("loai", metavar="LOẠI", help="tên loại báo cáo (xem: baocao templates)")
    new.add_argument("-o", "--output", metavar="TỆP.yaml",
                     help="tệp cần tạo (mặc định: in ra màn hình)")
    new.add_argument("-f", "--force", action="store_true", help="ghi đè nếu tệp đã có")
    new.add_argument("-q", "--quiet", action="store_true", help="không in thông báo khi thành công")


def _add_schema(commands: argparse._SubParsersAction[_Parser]) -> None:
    schema = commands.add_parser(
        "schema", help="in lược đồ JSON (JSON Schema) của một loại báo cáo",
        description="Lược đồ JSON của tệp dữ liệu một loại báo cáo, với tên và mô tả tiếng Việt, "
        "để trình soạn thảo (VS Code, tiện ích YAML) gợi ý và kiểm tra khóa.")
    schema.add_argument("loai", metavar="LOẠI", help="tên loại báo cáo (xem: baocao templates)")
    schema.add_argument("-o", "--output", metavar="TỆP.json",
                        help="tệp cần ghi (mặc định: in ra màn hình)")
    schema.add_argument("-q", "--quiet", action="store_true", help="không in thông báo khi thành công")


def _add_batch(commands: argparse._SubParsersAction[_Parser]) -> None:
    batch = commands.add_parser(
        "batch", help="tạo nhiều báo cáo một lúc, dùng mọi nhân CPU",
        description="Tạo báo cáo cho nhiều tệp dữ liệu (tệp, thư mục, hoặc mẫu như «du-lieu/*.yaml»). "
        "Mỗi tệp cho một OUTDIR/<tên tệp>.docx; tệp lỗi không làm dừng các tệp khác; cuối cùng in "
        "tổng kết, mỗi tệp lỗi kèm lỗi đầu tiên. Mã thoát 1 nếu có tệp lỗi.")
    batch.add_argument("inputs", nargs="+", metavar="DỮ_LIỆU",
                       help="tệp .yaml, thư mục chứa tệp .yaml, hoặc mẫu tên tệp")
    batch.add_argument("-o", "--output", metavar="THƯ_MỤC", required=True,
                       help="thư mục ghi kết quả (tạo mới nếu chưa có)")
    batch.add_argument("-j", "--jobs", metavar="N", type=_positive,
                       help="số tiến trình chạy song song (mặc định: số nhân CPU)")
    batch.add_argument("--template", metavar="MẪU.docx", help="dùng bản mẫu đã sửa cho mọi tệp")
    batch.add_argument("--pdf", action="store_true",
                       help="tạo thêm tệp PDF cho mỗi báo cáo (cần LibreOffice)")
    _pdf_options(batch)
    batch.add_argument("--bang", metavar="BẢNG.xlsx",
                       help="bảng tính mỗi đơn vị một dòng (tiêu đề cột là khóa của tệp dữ liệu, ví dụ "
                       "«dia_ban», «ket_qua.ho_ngheo.so_ho»; cột «tep»: tên tệp kết quả); DỮ_LIỆU là "
                       "phần chung của mọi báo cáo; mỗi dòng cho một báo cáo")
    batch.add_argument("--trang", metavar="TÊN", help="tên trang (sheet) của --bang (mặc định: trang đầu)")
    batch.add_argument("-q", "--quiet", action="store_true", help="chỉ in lỗi")


def _add_tong_hop(commands: argparse._SubParsersAction[_Parser]) -> None:
    tong_hop = commands.add_parser(
        "tong-hop", help="lập tệp dữ liệu báo cáo cấp trên từ báo cáo của các đơn vị (rà soát hộ nghèo)",
        description="Tổng hợp báo cáo rà soát hộ nghèo, hộ cận nghèo của các đơn vị (tệp .yaml của "
        "từng xã, phường, đặc khu — hoặc của huyện — và/hoặc bảng tính .xlsx/.csv mỗi đơn vị một dòng) "
        "thành tệp dữ liệu của cấp trên: biểu tổng hợp, các số tổng, số năm trước; thể thức và nội "
        "dung lấy từ tệp chung (--chung). Mỗi số ghi chú nơi lấy (tệp:dòng). Kết quả là tệp .yaml "
        "thường: mở, sửa nội dung, rồi «baocao render». Không ghi tệp nào khi có lỗi.")
    tong_hop.add_argument("inputs", nargs="+", metavar="ĐƠN_VỊ",
                          help="tệp .yaml của đơn vị, thư mục chứa các tệp đó, mẫu tên tệp, hoặc bảng "
                          "tính .xlsx/.csv mỗi đơn vị một dòng")
    tong_hop.add_argument("--chung", metavar="CHUNG.yaml", required=True,
                          help="tệp dữ liệu của cấp trên không có số liệu: cơ quan, số, ngày, căn cứ, "
                          "các phần nội dung, nơi nhận, người ký")
    tong_hop.add_argument("-o", "--output", metavar="KẾT_QUẢ.yaml", required=True,
                          help="tệp dữ liệu cần tạo (ghi đè nếu đã có, chỉ khi tổng hợp thành công)")
    tong_hop.add_argument("--danh-sach", metavar="DS.yaml",
                          help="danh sách các đơn vị phải báo cáo, mỗi dòng «- Tên đơn vị», theo thứ tự "
                          "in trong biểu; đơn vị chưa báo cáo là lỗi")
    tong_hop.add_argument("--cho-phep-thieu", action="store_true",
                          help="đơn vị trong danh sách chưa báo cáo chỉ là cảnh báo; tổng hợp các đơn "
                          "vị đã có")
    tong_hop.add_argument("--trang", metavar="TÊN",
                          help="tên trang (sheet) của bảng tính .xlsx (mặc định: trang đầu)")
    tong_hop.add_argument("--moi-trang", action="store_true",
                          help="mỗi trang (sheet) của bảng tính .xlsx là biểu của một đơn vị; tên đơn vị "
                          "là ô «Đơn vị: …» trên dòng tiêu đề, hoặc tên trang")
    tong_hop.add_argument("-q", "--quiet", action="store_true", help="chỉ in lỗi và cảnh báo")


def _tong_hop(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import datetime as dt

    from baocao.batch import InputsError
    from baocao.tong_hop import roll_up

    if args.moi_trang and args.trang is not None:
        raise UsageError("--moi-trang đọc mọi trang của bảng tính; bỏ --trang")
    if args.cho_phep_thieu and args.danh_sach is None:
        raise UsageError("--cho-phep-thieu cần --danh-sach (danh sách các đơn vị phải báo cáo)")
    output = _file_target(args.output, "tong-hop.yaml")
    if output.suffix.lower() not in (".yaml", ".yml"):
        raise UsageError(f"«{output}»: kết quả là tệp dữ liệu .yaml (rồi «baocao render» để tạo .docx)")
    try:
        written = roll_up(args.inputs, args.chung, output, danh_sach_file=args.danh_sach,
                          cho_phep_thieu=args.cho_phep_thieu, trang=args.trang, moi_trang=args.moi_trang,
                          today=dt.date.today())
    except InputsError as error:
        raise UsageError(str(error)) from None
    for finding in written.findings:
        print(finding, file=err)
    if not args.quiet:
        table = f"; biểu tổng hợp ở {written.bang}" if written.bang is not None else ""
        print(f"Đã tạo {written.output} (tổng hợp {written.so_don_vi} đơn vị{table}). "
              f"Tạo tệp Word: baocao render {written.output}", file=out)
    return EXIT_OK


def _add_serve(commands: argparse._SubParsersAction[_Parser]) -> None:
    serve = commands.add_parser(
        "serve", help="mở biểu mẫu trên trình duyệt để điền, kiểm tra, xem trước và tải báo cáo",
        description="Chạy trang điền báo cáo trên máy này (http://127.0.0.1:8000/): chọn loại báo cáo, "
        "điền biểu mẫu, thấy lỗi ngay tại ô, xem trước trang in, tải tệp .docx, PDF và tệp dữ liệu. "
        "Cần cài thêm: pip install 'baocao[serve]'.")
    serve.add_argument("--port", metavar="N", type=int, default=8000, help="cổng (mặc định: 8000)")
    serve.add_argument("--host", metavar="H", default="127.0.0.1",
                       help="địa chỉ lắng nghe (mặc định: 127.0.0.1, chỉ máy này)")
    serve.add_argument("--thu-muc", metavar="THƯ_MỤC", default=".",
                       help="thư mục mở và lưu tệp dữ liệu (mặc định: thư mục hiện tại)")
    serve.add_argument("--mo-trinh-duyet", action="store_true", help="mở trang trên trình duyệt")


def _serve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        from baocao.serve import serve
    except ImportError:
        print("baocao serve: cần cài thêm phần giao diện web: pip install 'baocao[serve]'", file=err)
        return EXIT_DATA
    if not Path(args.thu_muc).is_dir():
        print(f"baocao serve: lỗi: không có thư mục «{args.thu_muc}»", file=err)
        return EXIT_USAGE
    try:
        serve(args.thu_muc, host=args.host, port=args.port, open_browser=args.mo_trinh_duyet,
              out=out, err=err)
    except KeyboardInterrupt:
        pass
    return EXIT_OK


def _add_warm(commands: argparse._SubParsersAction[_Parser]) -> None:
    warm = commands.add_parser(
        "warm", help="chạy sẵn một tiến trình để mỗi lệnh «python -m baocao …» sau đó chạy nhanh",
        description="Nạp sẵn mọi thứ một lệnh cần (các loại báo cáo, bộ kiểm tra dữ liệu, các mẫu) rồi chờ: "
        "mỗi lệnh «python -m baocao …» của cùng người dùng, cùng bản cài đặt chạy trong tiến trình này "
        "thay vì nạp lại từ đầu; kết quả, thông báo và mã thoát như khi chạy bình thường. Không có máy "
        "chủ (hoặc BAOCAO_WARM=0) thì lệnh chạy như bình thường. Không dùng cho batch và serve.")
    action = warm.add_mutually_exclusive_group()
    action.add_argument("--stop", action="store_true", help="dừng máy chủ đang chạy")
    action.add_argument("--status", action="store_true",
                        help="cho biết máy chủ có chạy không, ở đâu, đã chạy bao nhiêu lệnh")


def _warm(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from baocao.warm import server

    if not (args.stop or args.status):
        return server.serve(out, err)
    answer = server.ask("stop" if args.stop else "status")
    if answer is None:
        print("baocao warm: không có máy chủ nào đang chạy cho bản cài đặt này", file=err)
        return EXIT_DATA
    if answer[0] == "stopping":
        print(f"baocao warm: đã yêu cầu máy chủ (pid {answer[1]}) dừng", file=out)
        return EXIT_OK
    if answer[0] == "status":
        facts = answer[1]
        print(f"baocao warm: đang chạy (pid {facts['pid']}) tại {facts['socket']}; "
              f"đã chạy {facts['served']} lệnh, đang chạy {facts['running']}", file=out)
        return EXIT_OK
    print(f"baocao warm: máy chủ từ chối ({answer[1]}); nó đã dừng nếu đã cũ", file=err)
    return EXIT_DATA


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"cần một số nguyên dương, nhận được «{text}»")
    return value


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    """Run the command line; return the exit status.  Never raises (but for
    ``BAOCAO_DEBUG=1`` and a bug)."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    code = _bounded(argv, out, err)
    if code == EXIT_INTERRUPTED and argv is None:
        _ignore_interrupts()  # the program is ending: a late Ctrl-C must not turn 130 into a traceback
    return code


def _bounded(argv: Sequence[str] | None, out: TextIO, err: TextIO) -> int:
    """:func:`_main` inside the one exception boundary."""
    try:
        code = _main(argv, out, err)
        out.flush()  # a pipe closed early fails here, inside the boundary, not at exit
        return code
    except BrokenPipeError:
        _detach(out)
        _say(err, "baocao: lỗi: đầu ra đã bị đóng trước khi in xong (ví dụ bởi «head»); "
                  "kết quả không được in hết")
        return EXIT_DATA
    except KeyboardInterrupt:
        _say(err, "baocao: đã dừng (Ctrl-C); tệp đã tạo xong được giữ, không có tệp dở dang")
        return EXIT_INTERRUPTED
    except OSError as error:
        where = f"«{error.filename}»: " if error.filename else ""
        _say(err, f"baocao: lỗi: {where}{os_reason(error)}")
        return EXIT_DATA
    except (MemoryError, RecursionError) as error:
        kind = "hết bộ nhớ" if isinstance(error, MemoryError) else "dữ liệu lồng nhau quá sâu"
        _say(err, f"baocao: lỗi: {kind}; không ghi tệp nào")
        return EXIT_DATA
    except Exception as error:
        if os.environ.get("BAOCAO_DEBUG"):
            raise
        _say(err, f"baocao: lỗi không mong đợi ({type(error).__name__}: {error}); không ghi tệp "
                  "nào — xin báo lỗi này cho nhóm phát triển baocao")
        return EXIT_DATA


def _main(argv: Sequence[str] | None, out: TextIO, err: TextIO) -> int:
    parser = build_parser()
    try:
        with redirect_stdout(out), redirect_stderr(err):  # --help and usage errors
            args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as stop:
        return int(stop.code or 0)
    if args.version:
        from importlib.metadata import version

        print(f"baocao {version('baocao')}", file=out)
        return EXIT_OK
    if args.command is None:
        parser.print_help(out)
        return EXIT_USAGE
    try:
        if args.command not in _LOADS_TYPES_ITSELF:
            _load_report_types(err)
        return int(_COMMANDS[args.command](args, out, err))
    except DataError as error:
        for finding in error.findings:
            print(finding, file=err)
        return EXIT_DATA
    except UsageError as error:
        print(f"baocao {args.command}: lỗi: {error}", file=err)
        return EXIT_USAGE
    except BaocaoError as error:
        print(f"baocao: lỗi: {error}", file=err)
        return EXIT_DATA


def _ignore_interrupts() -> None:
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _say(err: TextIO, line: str) -> None:
    """One line on ``err``, even when ``err`` itself is gone."""
    try:
        print(line, file=err, flush=True)
    except (OSError, ValueError):
        pass


def _detach(stream: TextIO) -> None:
    """Point a closed pipe's file descriptor at /dev/null, so what is still buffered
    does not fail again (with a traceback) when the interpreter exits."""
    try:
        descriptor = stream.fileno()
    except (OSError, ValueError, AttributeError):
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, descriptor)
    finally:
        os.close(null)


def _load_report_types(err: TextIO) -> None:
    """Load the built-in and installed report types once, printing each refused or
    broken plugin as one Vietnamese warning line (the other types keep working)."""
    import warnings

    from baocao.registry import PluginWarning, default_registry

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", PluginWarning)
        default_registry()
    for warning in caught:
        if issubclass(warning.category, PluginWarning):
            print(f"baocao: cảnh báo: {warning.message}", file=err)
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)


def _checked(path: str, err: TextIO) -> Any:
    """The validated report; warnings printed on ``err``, errors raised."""
    import datetime as dt

    from baocao.api import inspect

    report, findings = inspect(path, today=dt.date.today())
    if report is None:
        raise DataError(findings)
    for finding in findings:
        print(finding, file=err)
    return report


def _pdf_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--pdf-a", action="store_true",
                         help="tạo PDF theo chuẩn lưu trữ PDF/A-2b (thay cho PDF thường)")
    command.add_argument("--meta", action="store_true",
                         help="ghi thêm tệp .json các trường thông tin văn bản đi (Phụ lục VI NĐ 30), "
                              "số trang lấy từ PDF (tạo cả PDF)")
    command.add_argument("--phu-luc-rieng", action="store_true",
                         help="mỗi phụ lục một tệp PDF riêng, đánh số trang riêng (tạo cả PDF)")


def _outputs(args: argparse.Namespace) -> list[Output]:
    """The output steps the options ask for: the .docx, then what is made from it."""
    from baocao.outputs import DOCX, META, PdfOutput

    steps: list[Output] = [DOCX]
    if args.pdf or args.pdf_a or args.meta or args.phu_luc_rieng:
        steps.append(PdfOutput(pdf_a=args.pdf_a, phu_luc_rieng=args.phu_luc_rieng))
    if args.meta:
        steps.append(META)
    return steps


def _render(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from baocao.api import render
    from baocao.batch import output_paths, refuse_inputs, run_inputs
    from baocao.outputs import session, write

    data = Path(args.data)
    output = _file_target(args.output) if args.output else data.with_suffix(".docx")
    _refuse_other_suffix(output, args)
    report = _checked(args.data, err)
    steps = _outputs(args)
    refuse_inputs(output_paths(steps, output), run_inputs(report, data, args.template))
    # a missing converter: one message, before anything is written; a warm one if running
    with session(steps, err) as outputs:
        document = render(report, template=args.template)
        for written in write(outputs, document, output, report):
            if not args.quiet:
                print(f"Đã tạo {written}", file=out)
    return EXIT_OK


def _file_target(text: str, example: str = "bao-cao.docx") -> Path:
    """``-o`` as a file path; ``-o thu-muc/`` (a folder, maybe not there yet) is refused,
    not written as a file named ``thu-muc``."""
    if text.endswith(("/", os.sep)):
        raise OutputError(f"không ghi được «{text}»: đây là tên thư mục; hãy ghi rõ tên tệp, "
                          f"ví dụ «{text}{example}»")
    return Path(text)


def _refuse_other_suffix(output: Path, args: argparse.Namespace) -> None:
    """``-o`` names the .docx; another output's suffix there (``-o bc.pdf``) is refused,
    not written as a Word file under that name."""
    from baocao.outputs import PDF

    if output.suffix.lower() == PDF.suffix:
        docx = output.with_suffix(".docx")
        raise UsageError(
            f"«{output}»: -o là tên tệp Word (.docx); bản PDF được tạo cạnh tệp Word, cùng tên, "
            f"khi thêm --pdf: baocao render {args.data} -o {docx} --pdf (tạo {docx} và {output})")


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    _checked(args.data, err)
    if not args.quiet:
        print(f"{args.data}: hợp lệ", file=out)
    return EXIT_OK


def _templates(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from baocao.registry import default_registry

    registry = default_registry()
    rows = [(t.name, t.title, t.package) for t in registry]
    rows += [(name, "(trùng tên, không dùng được)", ", ".join(packages))
             for name, packages in sorted(registry.clashes().items())]
    width = max((len(name) for name, _, _ in rows), default=0)
    for name, title, package in rows:
        print(f"{name:<{width}}  {title}  [{package}]", file=out)
    return EXIT_OK


MAX_DOCX_BYTES = 64 * 1024 * 1024
"""The largest .docx ``check`` reads (a 100-page decree is 60 kB)."""
MAX_DOCX_UNPACKED = 256 * 1024 * 1024
"""The most its parts may unpack to, added up (what the zip declares, checked before)."""


def _read_docx(name: str) -> bytes:
    """A .docx to check, read within bounds: a regular file (not /dev/zero, a pipe or a
    folder), at most :data:`MAX_DOCX_BYTES`, a zip whose parts unpack to at most
    :data:`MAX_DOCX_UNPACKED` (a 1 MB file holding 1 GiB of spaces is refused unread)."""
    import io
    import zipfile

    from baocao.loading import NotRegularFileError, read_regular

    try:
        source = read_regular(Path(name), MAX_DOCX_BYTES)
    except NotRegularFileError:
        raise OutputError(f"{name}: không phải tệp thường (thư mục, thiết bị hay ống dẫn); "
                          "baocao check chỉ kiểm tra tệp .docx") from None
    except OSError as error:
        raise OutputError(f"{name}: không đọc được tệp: {os_reason(error, reading=True)}") from None
    if isinstance(source, int):
        raise OutputError(f"{name}: tệp dài hơn {MAX_DOCX_BYTES // 1024**2} MB, vượt giới hạn của "
                          "baocao check")
    try:
        with zipfile.ZipFile(io.BytesIO(source)) as package:
            unpacked = sum(item.file_size for item in package.infolist())
    except (zipfile.BadZipFile, ValueError):
        data_file = Path(name).suffix.lower() in (".yaml", ".yml")
        hint = (f"; để kiểm tra một tệp dữ liệu, dùng: baocao validate {name}" if data_file
                else "; baocao check chỉ kiểm tra tệp .docx")
        raise OutputError(f"{name}: không phải tệp Word .docx (tệp .docx là một gói zip){hint}") from None
    if unpacked > MAX_DOCX_UNPACKED:
        raise OutputError(f"{name}: các phần của tệp giải nén ra {unpacked:,} byte, vượt giới hạn "
                          f"{MAX_DOCX_UNPACKED:,} byte; tệp không được đọc".replace(",", "."))
    return source


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import json

    from baocao.frame.sample import check_template, is_template
    from baocao.layout import check, findings_to_json, format_finding

    failed = False
    reports = []
    for name in args.files:
        source = _read_docx(name)
        if args.mau:
            # A template, as the caller says: check it as it prints with the sample frame.
            if not args.json:
                print(f"{name}: là mẫu; kiểm tra bản in thử với dữ liệu mẫu", file=err)
            findings = check_template(source, template_name=name)
        else:
            if is_template(source):
                print(f"{name}: có dấu thẻ mẫu ({{{{ }}}} hoặc {{% %}}); đã kiểm tra như văn bản in. "
                      f"Nếu đây là bản mẫu, dùng: baocao check --mau {name}", file=err)
            findings = check(source)
        failed = failed or any(f.severity == "error" for f in findings)
        if args.json:
            reports.append(json.loads(findings_to_json(findings, name)))
        elif findings:
            for finding in findings:
                print(format_finding(finding, name), file=out)
        else:
            print(f"{name}: đúng thể thức", file=out)
    if args.json:
        print(json.dumps(reports if len(reports) > 1 else reports[0], ensure_ascii=False, indent=2),
              file=out)
    return EXIT_DATA if failed else EXIT_OK


def _report_type(name: str, err: TextIO) -> ReportType | None:
    from baocao.registry import default_registry

    registry = default_registry()
    if name in registry:
        return registry.get(name)
    close = registry.suggest(name)
    hint = f"; có phải ý bạn là «{close}»?" if close else ""
    print(f"baocao: lỗi: không có loại báo cáo «{name}»{hint} (xem: baocao templates)", file=err)
    return None


def _new(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from baocao.docx_package import write_atomic
    from baocao.schema import schema_file_name, schema_text
    from baocao.skeleton import skeleton

    report_type = _report_type(args.loai, err)
    if report_type is None:
        return EXIT_USAGE
    if args.output is None:
        out.write(skeleton(report_type, schema_file=schema_file_name(report_type)))
        return EXIT_OK
    target = _file_target(args.output, "bao-cao.yaml")
    if target.exists() and not args.force:
        print(f"baocao: lỗi: «{target}» đã có; chọn tên khác hoặc thêm --force để ghi đè", file=err)
        return EXIT_DATA
    schema_path = target.parent / schema_file_name(report_type)
    for path in (target, schema_path):  # both or neither: refuse a folder before writing either
        if path.is_dir():
            raise OutputError(f"không ghi được «{path}»: đây là một thư mục; hãy ghi rõ tên tệp")
    write_atomic(schema_path, schema_text(report_type).encode("utf-8"))
    write_atomic(target, skeleton(report_type, schema_file=schema_path.name).encode("utf-8"))
    if not args.quiet:
        print(f"Đã tạo {target} (lược đồ cho trình soạn thảo: {schema_path})", file=out)
    return EXIT_OK


def _schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from baocao.docx_package import write_atomic
    from baocao.schema import schema_text

    report_type = _report_type(args.loai, err)
    if report_type is None:
        return EXIT_USAGE
    text = schema_text(report_type)
    if args.output is None:
        out.write(text)
        return EXIT_OK
    write_atomic(_file_target(args.output, "bao-cao.schema.json"), text.encode("utf-8"))
    if not args.quiet:
        print(f"Đã tạo {args.output}", file=out)
    return EXIT_OK


def _batch(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from baocao import batch

    try:
        outcomes = batch.main(args.inputs, Path(args.output), workers=args.jobs, template=args.template,
                              outputs=_outputs(args), quiet=args.quiet, out=out, err=err,
                              bang=args.bang, trang=args.trang, load_types=lambda: _load_report_types(err))
    except batch.InputsError as error:
        print(f"baocao batch: lỗi: {error}", file=err)
        return EXIT_USAGE
    except batch.Interrupted:
        return EXIT_INTERRUPTED  # its one-line summary is printed
    return EXIT_OK if all(outcome.ok for outcome in outcomes) else EXIT_DATA


# ``batch`` loads the report types once its LibreOffice pool is starting (they load
# while LibreOffice starts, instead of before it)
_LOADS_TYPES_ITSELF = {"batch"}

_COMMANDS = {
    "render": _render,
    "validate": _validate,
    "templates": _templates,
    "check": _check,
    "new": _new,
    "schema": _schema,
    "batch": _batch,
    "tong-hop": _tong_hop,
    "serve": _serve,
    "warm": _warm,
}
