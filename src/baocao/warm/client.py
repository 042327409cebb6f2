"""The client side: hand this command to the warm server, or say it is not there.

Runs in ``python -m baocao`` before anything of baocao's commands is imported, so it
imports only the interpreter's built-in C modules (``_socket``, ``_signal``: their Python
wrappers import :mod:`enum`) and what :mod:`baocao.warm.installation` needs; deciding,
connecting and sending cost a few milliseconds.  :func:`hand_over` returns the command's
exit status, or None when the command must run here, as without a server:
``BAOCAO_WARM=0``; no server, a dead one, another installation's, a stale one; a command
the server does not run; a platform without Unix sockets.
"""

from __future__ import annotations

import _socket
import os
import sys

from baocao.warm import installation, protocol

TYPE_CHECKING = False
if TYPE_CHECKING:
    import signal as _signal
    from collections.abc import Sequence
    from types import FrameType
else:
    import _signal

COLD_COMMANDS = frozenset({"batch", "serve", "warm"})
"""Run in their own process: long-running (the start is a small part of them), ``batch``'s
workers get Ctrl-C from the terminal's process group, ``serve`` runs its own threads."""

FORWARDED_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT")
"""Sent on to the command (Ctrl-C, a kill, a closed terminal, Ctrl-\\)."""

_ERRORS = (OSError, ValueError, EOFError, TypeError)
"""What a missing, dead or garbled server raises here."""


def hand_over(argv: Sequence[str]) -> int | None:
    """Run ``argv`` (``sys.argv``) in the warm server; its exit status, or None to run it here."""
    if os.environ.get("BAOCAO_WARM") == "0" or _command(argv[1:]) in COLD_COMMANDS:
        return None
    streams = (sys.stdin, sys.stdout, sys.stderr)
    if not hasattr(_socket, "AF_UNIX") or not hasattr(_socket, "SCM_RIGHTS") or None in streams:
        return None
    folder = installation.runtime_folder()
    if installation.private_problem(folder) is not None:
        return None
    try:
        cwd = os.getcwd()
    except OSError:
        return None
    umask = os.umask(0o022)
    os.umask(umask)
    request = (list(argv), cwd, dict(os.environ), umask, sys.path[0] if sys.path else "",
               [(stream.encoding, stream.errors) for stream in streams])
    connection = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    forwarding = _Forwarding(connection)  # from now: a Ctrl-C while connecting reaches the command too
    try:
        try:
            connection.connect(installation.socket_path(folder))
            data = protocol.framed(protocol.VERSION, installation.identity(), installation.fingerprint(),
                                   "run", request)
            fds = b"".join(fd.to_bytes(4, sys.byteorder) for fd in (0, 1, 2))
            sent = connection.sendmsg([data], [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, fds)])
            connection.sendall(data[sent:])
            answer = protocol.read_message(connection)
        except _ERRORS:
            answer = None
        if answer is None or answer[0] != "started":
            forwarding.undo()  # refused (stale, another installation) or no server: run it here
            return None
        return _wait(connection)
    finally:
        connection.close()


class _Forwarding:
    """The signals of :data:`FORWARDED_SIGNALS` sent to the server as one byte each (it
    passes them to the command's process) instead of acting here."""

    def __init__(self, connection: _socket.socket) -> None:
        self.connection = connection
        self.caught: list[int] = []
        self.previous = {signum: _signal.signal(signum, self.forward)
                         for signum in (getattr(_signal, name) for name in FORWARDED_SIGNALS
                                        if hasattr(_signal, name))}

    def forward(self, signum: int, frame: FrameType | None) -> None:
        self.caught.append(signum)
        try:
            self.connection.send(bytes([signum]))
        except OSError:
            pass

    def undo(self) -> None:
        """Back to the signals' own handlers; one caught meanwhile acts now, here."""
        for signum, handler in self.previous.items():
            _signal.signal(signum, handler)
        for signum in self.caught:
            os.kill(os.getpid(), signum)


def _command(arguments: Sequence[str]) -> str | None:
    """The command's name: the first argument that is not an option."""
    return next((argument for argument in arguments if not argument.startswith("-")), None)


def _wait(connection: _socket.socket) -> int:
    """Wait for the command's end (signals forwarded meanwhile); its exit status, or die
    of its signal."""
    try:
        answer = protocol.read_message(connection)
    except _ERRORS:
        answer = None
    if answer is not None and answer[0] == "exited":
        return int(answer[1])
    if answer is not None and answer[0] == "killed":  # end as the command did
        _signal.signal(answer[1], _signal.SIG_DFL)
        os.kill(os.getpid(), answer[1])
        return 128 + int(answer[1])
    sys.stderr.write("baocao: lỗi: máy chủ «baocao warm» dừng giữa chừng khi đang chạy lệnh; "
                     "kết quả có thể chưa đầy đủ — chạy lại lệnh\n")
    return 1
