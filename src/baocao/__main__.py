"""``python -m baocao``: the command line — in the warm server when one runs for this
installation (``python -m baocao warm``), else here.

Nothing heavy is imported before the hand-over: :mod:`baocao.warm.client` uses the
interpreter's built-in modules only.
"""

import sys

from baocao.warm.client import hand_over

code = hand_over(sys.argv)
if code is None:
    from baocao.cli import main

    code = main()
raise SystemExit(code)
