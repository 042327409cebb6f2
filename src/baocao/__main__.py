"""``python -m baocao`` and the ``baocao`` command: the command line — in the warm
server when one runs for this installation (``python -m baocao warm``), else here.

Nothing heavy is imported before the hand-over: :mod:`baocao.warm.client` uses the
interpreter's built-in modules only.
"""

import sys

from baocao.warm.client import hand_over


def main() -> int:
    """Run the command of ``sys.argv``; its exit status."""
    code = hand_over(sys.argv)
    if code is None:
        from baocao.cli import main as run_here

        code = run_here()
    return code


if __name__ == "__main__":
    raise SystemExit(main())
