"""A template rendered with sample data, so its layout can be checked before use
(``baocao check --mau``).

A template is a .docx full of Jinja tags where the agency, the number and the date
will go; the layout checker (:mod:`baocao.layout`) judges printed documents.  Here
the official frame gets sample values (a provincial People's Committee, report
01/BC-UBND of 05/01/2024) and everything a report type adds is left blank — loops
run no time, conditions are false — so what is checked is the frame and the
formatting of the template's own paragraphs.

What is a template is said by the caller (``check --mau``), never guessed from the
text: a report printed from data holding ``{{ … }}`` or ``{%p endif %}`` is a
printed document, checked as it is.  :func:`is_template` is only a hint (``check``
suggests ``--mau`` when it sees tag marks).  A template that cannot print — a
syntax error, an attribute or call the sandbox refuses, a limit reached — is one
error finding (:data:`TEMPLATE_RULE`), never a pass.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from typing import Any

import jinja2

from baocao.engine import BASE_FILTERS, make_environment, render_docx
from baocao.errors import TemplateError
from baocao.frame.context import frame_context
from baocao.frame.model import CoQuan, NguoiKy, NoiNhan, VanBanHanhChinh
from baocao.layout import LayoutFinding, check

SAMPLE = VanBanHanhChinh(
    loai="mau",
    co_quan=CoQuan(ten=["Ủy ban nhân dân", "tỉnh Mẫu"], ten_goi_tat="UBND tỉnh Mẫu", viet_tat="UBND"),
    so=1,
    ky_hieu="BC-UBND",
    dia_danh="Hà Nội",
    ngay=dt.date(2024, 1, 5),
    trich_yeu="Nội dung mẫu",
    noi_nhan=NoiNhan(danh_sach=["Như trên"]),
    nguoi_ky=NguoiKy(tham_quyen="TM.", thay_mat="Ủy ban nhân dân", chuc_vu="Chủ tịch", ho_ten="Nguyễn Văn A"),
)
"""The frame's sample document."""

_TAG_MARKS = (b"{{", b"{%")


def is_template(docx: bytes) -> bool:
    """Whether a .docx holds Jinja tag marks — a hint only: a printed report may
    hold them as text (``check`` then suggests ``--mau``, and checks it as printed).

    >>> is_template(_zip({"word/document.xml": b"<w:t>{{ khung.so_ky_hieu }}</w:t>"}))
    True
    >>> is_template(_zip({"word/document.xml": b"<w:t>S\\xe1\\xbb\\x91: 01/BC-UBND</w:t>"}))
    False
    """
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as package:
            xml = package.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError):
        return False
    return any(mark in xml for mark in _TAG_MARKS)


class _Blank(jinja2.ChainableUndefined):
    """A value the sample does not have: prints nothing, iterates no time, is false,
    and stays blank through attribute access and arithmetic."""

    __slots__ = ()

    def _blank(self, *args: Any, **kwargs: Any) -> _Blank:
        return self

    # jinja2 types these as always raising; here they answer on purpose.
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _blank  # type: ignore[assignment]
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = _blank  # type: ignore[assignment]
    __mod__ = __rmod__ = __pos__ = __neg__ = __call__ = __getitem__ = _blank  # type: ignore[assignment]

    def __lt__(self, other: object) -> bool:  # type: ignore[override]
        return False

    __le__ = __gt__ = __ge__ = __lt__  # type: ignore[assignment]


def _tolerant(function: Callable[..., Any]) -> Callable[..., Any]:
    def apply(value: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(value, jinja2.Undefined):
            return ""
        return function(value, *args, **kwargs)

    return apply


def render_sample(template: bytes, *, template_name: str = "mẫu") -> bytes:
    """``template`` rendered with the sample frame and every other value blank."""
    env = make_environment()
    env.undefined = _Blank
    env.filters.update({name: _tolerant(function) for name, function in BASE_FILTERS.items()})
    return render_docx(template, {"khung": frame_context(SAMPLE)}, template_name=template_name, env=env,
                       isolated=True)


TEMPLATE_RULE = "mau.khong-in-duoc"
"""The rule id of a template that cannot print with the sample (not a rule of the
decree: the layout table :data:`baocao.layout.RULES` holds those)."""


def check_template(template: bytes, *, template_name: str = "mẫu") -> list[LayoutFinding]:
    """The layout findings of ``template`` printed with the sample frame (isolated:
    bounded in time and memory); a template that cannot print is one error finding."""
    try:
        sample = render_sample(template, template_name=template_name)
    except TemplateError as error:
        return [LayoutFinding(
            rule=TEMPLATE_RULE, element="Mẫu", message=f"không in thử được: {error}",
            expected="mẫu đúng cú pháp, chỉ dùng dữ liệu, thẻ và lệnh được phép "
                     "(danh sách: src/baocao/sandbox.py)",
            severity="error", clause="baocao, môi trường cách ly của mẫu",
        )]
    return check(sample)


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return buffer.getvalue()
