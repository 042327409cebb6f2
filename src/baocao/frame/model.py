"""Building blocks every administrative document shares (Decree 30/2020, Phụ lục I).

Each block is a pydantic model whose fields are the YAML keys a clerk writes:
unaccented Vietnamese snake_case, every one with a Vietnamese description that
feeds error messages and the JSON Schema.

The problems the blocks' validators find are the rows of :data:`RULES`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails

from baocao.body.model import PhuLuc
from baocao.body.text import MAX_ITEMS as MAX_ITEMS
from baocao.body.text import MAX_TEXT_CHARS as MAX_TEXT_CHARS
from baocao.body.text import Block as Block
from baocao.body.text import Text as Text
from baocao.consistency import RuleTable
from baocao.document_types import parse_symbol
from baocao.formatting import PartialDate, format_date

_MODEL = "mô hình dữ liệu"
_PL1 = "NĐ 30/2020, Phụ lục I"

RULES = RuleTable(__name__, [
    ("kieu-so-nguyen", "error", _MODEL,
     "cần một số nguyên (ví dụ 12299, không có dấu chấm), nhận được {gia_tri}"),
    ("kieu-ngay", "error", _MODEL,
     "cần một ngày dạng YYYY-MM-DD (ví dụ 2023-09-07), nhận được {gia_tri}"),
    ("ngay-khong-co-that", "error", _MODEL, "ngày «{gia_tri}» không có trên lịch"),
    ("thoi-gian-nguoc", "error", _MODEL,
     "ngày bắt đầu «tu_ngay» ({tu_ngay}) sau ngày kết thúc «den_ngay» ({den_ngay}); kiểm tra lại hai ngày"),
    ("ky-hieu-sai-dang", "error", f"{_PL1}, Mục II.3",
     "số, ký hiệu «{value}» không đúng dạng «số/ký hiệu» (không có dấu cách), ví dụ «596/KH-UBND»"),
    ("nguoi-ky-thieu-dong", "error", f"{_PL1}, Mục II.7.a–b",
     "ký «{tham_quyen}» cần «{truong}»: {noi_dung}, ví dụ «{vi_du}»"),
    ("nguoi-ky-thua-dong", "error", f"{_PL1}, Mục II.7.a–b",
     "«{truong}» chỉ dùng khi ký {khi}; bỏ «{truong}»{hoac}"),
])
"""Every problem the shared blocks' validators raise (``ky-hieu-sai-dang`` is raised by
:func:`split_so_ky_hieu` with this wording)."""

def _not_bool(value: object) -> object:
    if isinstance(value, bool):
        raise RULES.error("kieu-so-nguyen", gia_tri=f"«{str(value).lower()}» (đúng/sai)")
    return value


Count = Annotated[int, Field(ge=0), BeforeValidator(_not_bool)]
"""A count (of households, units …): a non-negative whole number."""

PositiveCount = Annotated[int, Field(ge=1), BeforeValidator(_not_bool)]
"""A count that cannot be zero (a total, the denominator of a rate).

(A ``ge=`` given to ``Field()`` beside a type with a validator is dropped by pydantic,
so the bound lives in the type.)"""


LocatedProblem = tuple[tuple[str | int, ...], str, dict[str, object], object]
"""(location relative to the model, code, the values of its message, the value found)."""


def located_error(
    model: type[BaseModel], rules: RuleTable, problems: list[LocatedProblem]
) -> ValidationError:
    """Errors pointed at fields, for a validator that checks several fields at once.

    Each problem is worded by its row of ``rules``.  Raised from a validator,
    pydantic prefixes the locations with the model's own place in the data, so each
    finding names its exact field.
    """
    return ValidationError.from_exception_data(
        model.__name__,
        [
            InitErrorDetails(type=rules.error(code, **values), loc=loc, input=value)
            for loc, code, values, value in problems
        ],
    )


def check_period(tu_ngay: dt.date, den_ngay: dt.date) -> None:
    """A period runs forwards (the rule ``thoi-gian-nguoc``, shared by every type with a period)."""
    if tu_ngay > den_ngay:
        raise RULES.error(
            "thoi-gian-nguoc",
            tu_ngay=format_date(tu_ngay, style="short"),
            den_ngay=format_date(den_ngay, style="short"),
        )


def split_so_ky_hieu(value: str) -> tuple[str, str]:
    """Split "596/KH-UBND" into ("596", "KH-UBND") (:func:`baocao.document_types.parse_symbol`).

    >>> split_so_ky_hieu("596/KH-UBND")
    ('596', 'KH-UBND')
    >>> split_so_ky_hieu("30/2020/NĐ-CP")
    ('30', '2020/NĐ-CP')
    """
    symbol = parse_symbol(value)
    if symbol is None:
        raise RULES.error("ky-hieu-sai-dang", value=value)
    return symbol.so, symbol.ky_hieu


class NgayBanHanh(Block):
    """A date that a draft may leave partly blank: ``{nam: 2023, thang: 11}``."""

    nam: int = Field(description="Năm (bốn chữ số)", ge=1900, le=2200)
    thang: int | None = Field(None, description="Tháng (để trống trong bản dự thảo)", ge=1, le=12)
    ngay: int | None = Field(None, description="Ngày (để trống trong bản dự thảo)", ge=1, le=31)

    @model_validator(mode="after")
    def _possible(self) -> NgayBanHanh:
        self.as_partial()
        return self

    def as_partial(self) -> PartialDate:
        return PartialDate(self.nam, self.thang, self.ngay)

    def as_date(self) -> dt.date | None:
        """The full date, or None while a part is blank."""
        if self.thang is None or self.ngay is None:
            return None
        return dt.date(self.nam, self.thang, self.ngay)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(value: object) -> object:
    """A date is written YYYY-MM-DD; a bare number is refused (pydantic would read
    20230907 as seconds since 1970)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise RULES.error("ngay-khong-co-that", gia_tri=value) from None
    if isinstance(value, dict):
        return value  # a draft date {nam, thang, ngay}, where allowed
    raise RULES.error("kieu-ngay", gia_tri=f"«{value}»")


Ngay = Annotated[dt.date, BeforeValidator(_iso_date)]
"""A date written YYYY-MM-DD."""

DraftDate = Annotated[dt.date | NgayBanHanh, BeforeValidator(_iso_date)]


class CoQuan(Block):
    """Cơ quan ban hành (ô số 2): the issuing agency, with its chủ quản if any."""

    chu_quan: Text | None = Field(
        None,
        description="Tên cơ quan chủ quản trực tiếp (nếu có), ví dụ «UBND tỉnh Bắc Kạn»",
    )
    ten: list[Text] = Field(
        description=(
            "Tên cơ quan ban hành, mỗi dòng một phần tử như in trên văn bản, "
            "ví dụ [«Ủy ban nhân dân», «thành phố Bắc Kạn»]"
        ),
        min_length=1,
        max_length=4,
    )
    ten_goi_tat: Text = Field(
        description="Tên gọi trong nội dung văn bản, ví dụ «UBND thành phố Bắc Kạn»"
    )
    viet_tat: Text = Field(
        description="Chữ viết tắt tên cơ quan trong ký hiệu văn bản, ví dụ «UBND»",
        pattern=r"^[^\s/-]+$",
    )

    @field_validator("ten", mode="before")
    @classmethod
    def _one_line(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


class VanBanTrichDan(Block):
    """A document cited in the text: Kế hoạch số 596/KH-UBND ngày 07/9/2023 của UBND tỉnh …"""

    loai: Text = Field(description="Tên loại văn bản, ví dụ «Kế hoạch», «Quyết định», «Công văn»")
    so_ky_hieu: Text = Field(description="Số và ký hiệu, ví dụ «596/KH-UBND»")
    ngay: Ngay = Field(description="Ngày ban hành (YYYY-MM-DD)")
    co_quan: Text | None = Field(
        None,
        description="Cơ quan ban hành, ví dụ «UBND tỉnh»; để trống nếu là văn bản của chính cơ quan",
    )
    trich_yeu: Text = Field(
        description="Trích yếu nội dung, bắt đầu bằng «về …» hoặc «về việc …»"
    )

    @field_validator("so_ky_hieu")
    @classmethod
    def _symbol_form(cls, value: str) -> str:
        split_so_ky_hieu(value)
        return value


class NoiNhan(Block):
    """Nơi nhận (ô số 9b): the recipients, the archive line, and free lines after it.

    Each recipient is printed as written after its «- »; the frame adds the «;» only
    where the clerk ended the line with no punctuation of their own (see
    :func:`baocao.frame.context.dong_noi_nhan`)."""

    ghi_chu: Text | None = Field(
        None, description="Dòng ghi chú dưới «Nơi nhận:», ví dụ «Gửi bản điện tử:»"
    )
    danh_sach: list[Text] = Field(
        description=(
            "Các nơi nhận, mỗi nơi một dòng, không cần dấu «-»; dấu «;» cuối dòng được thêm "
            "khi dòng chưa có dấu câu riêng (ví dụ «UBND các xã; (để th/h)» in như đã ghi)"
        ),
        min_length=1,
        max_length=MAX_ITEMS,
    )
    luu: Text = Field(
        "VT",
        description=(
            "Nơi lưu sau «Lưu:», ví dụ «VT» hoặc «VT, LĐTBXH (2)»; dấu «.» cuối dòng "
            "được thêm nếu chưa có (NĐ 30/2020, Phụ lục I, Mục II.9.d)"
        ),
    )
    sau_luu: list[Text] = Field(
        default_factory=list,
        description=(
            "Các dòng in dưới dòng «- Lưu: …», đúng như đã ghi, ví dụ «09 KH» (số bản lưu) "
            "hoặc «PL.(300)» (ký hiệu người soạn thảo và số bản phát hành, ô số 12)"
        ),
        max_length=MAX_ITEMS,
    )

    @field_validator("sau_luu", mode="before")
    @classmethod
    def _one_line(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @field_validator("danh_sach")
    @classmethod
    def _no_dash(cls, value: list[str]) -> list[str]:
        return [item.removeprefix("-").strip() for item in value]


ThamQuyen = Literal["TM.", "KT.", "Q.", "TL.", "TUQ."]


class NguoiKy(Block):
    """Quyền hạn, chức vụ, họ tên người ký (ô số 7a, 7b)."""

    tham_quyen: ThamQuyen | None = Field(
        None,
        description=(
            "Quyền hạn ký: TM. (thay mặt tập thể), KT. (ký thay), Q. (quyền), "
            "TL. (thừa lệnh), TUQ. (thừa ủy quyền); để trống nếu người đứng đầu ký"
        ),
    )
    thay_mat: Text | None = Field(
        None, description="Tập thể được thay mặt khi ký TM., ví dụ «Ủy ban nhân dân»"
    )
    chuc_vu: Text = Field(
        description="Chức vụ người đứng đầu, ví dụ «Chủ tịch» (với KT./TL./TUQ.: chức vụ được ký thay)"
    )
    chuc_vu_nguoi_ky: Text | None = Field(
        None,
        description="Chức vụ của chính người ký khi ký KT./TL./TUQ., ví dụ «Phó Chủ tịch»",
    )
    ho_ten: Text = Field(description="Họ và tên người ký, không ghi học hàm, học vị")

    @model_validator(mode="after")
    def _lines_needed(self) -> NguoiKy:
        missing = "nguoi-ky-thieu-dong"
        if self.tham_quyen == "TM." and not self.thay_mat:
            raise RULES.error(
                missing, tham_quyen="TM.", truong="thay_mat", noi_dung="tên tập thể", vi_du="Ủy ban nhân dân"
            )
        if self.tham_quyen in ("KT.", "TL.", "TUQ.") and not self.chuc_vu_nguoi_ky:
            raise RULES.error(
                missing, tham_quyen=self.tham_quyen, truong="chuc_vu_nguoi_ky",
                noi_dung="chức vụ của chính người ký", vi_du="Phó Chủ tịch",
            )
        if self.tham_quyen != "TM." and self.thay_mat:
            raise RULES.error(
                "nguoi-ky-thua-dong", truong="thay_mat", khi="«TM.»", hoac=" hoặc ghi «tham_quyen: TM.»"
            )
        if self.tham_quyen in (None, "Q.") and self.chuc_vu_nguoi_ky:
            raise RULES.error(
                "nguoi-ky-thua-dong",
                truong="chuc_vu_nguoi_ky",
                khi="«KT.», «TL.», «TUQ.» (hoặc «TM.» rồi «KT.»)",
                hoac=f"; ký «{self.tham_quyen or '(người đứng đầu)'}» chỉ ghi «chuc_vu»",
            )
        return self

    def dong_chuc_vu(self) -> list[str]:
        """The authority and position lines, as printed (before upper-casing).

        >>> NguoiKy(tham_quyen="TM.", thay_mat="Ủy ban nhân dân", chuc_vu="Chủ tịch",
        ...         ho_ten="A").dong_chuc_vu()
        ['TM. Ủy ban nhân dân', 'Chủ tịch']
        >>> NguoiKy(tham_quyen="TM.", thay_mat="Ủy ban nhân dân", chuc_vu="Chủ tịch",
        ...         chuc_vu_nguoi_ky="Phó Chủ tịch", ho_ten="A").dong_chuc_vu()
        ['TM. Ủy ban nhân dân', 'KT. Chủ tịch', 'Phó Chủ tịch']
        >>> NguoiKy(tham_quyen="KT.", chuc_vu="Chủ tịch", chuc_vu_nguoi_ky="Phó Chủ tịch",
        ...         ho_ten="A").dong_chuc_vu()
        ['KT. Chủ tịch', 'Phó Chủ tịch']
        """
        if self.tham_quyen == "TM.":
            lines = [f"TM. {self.thay_mat}"]
            if self.chuc_vu_nguoi_ky:
                return [*lines, f"KT. {self.chuc_vu}", self.chuc_vu_nguoi_ky]
            return [*lines, self.chuc_vu]
        if self.tham_quyen is None:
            return [self.chuc_vu]
        lines = [f"{self.tham_quyen} {self.chuc_vu}"]
        return [*lines, self.chuc_vu_nguoi_ky] if self.chuc_vu_nguoi_ky else lines


class VanBanHanhChinh(Block):
    """The official frame every report type shares: header, title, closing.

    A report type's model subclasses this and adds its body.
    """

    loai: str = Field(description="Loại báo cáo (tên đã đăng ký), ví dụ «ra-soat-ho-ngheo»")
    co_quan: CoQuan = Field(description="Cơ quan ban hành (ô số 2)")
    so: int | None = Field(
        None,
        description="Số văn bản; để trống trong bản dự thảo (in «Số:      /BC-UBND»)",
        ge=1,
    )
    ky_hieu: Text = Field(
        description="Ký hiệu văn bản sau dấu «/», ví dụ «BC-UBND»", pattern=r"^[^\s/]+$"
    )
    dia_danh: Text = Field(description="Địa danh ghi trước ngày tháng, ví dụ «TP. Bắc Kạn»")
    ngay: DraftDate = Field(
        description=(
            "Ngày ban hành: YYYY-MM-DD, hoặc {nam, thang, ngay} với phần để trống "
            "trong bản dự thảo"
        )
    )
    ten_loai: Text = Field("Báo cáo", description="Tên loại văn bản, ví dụ «Báo cáo»")
    trich_yeu: Text = Field(description="Trích yếu nội dung (dòng dưới tên loại)")
    kinh_gui: list[Text] = Field(
        default_factory=list,
        description=(
            "«Kính gửi:» (ô số 9a): cơ quan cấp trên nhận báo cáo, tờ trình, công văn; "
            "mỗi nơi một phần tử, không cần dấu «-» và «;»"
        ),
    )
    noi_nhan: NoiNhan = Field(description="Nơi nhận (ô số 9b)")
    nguoi_ky: NguoiKy = Field(description="Người ký (ô số 7)")
    phu_luc: list[PhuLuc] = Field(
        default_factory=list,
        max_length=30,
        description=(
            "Các phụ lục, in sau chữ ký, mỗi phụ lục từ trang mới với số trang riêng "
            "(«PHỤ LỤC», hoặc «PHỤ LỤC I, II …» khi có nhiều)"
        ),
    )

    @field_validator("kinh_gui", mode="before")
    @classmethod
    def _kinh_gui_list(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @field_validator("kinh_gui")
    @classmethod
    def _kinh_gui_bare(cls, value: list[str]) -> list[str]:
        return [item.removeprefix("-").strip().rstrip(";.").strip() for item in value]

    def ngay_ban_hanh(self) -> dt.date | PartialDate:
        """The issue date as the formatting functions take it."""
        if isinstance(self.ngay, NgayBanHanh):
            full = self.ngay.as_date()
            return full if full is not None else self.ngay.as_partial()
        return self.ngay

    def ngay_day_du(self) -> dt.date | None:
        """The full issue date, or None in a draft."""
        value = self.ngay_ban_hanh()
        return value if isinstance(value, dt.date) else None
