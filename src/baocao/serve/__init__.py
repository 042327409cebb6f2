"""``baocao serve``: fill a report in the browser, on one's own computer, offline.

An optional extra (``pip install 'baocao[serve]'``): Starlette and uvicorn are
imported only here, never by ``import baocao`` or the other commands.  The form
is built in the page by JSON Editor (``@json-editor/json-editor``, MIT, vendored
in ``static/``) from each report type's JSON Schema; every check, render and save
goes through the library as the command line does (:mod:`baocao.serve.data`).
"""

from __future__ import annotations

from baocao.serve.run import serve

__all__ = ["serve"]
