"""The content model every report type shares: a body is blocks in document order.

- :mod:`~baocao.body.text` — the primitives (a clean :data:`Text`, the strict :class:`Block`);
- :mod:`~baocao.body.model` — the blocks a clerk writes in YAML (``noi_dung``): paragraphs,
  headings by level with their own blocks, lists ("-", "+", one unmarked level), numbered
  paragraphs, tables, page breaks — and appendices (:class:`~baocao.body.model.PhuLuc`);
- :mod:`~baocao.body.render` — the trusted filters ``khoi`` and ``phu_luc`` that turn the
  blocks into WordprocessingML (numbering, hanging indents, merged cells, widths).

The body sits below the frame (the frame's model has ``phu_luc``) and below the engine
(whose filter table holds ``khoi``); it imports neither.
"""
