"""Writing a data file a clerk can open: plain YAML, with a note at the end of chosen lines.

baocao writes data files (``baocao tong-hop``'s result) the way a clerk would write
them — block style, keys in the order given, Vietnamese unescaped — and can note on
the line of a value where it came from (``tong_so_ho: 1234  # xa-a.yaml:40``).  The
notes are YAML comments: the file reads the same with or without them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import yaml

Path_ = tuple[str | int, ...]


def dump(data: Mapping[str, Any], *, notes: Mapping[Path_, str] | None = None,
         header: Sequence[str] = ()) -> str:
    """``data`` as YAML, ``header`` as comment lines above it, and each note of ``notes``
    at the end of the line where the value at its path starts.

    >>> print(dump({"a": 1, "b": {"c": [2, 3]}}, notes={("a",): "một", ("b", "c", 1): "ba"},
    ...            header=["Tệp mẫu"]), end="")
    # Tệp mẫu
    a: 1  # một
    b:
      c:
      - 2
      - 3  # ba
    """
    text = yaml.dump(
        dict(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100
    )
    lines = text.splitlines()
    if notes:
        tree = yaml.compose(text, Loader=_Loader)
        starts = _value_lines(tree) if tree is not None else {}
        for path, note in notes.items():
            line = starts.get(path)
            if line is None:
                raise KeyError(f"no value at {path!r} to note")
            lines[line] += f"  # {' '.join(note.split())}"
    return "".join(f"# {line}\n" if line else "#\n" for line in header) + "\n".join(lines) + "\n"


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """libyaml's C emitter when present (much faster than the pure-Python one on a
    long table), never writing an alias (``&id001``/``*id001``) for a value met twice:
    baocao's reader refuses aliases, and a clerk would not know what they mean."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    """A text with line breaks (paragraphs, a pasted body) as a literal block, as a clerk
    types it (``noi_dung: |``); other texts plain."""
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


_Dumper.add_representer(str, _text)


def _value_lines(root: yaml.Node) -> dict[Path_, int]:
    """The 0-based line where each value of the composed tree starts, by path."""
    found: dict[Path_, int] = {}
    stack: list[tuple[Path_, yaml.Node]] = [((), root)]
    while stack:
        path, node = stack.pop()
        found[path] = node.start_mark.line
        if isinstance(node, yaml.MappingNode):
            stack.extend(((*path, str(key.value)), value) for key, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(((*path, index), item) for index, item in enumerate(node.value))
    return found
