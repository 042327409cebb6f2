"""The few messages between a client and the warm server, framed on a Unix stream socket.

Each message is a 4-byte little-endian length and a :mod:`marshal` of a tuple of plain
values (the client and the server are the same interpreter: :mod:`baocao.warm.installation`).

client → server   ``(VERSION, identity, fingerprint, "run", request)`` with the client's
                  stdin, stdout and stderr as SCM_RIGHTS; then one byte per signal to forward
                  (its number) until the end; ``"status"`` and ``"stop"`` carry no request
server → client   ``("refused", reason)`` (the client runs the command itself),
                  ``("started",)`` then ``("exited", code)`` or ``("killed", signal)``;
                  ``("status", facts)``; ``("stopping", pid)``
"""

from __future__ import annotations

import marshal

TYPE_CHECKING = False  # typing is not imported at run time: the client must start in a few ms
if TYPE_CHECKING:
    from typing import Any, Protocol

VERSION = 1
MAX_MESSAGE = 16 * 1024 * 1024
"""The largest message the server reads (argv and an environment are a few kB)."""


if TYPE_CHECKING:
    class Connection(Protocol):
        def recv(self, size: int, /) -> bytes: ...
        def sendall(self, data: bytes, /) -> None: ...


def framed(*value: Any) -> bytes:
    """One message, ready to send."""
    data = marshal.dumps(value)
    return len(data).to_bytes(4, "little") + data


def read_message(connection: Connection, head: bytes = b"") -> tuple[Any, ...] | None:
    """The next message; None at the end of the stream (or a message cut short).
    ``head``: its first bytes, already received (with the file descriptors); never more
    than the message is read, so what follows (signal bytes) stays in the socket."""
    length = _exactly(connection, 4, head)
    if length is None:
        return None
    size = int.from_bytes(length, "little")
    if size > MAX_MESSAGE:
        raise ValueError(f"message of {size} bytes")
    body = _exactly(connection, size, b"")
    if body is None:
        return None
    value = marshal.loads(body)
    if not isinstance(value, tuple) or not value:
        raise ValueError("not a message")
    return value


def _exactly(connection: Connection, size: int, start: bytes) -> bytes | None:
    chunks, have = [start], len(start)
    while have < size:
        chunk = connection.recv(min(size - have, 1 << 16))
        if not chunk:
            return None
        chunks.append(chunk)
        have += len(chunk)
    return b"".join(chunks)
