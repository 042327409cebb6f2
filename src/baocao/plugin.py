"""The door for report types: what a third-party package — and each of baocao's own
types under ``baocao.loai`` — needs to add a report type.

>>> import baocao.plugin as plugin
>>> plugin.ReportType.__name__, plugin.VanBanHanhChinh.__name__
('ReportType', 'VanBanHanhChinh')

A type is a :class:`ReportType`: a model built on :class:`VanBanHanhChinh` (its
body from :class:`Block`, :data:`Text`, :data:`Count`), a body given to the official
frame through a :class:`BodyWriter` (:func:`build_template` makes the .docx), an
optional context hook, consistency rules returning :class:`Problem`, appendices
computed from the data (:class:`PhuLuc`, printed as the data's own ``phu_luc`` are), and
the formatting functions the hook uses.  Declare it in the entry-point group
``baocao.reports``; see ``examples/plugin/``.
"""

from baocao.body.model import PhuLuc
from baocao.consistency import CheckContext, Problem
from baocao.errors import DataError, Finding, PluginError, TemplateError
from baocao.formatting import (
    PartialDate,
    format_date,
    format_number,
    format_percent,
    number_to_words,
    rate,
    to_roman,
    upper_vi,
)
from baocao.frame import STYLE_BLOCK, STYLE_BODY, Body, BodyWriter, build_template
from baocao.frame.model import (
    Block,
    CoQuan,
    Count,
    NgayBanHanh,
    NguoiKy,
    NoiNhan,
    PositiveCount,
    Text,
    VanBanHanhChinh,
    VanBanTrichDan,
)
from baocao.registry import ReportType

__all__ = [
    "STYLE_BLOCK",
    "STYLE_BODY",
    "Block",
    "Body",
    "BodyWriter",
    "CheckContext",
    "CoQuan",
    "Count",
    "DataError",
    "Finding",
    "NgayBanHanh",
    "NguoiKy",
    "NoiNhan",
    "PartialDate",
    "PhuLuc",
    "PluginError",
    "PositiveCount",
    "Problem",
    "ReportType",
    "TemplateError",
    "Text",
    "VanBanHanhChinh",
    "VanBanTrichDan",
    "build_template",
    "format_date",
    "format_number",
    "format_percent",
    "number_to_words",
    "rate",
    "to_roman",
    "upper_vi",
]
