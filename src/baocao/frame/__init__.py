"""The official frame of Decree 30/2020/NĐ-CP, written once for every report type.

- :mod:`~baocao.frame.model` — the shared blocks (cơ quan, số/ký hiệu, địa danh và
  ngày, văn bản trích dẫn, nơi nhận, người ký) and :class:`VanBanHanhChinh`;
- :mod:`~baocao.frame.rules` — the frame's consistency rules;
- :mod:`~baocao.frame.context` — what the frame prints (``khung``);
- :mod:`~baocao.frame.builder` — the template builder a type gives its body to;
- :mod:`~baocao.frame.sample` — the sample frame ``check`` prints a template with.

Nothing here imports a report type (``baocao.loai``); the layering is checked in CI.
"""

from baocao.frame.builder import STYLE_BLOCK, STYLE_BODY, Body, BodyWriter, build_template

__all__ = ["STYLE_BLOCK", "STYLE_BODY", "Body", "BodyWriter", "build_template"]
