"""The warm server: everything a command needs loaded once; one forked child per command.

:func:`serve` prepares (imports baocao's commands, loads the report types, renders and
checks the bundled examples once: the validators are built, the templates prepared, in
memory), then listens on this installation's socket (:mod:`baocao.warm.installation`).
Per request, in one thread (a fork from a threaded process is unsafe):

- the peer must be this user (SO_PEERCRED where the system has it; the folder is 0700
  everywhere), speak this protocol version, be this installation; a command to run with a
  stale fingerprint (the code or the installed distributions changed) is refused and the
  server stops, so the old code is never used again;
- a fork runs the command (:func:`_run_in_child`): its own process group, the client's
  cwd, environment, umask, ``sys.argv``, ``sys.path[0]`` and stdin/stdout/stderr (the
  received descriptors on 0, 1, 2, text streams in the client's encodings), a fresh scan
  of the installed report types, then :func:`baocao.cli.main`;
- a signal byte from the client is sent on to the child; the client gone (killed), the
  child gets SIGINT and, three seconds later, SIGKILL; the child's end (its rusage counted)
  is sent back as the exit status; a crashing child is one more exit status.

Stopping: ``warm --stop``, SIGTERM or Ctrl-C: the socket is removed at once (new commands
run cold), running children finish.
"""

from __future__ import annotations

import gc
import io
import os
import resource
import selectors
import signal
import socket
import struct
import sys
import tempfile
import time
import traceback
from pathlib import Path
from types import FrameType
from typing import Any, TextIO

from baocao.warm import installation, protocol

KILL_GRACE = 3.0
"""Seconds between the SIGINT and the SIGKILL of a child whose client is gone."""

_FORWARDABLE = frozenset(int(getattr(signal, name)) for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT")
                         if hasattr(signal, name))


def ask(kind: str, folder: str | None = None) -> tuple[Any, ...] | None:
    """Ask this installation's server for its ``"status"`` or to ``"stop"``; its answer,
    or None when none answers.  (Only a ``"run"`` is refused for a stale fingerprint: this
    process's ``sys.path`` may not be a client's.)"""
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.settimeout(10)
    try:
        connection.connect(installation.socket_path(folder))
        connection.sendall(protocol.framed(protocol.VERSION, installation.identity(),
                                           installation.fingerprint(), kind))
        return protocol.read_message(connection)
    except (OSError, ValueError, EOFError, TypeError):
        return None
    finally:
        connection.close()


def serve(out: TextIO, err: TextIO) -> int:
    """Prepare, listen and serve until stopped; the exit status of ``warm``."""
    folder = installation.runtime_folder()
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError as error:
        print(f"baocao warm: lỗi: không tạo được thư mục «{folder}» ({error.strerror})", file=err)
        return 1
    problem = installation.private_problem(folder)
    if problem is not None:
        print(f"baocao warm: lỗi: {problem}; máy chủ không chạy", file=err)
        return 1
    path = installation.socket_path(folder)
    running = ask("status", folder)
    if running is not None and running[0] == "status":
        print(f"baocao warm: đã có máy chủ chạy sẵn (pid {running[1]['pid']}) tại {path}", file=out)
        return 0
    identity, fingerprint = installation.identity(), installation.fingerprint()
    print("baocao warm: đang nạp các loại báo cáo và mẫu…", file=out, flush=True)
    prepare()
    server = _Server(path, identity, fingerprint, err)
    server.listen()
    print(f"baocao warm: sẵn sàng, lắng nghe tại {path} (pid {os.getpid()}). "
          "Dừng: python -m baocao warm --stop (hoặc Ctrl-C).", file=out, flush=True)
    server.run()
    print(f"baocao warm: đã dừng (đã chạy {server.served} lệnh)", file=out, flush=True)
    return 0


def prepare() -> None:
    """Do once what every command would: import the commands, load the report types,
    render and check each bundled example (validators built, templates prepared)."""
    from baocao import cli
    from baocao.registry import default_registry

    for _ in default_registry():  # imports every deferred type
        pass
    examples = sorted((Path(installation.PACKAGE_DIR) / "serve" / "examples").glob("*.yaml"))
    quiet = io.StringIO()
    with tempfile.TemporaryDirectory(prefix="baocao-warm-") as folder:
        for example in examples:
            output = Path(folder) / f"{example.stem}.docx"
            cli.main(["render", str(example), "-o", str(output), "-q"], stdout=quiet, stderr=quiet)
            if output.exists():
                cli.main(["check", str(output)], stdout=quiet, stderr=quiet)
        cli.main(["--help"], stdout=quiet, stderr=quiet)
    gc.collect()
    gc.freeze()  # the children share these pages instead of copying them when the collector runs


class _Server:
    def __init__(self, path: str, identity: str, fingerprint: str, err: TextIO) -> None:
        self.path, self.identity, self.fingerprint, self.err = path, identity, fingerprint, err
        self.selector = selectors.DefaultSelector()
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.children: dict[int, socket.socket] = {}
        self.kill_at: dict[int, float] = {}
        self.stopping = self.stop_requested = False
        self.wake = (-1, -1)
        self.served = self.refused = 0
        self.child_cpu = 0.0
        self.started = time.time()
        self.inode = 0

    def listen(self) -> None:
        if os.path.lexists(self.path):
            os.unlink(self.path)  # no server answered on it: left by one that died
        self.listener.bind(self.path)
        os.chmod(self.path, 0o600)
        self.inode = os.stat(self.path).st_ino
        self.listener.listen(64)
        self.selector.register(self.listener, selectors.EVENT_READ, "accept")
        wake_read, wake_write = os.pipe()
        os.set_blocking(wake_read, False)
        os.set_blocking(wake_write, False)
        self.wake = (wake_read, wake_write)
        signal.set_wakeup_fd(wake_write)
        signal.signal(signal.SIGCHLD, lambda signum, frame: None)
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(signum, self.stop_soon)
        self.selector.register(wake_read, selectors.EVENT_READ, "signal")

    def run(self) -> None:
        while not (self.stopping and not self.children):
            for key, _ in self.selector.select(timeout=1.0 if self.kill_at else 5.0):
                if key.data == "accept":
                    self.accept()
                elif key.data == "signal":
                    _drain(self.wake[0])
                    self.reap()
                else:
                    self.from_client(key.fileobj, key.data)  # type: ignore[arg-type]
            self.reap()
            self.kill_late()
            if self.stop_requested:
                self.stop()
            if not self.stopping and not self.still_ours():
                print(f"baocao warm: «{self.path}» đã bị xóa hoặc thay thế; máy chủ dừng", file=self.err)
                self.stop(remove=False)
        self.selector.close()
        signal.set_wakeup_fd(-1)
        for descriptor in self.wake:
            os.close(descriptor)

    def stop_soon(self, signum: int, frame: FrameType | None) -> None:
        """SIGTERM, SIGINT, SIGHUP: stop at the loop's next turn (the wake-up pipe ends its wait)."""
        self.stop_requested = True

    def stop(self, *, remove: bool = True) -> None:
        if self.stopping:
            return
        self.stopping = True
        self.selector.unregister(self.listener)
        if remove and self.still_ours():
            os.unlink(self.path)
        self.listener.close()

    def still_ours(self) -> bool:
        try:
            return os.stat(self.path).st_ino == self.inode
        except OSError:
            return False

    def accept(self) -> None:
        try:
            connection, _ = self.listener.accept()
        except OSError:
            return
        fds: list[int] = []
        try:
            connection.settimeout(5)
            if not _same_user(connection):
                self.refuse(connection, "người dùng khác")
                return
            head, fds, _, _ = socket.recv_fds(connection, 4, 3)
            message = protocol.read_message(connection, head)
            if message is None:
                raise ValueError("no message")
            self.answer(connection, message, fds)
        except (OSError, ValueError, EOFError, TypeError):
            connection.close()
        finally:
            for descriptor in fds:  # the child, if any, has its own copies
                os.close(descriptor)

    def answer(self, connection: socket.socket, message: tuple[Any, ...], fds: list[int]) -> None:
        if len(message) < 4 or message[0] != protocol.VERSION or message[1] != self.identity:
            self.refuse(connection, "bản cài đặt khác")
            return
        kind = message[3]
        if kind == "run" and message[2] != self.fingerprint:
            self.refuse(connection, "máy chủ đã cũ")
            print("baocao warm: mã của baocao hoặc các gói đã cài đã thay đổi từ khi máy chủ chạy; máy "
                  "chủ dừng, lệnh chạy như bình thường. Chạy lại: python -m baocao warm",
                  file=self.err, flush=True)
            self.stop()
            return
        if kind == "status":
            _send(connection, "status", self.facts())
            connection.close()
        elif kind == "stop":
            _send(connection, "stopping", os.getpid())
            connection.close()
            self.stop()
        elif kind == "run" and len(message) == 5 and len(fds) == 3 and not self.stopping:
            self.start(connection, message[4], fds)
        else:
            self.refuse(connection, "yêu cầu không hợp lệ")

    def refuse(self, connection: socket.socket, reason: str) -> None:
        self.refused += 1
        _send(connection, "refused", reason)
        connection.close()

    def facts(self) -> dict[str, Any]:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return {"pid": os.getpid(), "socket": self.path, "started": self.started, "served": self.served,
                "refused": self.refused, "running": len(self.children), "child_cpu": self.child_cpu,
                "server_cpu": usage.ru_utime + usage.ru_stime}

    def start(self, connection: socket.socket, request: tuple[Any, ...] | list[Any], fds: list[int]) -> None:
        keep_out = [self.listener.fileno(), *self.wake, connection.fileno(),
                    *(child.fileno() for child in self.children.values())]
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                code = _run_in_child(request, fds, keep_out)
            except BaseException as error:  # the child's end, whatever happens: never the server's loop
                _report_failure(error)
            finally:
                os._exit(code)
        self.served += 1
        self.children[pid] = connection
        connection.setblocking(False)
        _send(connection, "started")
        self.selector.register(connection, selectors.EVENT_READ, pid)

    def from_client(self, connection: socket.socket, pid: int) -> None:
        try:
            data = connection.recv(64)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:  # the client is gone (killed): end its command
            self.selector.unregister(connection)
            self.kill_at[pid] = time.monotonic() + KILL_GRACE
            _signal_child(pid, signal.SIGINT)
            return
        for signum in data:
            if signum in _FORWARDABLE:
                _signal_child(pid, signum)

    def reap(self) -> None:
        while True:
            try:
                pid, status, usage = os.wait4(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            self.child_cpu += usage.ru_utime + usage.ru_stime
            self.kill_at.pop(pid, None)
            connection = self.children.pop(pid, None)
            if connection is None:
                continue
            if connection.fileno() >= 0 and self.selector.get_map().get(connection.fileno()) is not None:
                self.selector.unregister(connection)
            connection.setblocking(True)
            if os.WIFSIGNALED(status):
                _send(connection, "killed", os.WTERMSIG(status))
            else:
                _send(connection, "exited", os.waitstatus_to_exitcode(status))
            connection.close()

    def kill_late(self) -> None:
        now = time.monotonic()
        for pid, when in list(self.kill_at.items()):
            if now >= when:
                _signal_child(pid, signal.SIGKILL)
                del self.kill_at[pid]


def _drain(descriptor: int) -> None:
    """Empty the signal wake-up pipe (non-blocking)."""
    try:
        while os.read(descriptor, 512):
            pass
    except BlockingIOError:
        pass


def _same_user(connection: socket.socket) -> bool:
    """The peer is this user (Linux: SO_PEERCRED; elsewhere the 0700 folder is the guard)."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return True
    size = struct.calcsize("3i")
    _, uid, _ = struct.unpack("3i", connection.getsockopt(socket.SOL_SOCKET, option, size))
    return bool(uid == os.getuid())


def _send(connection: socket.socket, *message: Any) -> None:
    try:
        connection.sendall(protocol.framed(*message))
    except OSError:
        pass  # the client is gone; nothing to tell


def _signal_child(pid: int, signum: int) -> None:
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass


def _report_failure(error: BaseException) -> None:
    """A command that could not run in the child: one Vietnamese line (a traceback with
    ``BAOCAO_DEBUG=1``, as :func:`baocao.cli.main` does)."""
    try:
        if os.environ.get("BAOCAO_DEBUG"):
            traceback.print_exception(error)
        else:
            print(f"baocao: lỗi: máy chủ «baocao warm» không chạy được lệnh này ({type(error).__name__}: "
                  f"{error}); chạy lại với BAOCAO_WARM=0", file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


def _run_in_child(request: tuple[Any, ...] | list[Any], fds: list[int], keep_out: list[int]) -> int:
    """In the forked child: become the client's process, run the command, return its status."""
    argv, cwd, environment, umask, path0, encodings = request
    signal.set_wakeup_fd(-1)
    for signum in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    os.setpgid(0, 0)  # Ctrl-C at the server's terminal is not this command's
    for descriptor in keep_out:
        os.close(descriptor)
    for target, descriptor in enumerate(fds):
        os.dup2(descriptor, target)
    for descriptor in fds:
        if descriptor > 2:
            os.close(descriptor)
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(environment)
    time.tzset()
    os.umask(umask)
    sys.argv = list(argv)
    if sys.path:
        sys.path[0] = path0
    sys.stdin = _text(0, "r", *encodings[0])
    sys.stdout = _text(1, "w", *encodings[1], line_buffering=os.isatty(1))
    sys.stderr = _text(2, "w", *encodings[2], line_buffering=True)

    from baocao import cli, registry

    registry.forget_default_registry()  # a fresh scan: its warnings printed, as in a cold run
    code = cli.main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            code = 120  # what the interpreter returns when it cannot flush at exit
    return code


def _text(descriptor: int, mode: str, encoding: str, errors: str, *, line_buffering: bool = False) -> TextIO:
    """A text stream on ``descriptor`` as the interpreter makes ``sys.stdin``/``stdout``/``stderr``."""
    binary = open(descriptor, f"{mode}b", closefd=False)
    return io.TextIOWrapper(binary, encoding, errors, line_buffering=line_buffering)
