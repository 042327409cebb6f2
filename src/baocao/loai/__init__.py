"""baocao's own report types, one folder each, shaped exactly like a plugin.

A folder ``loai/<ten>/`` holds the type's model (``model.py``), its derived figures
and context hook (``figures.py``, ``context.py``), its consistency rules
(``rules.py``), its body for the official frame (``body.py``) and, in
``__init__.py``, the :class:`~baocao.plugin.ReportType` that the entry point
``baocao.reports`` in ``pyproject.toml`` names.  The template is built from the
body into ``templates/vi/<ten>.docx``; the example lives in ``examples/``.  A type
uses only :mod:`baocao.plugin`, the door third parties use, and its own modules.
"""
