"""The numbers of Decree 30/2020/NĐ-CP (Phụ lục I), written once.

Every figure the frame prints and every range the layout checker accepts is
here, as python-docx lengths (:class:`~docx.shared.Mm`, :class:`~docx.shared.Pt`,
:class:`~docx.shared.Twips`) or plain ratios:

* the **decree's ranges** (``Range``): paper, margins, font sizes per element,
  indents, spacing, the share of a line its rule takes — ``../shared/spec/nd30.md``
  §1, §3, §11;
* the **frame's values** inside them: what :mod:`baocao.frame.builder` prints,
  taken from the decree's "Mẫu chữ" table and its Mẫu 1.4 model file (§2.3, §3.1);
* the **checker's slack**: how far a value read from a document may stray from
  a range before :mod:`baocao.layout` reports it (rounding in Word and
  LibreOffice, estimated text widths).

The frame, its context and the checker read these names; the checker's rule
descriptions are written from them.  This module imports nothing of baocao.

>>> A4.width.mm, MARGIN_LEFT.allowed.low.mm, QUOC_HIEU.allowed.high.pt
(210.0, 30.0, 13.0)
>>> MARGIN_TOP.frame.twips, TEXT_WIDTH.twips  # one twip inside the decree's 25 mm
(1417, 8789)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Generic, TypeVar

from docx.shared import Length, Mm, Pt, Twips

T = TypeVar("T", Length, float, Fraction)


@dataclass(frozen=True)
class Range(Generic[T]):
    """From ``low`` to ``high``, both included."""

    low: T
    high: T

    def __contains__(self, value: object) -> bool:
        return bool(self.low <= value <= self.high)  # type: ignore[operator]


@dataclass(frozen=True)
class Paper:
    """A sheet: its nominal size (the decree's) and the size the frame writes."""

    width: Length
    height: Length
    frame_width: Length
    frame_height: Length


@dataclass(frozen=True)
class Setting:
    """A length the decree bounds: its range and the value the frame uses."""

    allowed: Range[Length]
    frame: Length


@dataclass(frozen=True)
class Margin(Setting):
    """A page margin."""

    annex: Length
    """What the decree's own annex file (Phuluc1.docx) uses."""


@dataclass(frozen=True)
class FontSize:
    """The size of one element: the value the frame prints and the decree's range."""

    frame: Length
    allowed: Range[Length]

    @property
    def points(self) -> tuple[float, float]:
        """The range in points, as the checker reads run sizes."""
        return self.allowed.low.pt, self.allowed.high.pt


def _size(frame: float, low: float, high: float | None = None) -> FontSize:
    return FontSize(Pt(frame), Range(Pt(low), Pt(low if high is None else high)))


# --- page (Phụ lục I, Mục I.1–3; nd30.md §1) -------------------------------------

A4 = Paper(Mm(210), Mm(297), Twips(11906), Twips(16838))
"""A4 portrait: 210 × 297 mm; the frame writes 11906 × 16838 twips, as Word does."""

# The annex file uses top 1418 and left 1985 twips, which are 25.01 and 35.02 mm: just
# over the ranges' upper ends.  One twip less keeps the same look inside the ranges
# (24.99 and 34.99 mm); likewise the right margin is 1133 twips (19.99 mm), not 1134.
MARGIN_TOP = Margin(Range(Mm(20), Mm(25)), Twips(1417), Twips(1418))
MARGIN_BOTTOM = Margin(Range(Mm(20), Mm(25)), Twips(1134), Twips(1134))
MARGIN_LEFT = Margin(Range(Mm(30), Mm(35)), Twips(1984), Twips(1985))
MARGIN_RIGHT = Margin(Range(Mm(15), Mm(20)), Twips(1133), Twips(1134))
HEADER_DISTANCE = Twips(567)
"""Top of the page to the page-number line (the annex file's 10 mm)."""

TEXT_WIDTH = Twips(A4.frame_width.twips - MARGIN_LEFT.frame.twips - MARGIN_RIGHT.frame.twips)
"""The frame's text area: page width less its left and right margins."""
LANDSCAPE_TEXT_WIDTH = Twips(A4.frame_height.twips - MARGIN_LEFT.frame.twips - MARGIN_RIGHT.frame.twips)
"""The text area of a landscape page (an appendix turned for a wide table): 24,2 cm."""
WIDEST_TEXT = Twips(
    A4.frame_width.twips - MARGIN_LEFT.allowed.low.twips - MARGIN_RIGHT.allowed.high.twips
)
"""The checker's text area when a document declares no page: A4 less 30 and 20 mm."""

FONT = "Times New Roman"
"""Phụ lục I, Mục I.4."""

# --- font sizes per element (Mục II, III; nd30.md §3, §3.1, §7, §8) -----------------

QUOC_HIEU = _size(13, 12, 13)
TIEU_NGU = _size(14, 13, 14)
CO_QUAN = _size(13, 12, 13)
"""Both the chủ quản and the issuing agency."""
SO_KY_HIEU = _size(13, 13)
DIA_DANH = _size(14, 13, 14)
TEN_LOAI = _size(14, 13, 14)
TRICH_YEU = _size(14, 13, 14)
V_V = _size(12, 12, 13)
"""The "V/v …" trích yếu of a công văn (ô 5b)."""
NOI_DUNG = _size(14, 13, 14)
"""The body text."""
KINH_GUI = _size(14, 13, 14)
NOI_NHAN = _size(12, 12)
"""The word "Nơi nhận:"."""
DANH_SACH_NOI_NHAN = _size(11, 11)
CHUC_VU = _size(14, 13, 14)
"""Quyền hạn and chức vụ of the signer."""
HO_TEN = _size(14, 13, 14)
SO_TRANG = _size(14, 13, 14)
"""Page numbers."""
PHU_LUC = _size(14, 14)
"""The "Phụ lục I" heading of an appendix."""
TEN_PHU_LUC = _size(14, 13, 14)
"""The appendix's title."""

# Tables: the decree sets no size; these are the frame's.
BANG = Pt(13)
"""A table in the body."""
BANG_PHU_LUC = Pt(12)
"""A data table in an appendix."""
MA_COT = Pt(10)
"""The column-code row and the template's marker cells of an appendix table."""

# --- body paragraphs (Mục II.6.e; nd30.md §3, §11) ---------------------------------

FIRST_LINE_INDENT = Setting(Range(Mm(10), Mm(12.7)), Twips(567))
"""1 cm or 1.27 cm; the frame indents 1 cm (567 twips), as Mẫu 1.4 does."""
PARAGRAPH_GAP = Pt(6)
"""At least 6 pt between paragraphs; the frame puts 6 pt before each."""
LINE_SPACING = Range(1.0, 1.5)
"""From single to 1.5 lines; the frame sets single lines."""

# --- spacing the decree leaves open (nd30.md §12.7): the frame's choices ------------

SPACE_BEFORE_TITLE = Pt(18)
"""Between the header and the tên loại."""
SPACE_HEADER_LINE = Pt(6)
"""Before the "Số:" and date lines, the V/v line, Kính gửi, the closing table."""
SPACE_AFTER_RULE = Pt(6)
"""After the rule under the trích yếu."""
RULE_LINE = Pt(12)
"""The height of the paragraph whose bottom border is a rule (under the agency, the tiêu
ngữ, the trích yếu): the rule falls about 16 pt under the text's baseline, where the line
of underscores of Mẫu 1.4 and of the decree itself prints — a clear gap, not an underline."""
SPACE_AFTER_KEM_THEO = Pt(12)
"""After the "(Kèm theo …)" line of an appendix."""

# --- the header and closing tables (Mẫu 1.4; nd30.md §2.3) --------------------------

HEADER_COLUMNS = (Twips(3829), Twips(5670))
"""Agency | quốc hiệu: 6.75 cm | 10 cm (Mẫu 1.4)."""
HEADER_INDENT = Twips(-199)
"""The header table starts 0.35 cm left of the margin, as Mẫu 1.4's does."""
CLOSING_COLUMNS = (Twips(3276), Twips(TEXT_WIDTH.twips - 3276))
"""Nơi nhận | signature: 5.78 cm (Mẫu 1.1's Nơi nhận column) | the rest of the text width,
9.72 cm.  Mẫu 1.4's Nơi nhận column (2994 twips, 5.28 cm) wraps three of the seven
recipients of a district report at 11 pt; the model forms' Nơi nhận columns run from 2592
to 3884 twips.  The model forms were drawn on a 16.5 cm text width; the frame's is 15.5 cm,
so the signature column is narrower than theirs and the table stays inside the margins."""
CLOSING_INDENT = Twips(0)
"""Every model form's closing table starts at the margin (indent 0): "Nơi nhận:" is flush
with the body's left edge (Mục II.9.d)."""
NOI_NHAN_HANG = Twips(130)
"""A recipient that wraps continues under its text, past its «- » (about 130 twips at 11 pt)."""
CELL_MARGIN = Twips(108)
"""Word's default left and right cell margin (0.19 cm), which the frame's tables keep."""

# "Kính gửi:" (ô 9a): its first line starts where the decree's own Phụ lục III forms put
# it; the dashes of several recipients line up under the colon ("Kính gửi" is about 990
# twips long at 14 pt), as the decree's text asks.
KINH_GUI_INDENT = Twips(1982)
KINH_GUI_ITEMS = Twips(2970)

# --- rules under the tiêu ngữ, the agency and the trích yếu (Mục II.1.b, 2.b, 5.b) -----

SHORT_RULE_SHARE = Range(Fraction(1, 3), Fraction(1, 2))
"""The rules under the agency and the trích yếu are 1/3 to 1/2 of their line."""
FRAME_RULE_SHARE = 0.4
"""The frame draws the length nearest this share of the printed line."""
RULE_TIEU_NGU = Twips(3430)
"""As long as the tiêu ngữ (3428 twips at 14 pt bold)."""
RULE_CO_QUAN_LENGTHS = tuple(Twips(n) for n in (400, 550, 700, 900, 1100, 1300, 1500))
RULE_TRICH_YEU_LENGTHS = tuple(
    Twips(n) for n in (450, 700, 1000, 1400, 1800, 2200, 2700, 3200, 3500)
)
"""The template holds one rule paragraph per length, each under a condition on
``khung.gach_co_quan`` / ``khung.gach_trich_yeu``; the context picks the one nearest
:data:`FRAME_RULE_SHARE` of the printed line, so a short trích yếu gets a short rule."""

# --- what the checker accepts beyond the decree's ranges ---------------------------

PAPER_SLACK = Twips(20)
"""Word writes A4 as 11907 × 16840 twips."""
MARGIN_SLACK = Mm(0.05)
INDENT_SLACK = Twips(8)
"""Rounding of 1 cm and 1.27 cm to twips."""
LINE_SLACK = 2
"""In 240ths of a line (``w:line`` with ``lineRule="auto"``)."""
RULE_GAP_MIN = Pt(9)
"""The least the checker accepts between a rule and its text's baseline: the model forms'
rule prints about 16 pt under it (:data:`RULE_LINE`); a bottom border on a 2 pt paragraph
put it at about 6 pt, an underline."""
TIEU_NGU_RULE_RATIO = Range(0.75, 1.25)
"""Rule length ÷ tiêu ngữ length: "as long as the text", ±25 % (an estimate)."""
SHORT_RULE_RATIO = Range(0.25, 0.6)
"""Rule length ÷ line length for the agency and trích yếu rules (drawn by hand)."""


# --- the body's blocks (baocao.body): the decree sets no list indents (nd30.md §4) ------------

LIST_STEP = Twips(283)
"""How far each list level's text sits right of its marker ("-", "+"): 0.5 cm."""
LIST_MARKERS = (FIRST_LINE_INDENT.frame, Twips(720), Twips(720))
"""Where each list level's first line starts ("-" at 1 cm, "+" and the unmarked level at
1,27 cm): inside the decree's first-line indent, the wrapped lines hanging under the text."""
RULE_PHU_LUC = Twips(2000)
"""The short rule under an appendix's "(Kèm theo …)" line."""
