"""Build the package's template with baocao's official frame: ``python build_template.py``.

Run it after changing ``body`` (the .docx is shipped in the package, like baocao's own).
"""

import sys
from pathlib import Path

from baocao.plugin import build_template

HERE = Path(__file__).resolve().parent


def main() -> None:
    sys.path.insert(0, str(HERE / "src"))  # the package's source, installed or not
    from baocao_giay_moi import TEMPLATE, body

    target = HERE / "src" / "baocao_giay_moi" / TEMPLATE
    target.write_bytes(build_template(body))
    print(target)


if __name__ == "__main__":
    main()
