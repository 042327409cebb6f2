"""The blocks of a body, as a clerk writes them in YAML (``noi_dung``).

A body is a list of blocks in the order they are printed::

    noi_dung:
      - Căn cứ Thông tư số 10/2022/TT-BLĐTBXH …;          # a paragraph
      - muc: Mục đích, yêu cầu                            # I. MỤC ĐÍCH, YÊU CẦU
        noi_dung:
          - khoan: Mục đích                               # 1. Mục đích
            noi_dung:
              - danh_sach:                                # - …
                  - Theo dõi, kiểm tra …
                  - y: Nội dung giám sát của chủ chương trình
                    danh_sach:                            #   + …
                      - Theo dõi …
      - danh_so: [Sở Tài chính: …, UBND các xã: …]         # 1. … 2. … (not bold)
      - bang: {cot: [STT, Nội dung], dong: [[1, …]]}      # a table
      - ngat_trang: true                                  # a page break

Headings are ``muc`` (I.), ``khoan`` (1.), ``tieu_khoan`` (1.1.) and ``diem`` (a)),
each numbered automatically among its siblings; ``so: "II."`` prints a label as
given and the next ones continue from it.  A label typed into the text as well
(«I. I.», «1. 1.», «a) a)», «- - ») is a located error (``nhan-lap``): the number is
printed once, by the frame, so a pasted label must go.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from baocao.body.text import MAX_ITEMS, Block, Text
from baocao.consistency import RuleTable
from baocao.formatting import format_number

RULES = RuleTable(__name__, [
    ("nhan-lap", "error", "mô hình dữ liệu",
     "«{nhan}» ở đầu nội dung lặp lại nhãn mà {loai} tự đánh; hãy bỏ «{nhan}» khỏi nội dung"
     "{goi_y}"),
    ("khoi-la", "error", "mô hình dữ liệu",
     "khối nội dung không rõ loại: một khối là một đoạn văn (chuỗi) hoặc có đúng một khóa chính "
     "trong muc, khoan, tieu_khoan, diem, doan, danh_sach, danh_so, bang, ngat_trang"),
    ("danh-sach-qua-sau", "error", "mô hình dữ liệu",
     "danh sách chỉ có ba cấp («-», «+», rồi một cấp không dấu); ý ở cấp thứ ba không có "
     "«danh_sach» con"),
    ("bang-le-o", "error", "mô hình dữ liệu",
     "dòng {dong} của bảng chiếm {co} cột, nhưng bảng có {so_cot} cột (kể cả ô gộp «gop_cot», "
     "«gop_dong» từ dòng trên)"),
    ("bang-gop-qua", "error", "mô hình dữ liệu",
     "ô gộp «gop_dong: {gop}» ở dòng {dong} vượt quá cuối bảng ({con} dòng còn lại)"),
    ("tong-cong-sai", "error", "mô hình dữ liệu",
     "dòng tổng cộng ghi {ghi} ở cột {cot} («{ten}»), nhưng cộng các dòng được {tinh}"),
    ("do-rong-sai", "error", "mô hình dữ liệu",
     "độ rộng cột «{gia_tri}» không đọc được: ghi một số (tỷ lệ, ví dụ 2) hoặc số kèm «cm»/«mm»"),
])
"""The problems the blocks' validators raise."""

HEADING_KINDS = ("muc", "khoan", "tieu_khoan", "diem")
"""The heading keys, from the highest level to the lowest."""

HEADING_NAMES = {"muc": "mục «I.»", "khoan": "khoản «1.»", "tieu_khoan": "tiểu khoản «1.1.»",
                 "diem": "điểm «a)»"}

LABELS = {
    "muc": re.compile(r"^(?P<nhan>[IVXLC]+\.)\s"),
    "khoan": re.compile(r"^(?P<nhan>\d+\.)\s"),
    "tieu_khoan": re.compile(r"^(?P<nhan>\d+\.\d+\.?)\s"),
    "diem": re.compile(r"^(?P<nhan>[a-zđ]\))\s"),
    "so": re.compile(r"^(?P<nhan>\d+[.)])\s"),
    "chu": re.compile(r"^(?P<nhan>[a-zđ]\))\s"),
    "ngoac": re.compile(r"^(?P<nhan>\(\d+\))\s"),
    "y": re.compile(r"^(?P<nhan>[-+•–])\s"),
}
"""A label at the start of a text, per kind of numbering."""


def _no_label(kind: str, text: str) -> str:
    match = LABELS[kind].match(text)
    if match is not None:
        hint = "" if kind == "y" else f", hoặc ghi «so: \"{match['nhan']}\"» nếu văn bản dùng số này"
        name = "danh sách" if kind == "y" else HEADING_NAMES.get(kind, "danh sách đánh số")
        raise RULES.error("nhan-lap", nhan=match["nhan"], loai=name, goi_y=hint)
    return text


# --- paragraphs, lists, page breaks ---------------------------------------------------------


class Doan(Block):
    """A paragraph of narrative (``**đậm**``, ``*nghiêng*``)."""

    doan: Text = Field(description="Nội dung đoạn văn; «**đậm**», «*nghiêng*»")


class Y(Block):
    """One item of a list, maybe with a list of its own one level down."""

    y: Text = Field(description="Nội dung ý (không gõ «-», «+» hay số ở đầu: khung tự in)")
    so: Text | None = Field(None, description="Nhãn in đúng như ghi (danh sách đánh số), ví dụ «5.»")
    danh_sach: list[Item] = Field(
        default_factory=list, max_length=MAX_ITEMS,
        description="Các ý con, thụt vào một cấp («-» → «+» → cấp không dấu)",
    )

    @field_validator("y")
    @classmethod
    def _unlabelled(cls, value: str) -> str:
        return _no_label("y", value)


def _item(value: object) -> object:
    return {"y": value} if isinstance(value, str) else value


Item = Annotated[Y, BeforeValidator(_item)]
"""A list item: a text, or ``{y: …, danh_sach: […]}``."""


class DanhSach(Block):
    """A list: "-" items, their "+" items, then one unmarked level."""

    danh_sach: list[Item] = Field(
        min_length=1, max_length=MAX_ITEMS, description="Các ý gạch đầu dòng «- …» (ý con: «+ …»)"
    )

    @model_validator(mode="after")
    def _three_levels(self) -> DanhSach:
        for top in self.danh_sach:
            for second in top.danh_sach:
                for third in second.danh_sach:
                    if third.danh_sach:
                        raise RULES.error("danh-sach-qua-sau")
        return self


class DanhSo(Block):
    """Numbered paragraphs without headings: "1.", "2." (or "a)", "b)"), not bold."""

    danh_so: list[Item] = Field(
        min_length=1, max_length=MAX_ITEMS,
        description="Các đoạn đánh số «1. …», «2. …» (không in đậm); ý con là gạch đầu dòng «-»",
    )
    kieu: Literal["1.", "a)", "(1)"] = Field(
        "1.", description="Kiểu số: «1.» (mặc định), «a)» hoặc «(1)»"
    )

    @model_validator(mode="after")
    def _unlabelled(self) -> DanhSo:
        for item in self.danh_so:
            _no_label({"1.": "so", "a)": "chu", "(1)": "ngoac"}[self.kieu], item.y)
        return self


class NgatTrang(Block):
    """A page break."""

    ngat_trang: Literal[True] = Field(description="«true»: sang trang mới tại đây")


# --- tables ---------------------------------------------------------------------------------

Align = Literal["trai", "giua", "phai", "deu"]

MAX_TABLE_ROWS = 60_000
"""The most data rows of a table: the poverty report's summary table, built from a
spreadsheet, holds up to 50,000 units with their group subtotals and totals."""

_WIDTH = re.compile(r"^\s*(?P<so>\d+(?:[.,]\d+)?)\s*(?P<don_vi>cm|mm)?\s*$")


def _width(value: object) -> object:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, str) and _WIDTH.match(value):
        return value
    raise RULES.error("do-rong-sai", gia_tri=value)


Width = Annotated[str, BeforeValidator(_width)]
"""A column width: a relative share ("2") or an absolute one ("2,5cm", "25mm")."""


def parse_width(value: str) -> tuple[Decimal, str | None]:
    """(number, unit or None) of a :data:`Width`.

    >>> parse_width("2,5cm"), parse_width("3")
    ((Decimal('2.5'), 'cm'), (Decimal('3'), None))
    """
    match = _WIDTH.match(value)
    assert match is not None
    return Decimal(match["so"].replace(",", ".")), match["don_vi"]


def _cot(value: object) -> object:
    return {"ten": value} if isinstance(value, str) else value


class Cot(Block):
    """A column: its title, width, alignment."""

    ten: Text | None = Field(None, description="Tiêu đề cột (bỏ trống khi tiêu đề ghi ở «dau»)")
    rong: Width | None = Field(
        None, description="Độ rộng: tỷ lệ (ví dụ 1, 3) hoặc cố định («2,5cm», «25mm»); mặc định chia đều"
    )
    can: Align = Field("giua", description="Căn lề các ô của cột: trai, giua (mặc định), phai, deu")
    cong: bool = Field(False, description="Cột được cộng ở dòng tổng cộng («tong: true»)")


def _number(value: object) -> object:
    if isinstance(value, float):
        return Decimal(str(value))
    return value


CellValue = Annotated[int | Decimal | str | None, BeforeValidator(_number)]


class OBang(Block):
    """A table cell: a text or a number (printed the Vietnamese way), maybe merged."""

    o: CellValue = Field(None, description="Nội dung ô: chữ (nhiều dòng được) hoặc số (in 1.285; 1,5)")
    gop_cot: int = Field(1, ge=1, le=30, description="Số cột ô chiếm (gộp ngang)")
    gop_dong: int = Field(1, ge=1, le=500, description="Số dòng ô chiếm (gộp dọc)")
    dam: bool = Field(False, description="In đậm cả ô")
    nghieng: bool = Field(False, description="In nghiêng cả ô")
    can: Align | None = Field(None, description="Căn lề riêng của ô (mặc định: của cột)")

    @field_validator("o")
    @classmethod
    def _text(cls, value: object) -> object:
        if isinstance(value, str):
            return value.strip()
        return value

    def hien_thi(self) -> str:
        """The cell's text as printed."""
        if self.o is None:
            return ""
        if isinstance(self.o, str):
            return self.o
        return format_number(self.o)

    def template_data(self) -> object:
        """What a template (and the body's filters) see of the cell: a plain one — no merge,
        emphasis or alignment of its own — is its value, any other the record of its fields
        (a large table is mostly plain cells: one value each instead of a record)."""
        if self.gop_cot == 1 and self.gop_dong == 1 and not (self.dam or self.nghieng) and self.can is None:
            return self.o
        return {name: getattr(self, name) for name in type(self).model_fields}


def _o(value: object) -> object:
    return value if isinstance(value, dict | OBang) else {"o": value}


Cell = Annotated[OBang, BeforeValidator(_o)]


class Dong(Block):
    """A row: its cells, maybe bold or italic as a whole."""

    cac_o: list[Cell] = Field(description="Các ô của dòng")
    dam: bool | None = Field(
        None,
        description=(
            "In đậm cả dòng (dòng nhóm «I», «II»); mặc định: dòng tiêu đề và dòng tổng in đậm, "
            "dòng dữ liệu không; «false» ở dòng tiêu đề để in thường (dòng mã cột A, B, 1, 2 …)"
        ),
    )
    nghieng: bool = Field(False, description="In nghiêng cả dòng")
    co_chu: int | None = Field(
        None, ge=8, le=14,
        description="Cỡ chữ của dòng (pt), ví dụ 10 cho dòng mã cột; mặc định cỡ chữ của bảng",
    )


def _dong(value: object) -> object:
    return {"cac_o": value} if isinstance(value, list) else value


Row = Annotated[Dong, BeforeValidator(_dong)]
"""A row: a list of cells, or ``{cac_o: […], dam: true}``."""


class BangDuLieu(Block):
    """A table as real documents have it."""

    tieu_de: Text | None = Field(None, description="Tên bảng, in đậm ở giữa phía trên bảng")
    don_vi_tinh: Text | None = Field(None, description="Đơn vị tính, in nghiêng bên phải phía trên bảng")
    cot: list[Annotated[Cot, BeforeValidator(_cot)]] = Field(
        min_length=1, max_length=30, description="Các cột: tên, hoặc {ten, rong, can, cong}"
    )
    dau: list[Row] | None = Field(
        None, description="Các dòng tiêu đề khi có ô gộp (mặc định: một dòng tên các cột)"
    )
    dong: list[Row] = Field(min_length=1, max_length=MAX_TABLE_ROWS, description="Các dòng dữ liệu")
    tong: bool | Row | None = Field(
        None,
        description=(
            "Dòng tổng cộng: «true» để tự cộng các cột «cong», hoặc các ô của dòng tổng đã ghi "
            "(được đối chiếu với tổng các dòng)"
        ),
    )
    lap_tieu_de: bool = Field(True, description="Lặp lại dòng tiêu đề ở đầu mỗi trang")

    @model_validator(mode="after")
    def _shape(self) -> BangDuLieu:
        header = self.dau if self.dau is not None else [Dong(cac_o=[OBang(o=c.ten) for c in self.cot])]
        width = len(self.cot)
        for field, rows in (("dau", header), ("dong", self.dong)):
            try:
                check_grid(rows, width)
            except PydanticCustomError as error:
                row = int((error.context or {}).get("chi_so", 0))
                raise _located(error, (field, row) if field == "dong" or self.dau else ("cot",)) from None
        if isinstance(self.tong, Dong):
            try:
                check_grid([self.tong], width)
                self._check_totals(self.tong)
            except PydanticCustomError as error:
                raise _located(error, ("tong",)) from None
        return self

    def header_rows(self) -> list[Dong]:
        """The header rows (given, or one row of the column titles)."""
        if self.dau is not None:
            return list(self.dau)
        return [Dong(cac_o=[OBang(o=c.ten, dam=True) for c in self.cot])]

    def _check_totals(self, total: Dong) -> None:
        sums = column_sums(self)
        for column, cell in next(grid([total], len(self.cot))):
            given = number_of(cell)
            if given is None or cell.gop_cot != 1:
                continue
            computed = sums[column] or Decimal(0)
            if given != computed:
                raise RULES.error(
                    "tong-cong-sai", ghi=format_number(given), cot=column + 1,
                    ten=self.cot[column].ten or "", tinh=format_number(computed),
                )


PLAIN_CELLS = (str, int, Decimal, type(None))
"""The types of a plain cell in a table's template data (:meth:`OBang.template_data`):
its value, spanning one column and one row."""


def number_of(cell: Any) -> Decimal | None:
    """The number a cell (:class:`OBang`, its template data or a plain value) holds, if any."""
    value = cell if isinstance(cell, PLAIN_CELLS) else cell.o
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return Decimal(value)
    return None


def column_sums(table: Any) -> list[Decimal | None]:
    """The sum of each grid column of a table (:class:`BangDuLieu` or its template data)
    over its data rows; None where no cell holds a number."""
    sums: list[Decimal | None] = [None] * len(table.cot)
    for placed in grid(table.dong, len(table.cot)):
        for column, cell in placed:
            value = number_of(cell)
            if value is not None and (isinstance(cell, PLAIN_CELLS) or cell.gop_cot == 1):
                sums[column] = (sums[column] or Decimal(0)) + value
    return sums


def total_row(table: Any) -> Any:
    """The totals row a table prints: the given one, one computed from the ``cong`` columns
    (or every numeric column but the first) for ``tong: true``, or None."""
    if table.tong is None or table.tong is False:
        return None
    if table.tong is not True:
        return table.tong
    sums = column_sums(table)
    summed = [i for i, c in enumerate(table.cot) if c.cong] or [
        i for i, s in enumerate(sums) if s is not None and i > 0
    ]
    lead = min(summed) if summed else len(table.cot)
    cells = [OBang(o="Tổng cộng", gop_cot=lead)] if lead else []
    cells += [OBang(o=sums[i] if i in summed else None) for i in range(lead, len(table.cot))]
    return Dong(cac_o=cells, dam=True)


def grid(rows: Sequence[Any], width: int, *, first_row: int = 1) -> Iterator[list[tuple[int, Any]]]:
    """Each row's cells with the grid column each starts at, honouring the cells that
    rows above span into (``gop_dong``), one row at a time: across rows only the columns
    spanned into from above are kept, so a long table's layout never exists at once.  A
    row that does not fill ``width`` columns exactly is an error naming it (``first_row``
    is the number of the first), raised when that row is reached.  The rows are
    :class:`Dong` or their template data, whose plain cells are values."""
    covered: dict[int, set[int]] = {}  # row index -> the grid columns cells above span into
    count = len(rows)
    for r, row in enumerate(rows):
        taken = covered.pop(r, None)
        column = 0
        placed: list[tuple[int, Any]] = []
        for cell in row.cac_o:
            if taken:
                while column in taken:
                    column += 1
            placed.append((column, cell))
            if isinstance(cell, PLAIN_CELLS):
                column += 1
                continue
            span = cell.gop_dong
            if span > 1:
                if span > count - r:
                    raise _at(RULES.error("bang-gop-qua", gop=span, dong=first_row + r, con=count - r), r)
                for dr in range(1, span):
                    covered.setdefault(r + dr, set()).update(range(column, column + cell.gop_cot))
            column += cell.gop_cot
        if taken:
            while column in taken:
                column += 1
        if column != width:
            raise _at(RULES.error("bang-le-o", dong=first_row + r, co=column, so_cot=width), r)
        yield placed


def check_grid(rows: Sequence[Any], width: int) -> None:
    """Raise :func:`grid`'s error if a row of ``rows`` does not fill ``width`` columns."""
    deque(grid(rows, width), maxlen=0)


def _at(error: PydanticCustomError, row: int) -> PydanticCustomError:
    """The error with the index of the row it is about (for :func:`_located`)."""
    return PydanticCustomError(error.type, error.message_template, {**(error.context or {}), "chi_so": row})


def _located(error: PydanticCustomError, loc: tuple[str | int, ...]) -> ValidationError:
    """``error`` pointed at ``loc`` inside the table (pydantic prefixes the table's place)."""
    context = {k: v for k, v in (error.context or {}).items() if k != "chi_so"}
    return ValidationError.from_exception_data(
        "BangDuLieu",
        [InitErrorDetails(type=PydanticCustomError(error.type, error.message_template, context),
                          loc=loc, input=None)],
    )


class Bang(Block):
    """A table block."""

    bang: BangDuLieu = Field(description="Bảng: cột, dòng tiêu đề, dòng dữ liệu, dòng tổng")


# --- headings with their own blocks ---------------------------------------------------------


# ``Khoi`` (below) is named before it is defined, as ``Item`` is in ``Y``: the names are
# resolved when a model is first built (validators are deferred, see ``Block``).
class _DeMuc(Block):
    so: Text | None = Field(None, description="Nhãn in đúng như ghi, ví dụ «II.» (các đề mục sau đánh tiếp)")
    noi_dung: list[Khoi] = Field(
        default_factory=list, max_length=MAX_ITEMS, description="Các khối nội dung của đề mục"
    )

    @property
    def kind(self) -> str:
        raise NotImplementedError

    @property
    def title(self) -> str:
        return str(getattr(self, self.kind))


class Muc(_DeMuc):
    """A section "I. …" (its title printed in capitals, bold)."""

    muc: Text = Field(description="Tên mục, in hoa đậm sau số La Mã, ví dụ «Mục đích, yêu cầu»")

    @property
    def kind(self) -> str:
        return "muc"

    @field_validator("muc")
    @classmethod
    def _unlabelled(cls, value: str) -> str:
        return _no_label("muc", value)


class Khoan(_DeMuc):
    """A subsection "1. …" (bold)."""

    khoan: Text = Field(description="Tên khoản, in đậm sau «1.», ví dụ «Mục đích»")

    @property
    def kind(self) -> str:
        return "khoan"

    @field_validator("khoan")
    @classmethod
    def _unlabelled(cls, value: str) -> str:
        return _no_label("khoan", value)


class TieuKhoan(_DeMuc):
    """A sub-subsection "1.1. …" (bold), numbered after its khoản."""

    tieu_khoan: Text = Field(description="Tên tiểu khoản, in đậm sau «1.1.»")

    @property
    def kind(self) -> str:
        return "tieu_khoan"

    @field_validator("tieu_khoan")
    @classmethod
    def _unlabelled(cls, value: str) -> str:
        return _no_label("tieu_khoan", value)


class Diem(_DeMuc):
    """A point heading "a) …" (bold)."""

    diem: Text = Field(description="Tên điểm, in đậm sau «a)»")

    @property
    def kind(self) -> str:
        return "diem"

    @field_validator("diem")
    @classmethod
    def _unlabelled(cls, value: str) -> str:
        return _no_label("diem", value)


_KEYS = {"muc": "Muc", "khoan": "Khoan", "tieu_khoan": "TieuKhoan", "diem": "Diem", "doan": "Doan",
         "danh_sach": "DanhSach", "danh_so": "DanhSo", "bang": "Bang", "ngat_trang": "NgatTrang"}


def _kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "Doan"
    if isinstance(value, dict | Block):
        keys = value if isinstance(value, dict) else type(value).model_fields
        found = [_KEYS[k] for k in keys if k in _KEYS]
        if len(found) == 1:
            return found[0]
    return None


def _paragraph(value: object) -> object:
    return {"doan": value} if isinstance(value, str) else value


Khoi = Annotated[
    Annotated[Muc, Tag("Muc")]
    | Annotated[Khoan, Tag("Khoan")]
    | Annotated[TieuKhoan, Tag("TieuKhoan")]
    | Annotated[Diem, Tag("Diem")]
    | Annotated[Doan, Tag("Doan")]
    | Annotated[DanhSach, Tag("DanhSach")]
    | Annotated[DanhSo, Tag("DanhSo")]
    | Annotated[Bang, Tag("Bang")]
    | Annotated[NgatTrang, Tag("NgatTrang")],
    Discriminator(_kind, custom_error_type="khoi-la", custom_error_message=RULES.message("khoi-la")),
    BeforeValidator(_paragraph),
]
"""One block of a body: a paragraph (a plain string), a heading with its blocks, a
list, numbered paragraphs, a table or a page break."""

NoiDung = Annotated[list[Khoi], Field(max_length=MAX_ITEMS)]
"""A body: blocks in document order."""


# --- appendices -----------------------------------------------------------------------------


class PhuLuc(Block):
    """An appendix (phụ lục), printed after the signature on pages of its own."""

    ten: Text = Field(description="Tên phụ lục, in hoa đậm ở giữa, ví dụ «Đối tượng, địa điểm quan trắc»")
    nhan: Text | None = Field(
        None,
        description=(
            "Nhãn in đúng như ghi, ví dụ «Phụ lục» hay «PHỤ LỤC SỐ 01»; mặc định «PHỤ LỤC» khi có một "
            "phụ lục, «PHỤ LỤC I», «PHỤ LỤC II» … khi có nhiều"
        ),
    )
    kem_theo: Text | None = Field(
        None,
        description=(
            "Dòng «(Kèm theo …)» in đúng như ghi; mặc định khung tự ghi «(Kèm theo <tên loại> số …"
            " ngày … của …)», để trống số và ngày trong bản dự thảo"
        ),
    )
    ngang: bool | None = Field(
        None, description="Trang ngang (true) hay dọc (false); mặc định: ngang khi có bảng rộng"
    )
    noi_dung: NoiDung = Field(min_length=1, description="Nội dung phụ lục: các khối như thân văn bản")

    def widest_table(self) -> int:
        """The most columns of a table in this appendix."""
        return max((len(b.bang.cot) for b in walk(self.noi_dung) if isinstance(b, Bang)), default=0)


def walk(blocks: list[Any]) -> list[Any]:
    """Every block, depth first (headings' own blocks included)."""
    out: list[Any] = []
    for block in blocks:
        out.append(block)
        if isinstance(block, _DeMuc):
            out.extend(walk(block.noi_dung))
    return out

