"""``python -m baocao``: the command line."""

from baocao.cli import main

raise SystemExit(main())
