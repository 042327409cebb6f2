"""``python -m baocao warm`` (issue 18): real processes, a server in a private temp folder.

Every command is run twice, through the warm server and cold (``BAOCAO_WARM=0``), and the
two must agree byte for byte: the .docx, stdout, stderr, the exit status.  The server's
``--status`` counter shows it was used (or not).
"""

from __future__ import annotations

import errno
import marshal
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from baocao.warm import installation, protocol, server

from conftest import BAC_KAN

pytestmark = pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="Unix sockets only")

STARTED = "sẵn sàng"


class Warm:
    """A running server and the environment its clients use."""

    def __init__(self, runtime: Path) -> None:
        self.runtime = runtime
        self.env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime)}
        self.env.pop("BAOCAO_WARM", None)
        self.process = subprocess.Popen([sys.executable, "-m", "baocao", "warm"], env=self.env,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if STARTED in line:
                break
        else:
            raise AssertionError(f"the server did not start: {self.process.stderr.read()}")  # type: ignore[union-attr]

    def run(self, *argv: str, cwd: Path, cold: bool = False,
            **extra: str) -> subprocess.CompletedProcess[bytes]:
        env = {**self.env, **extra, **({"BAOCAO_WARM": "0"} if cold else {})}
        return subprocess.run([sys.executable, "-m", "baocao", *argv], cwd=cwd, env=env,
                              capture_output=True, timeout=300)

    def served(self) -> int:
        status = self.run("warm", "--status", cwd=self.runtime)
        assert status.returncode == 0, status.stderr.decode()
        found = re.search(r"đã chạy (\d+) lệnh", status.stdout.decode())
        assert found is not None
        return int(found.group(1))

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        self.process.communicate(timeout=60)


@pytest.fixture
def warm(tmp_path: Path) -> Iterator[Warm]:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    server = Warm(runtime)
    try:
        yield server
    finally:
        server.stop()


def _same(warm: Warm, *argv: str, cwd: Path, **extra: str) -> subprocess.CompletedProcess[bytes]:
    hot = warm.run(*argv, cwd=cwd, **extra)
    cold = warm.run(*argv, cwd=cwd, cold=True, **extra)
    assert (hot.returncode, hot.stdout.decode(), hot.stderr.decode()) == (
        cold.returncode, cold.stdout.decode(), cold.stderr.decode())
    return hot


def test_a_render_through_the_server_equals_a_cold_one_relative_paths_too(warm: Warm, tmp_path: Path) -> None:
    hot_dir, cold_dir = tmp_path / "hot", tmp_path / "cold"
    for folder in (hot_dir, cold_dir):
        (folder / "du-lieu").mkdir(parents=True)
        (folder / "kq").mkdir()
        shutil.copy(BAC_KAN, folder / "du-lieu" / "bc.yaml")
    before = warm.served()
    hot = warm.run("render", "du-lieu/bc.yaml", "-o", "kq/bc.docx", cwd=hot_dir)
    cold = warm.run("render", "du-lieu/bc.yaml", "-o", "kq/bc.docx", cwd=cold_dir, cold=True)
    assert warm.served() == before + 1
    assert hot.returncode == cold.returncode == 0
    assert (hot.stdout, hot.stderr) == (cold.stdout, cold.stderr)
    assert "Đã tạo kq/bc.docx" in hot.stdout.decode()
    assert (hot_dir / "kq" / "bc.docx").read_bytes() == (cold_dir / "kq" / "bc.docx").read_bytes()


def test_the_baocao_command_hands_over_as_python_m_baocao_does(warm: Warm, tmp_path: Path) -> None:
    """The installed console script is the same front door as ``python -m baocao``."""
    script = Path(sys.executable).with_name("baocao")
    if not script.is_file():
        pytest.fail(f"the package's console script is not installed beside {sys.executable}")
    shutil.copy(BAC_KAN, tmp_path / "bc.yaml")
    before = warm.served()
    hot = subprocess.run([str(script), "render", "bc.yaml"], cwd=tmp_path, env=warm.env,
                         capture_output=True, timeout=300)
    assert hot.returncode == 0, hot.stderr.decode()
    assert warm.served() == before + 1
    cold = warm.run("render", "bc.yaml", "-o", "cold.docx", cwd=tmp_path, cold=True)
    assert cold.returncode == 0
    assert (tmp_path / "bc.docx").read_bytes() == (tmp_path / "cold.docx").read_bytes()


@pytest.mark.parametrize("argv", [
    ("validate", "khong-co.yaml"),          # a data error: exit 1
    ("render", "--khong-co-tuy-chon"),      # a usage error: exit 2
    ("--help",),
    ("--version",),
    ("templates",),
    ("schema", "khong-co-loai"),
])
def test_messages_and_exit_codes_equal_a_cold_run(warm: Warm, tmp_path: Path, argv: tuple[str, ...]) -> None:
    before = warm.served()
    result = _same(warm, *argv, cwd=tmp_path)
    assert warm.served() == before + 1
    assert result.stdout or result.stderr


def test_invalid_data_gives_the_same_findings_and_no_file(warm: Warm, tmp_path: Path) -> None:
    data = tmp_path / "sai.yaml"
    data.write_text(BAC_KAN.read_text(encoding="utf-8").replace("so_ho: ", "so_ho: -", 1), encoding="utf-8")
    result = _same(warm, "render", "sai.yaml", cwd=tmp_path)
    assert result.returncode == 1 and "sai.yaml:" in result.stderr.decode()
    assert not (tmp_path / "sai.docx").exists()


def test_the_clients_environment_applies(warm: Warm, tmp_path: Path) -> None:
    narrow = _same(warm, "render", "--help", cwd=tmp_path, COLUMNS="50")
    wide = _same(warm, "render", "--help", cwd=tmp_path, COLUMNS="200")
    assert narrow.stdout != wide.stdout  # argparse wraps at the client's COLUMNS


def _until(condition: Callable[[], bool], what: str) -> None:
    """Wait for ``condition`` (a guard against a hang, not a timing test)."""
    deadline = time.monotonic() + 120
    while not condition():
        assert time.monotonic() < deadline, f"still waiting: {what}"
        time.sleep(0.05)


def _blocked_render(warm: Warm, folder: Path, *, cold: bool = False) -> tuple[subprocess.Popen[bytes], int]:
    """A render that waits for ever on its --template (a FIFO nobody writes), once the
    command is reading it; and the FIFO's write end, held open so that the read blocks
    instead of ending (close it when done)."""
    folder.mkdir()
    fifo = folder / "mau.docx"
    os.mkfifo(fifo)
    client = subprocess.Popen([sys.executable, "-m", "baocao", "render", str(BAC_KAN), "-o", "bc.docx",
                               "--template", str(fifo)], cwd=folder,
                              env={**warm.env, **({"BAOCAO_WARM": "0"} if cold else {})},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    writer: list[int] = []

    def reading() -> bool:  # a non-blocking open for writing succeeds once a reader has it open
        try:
            writer.append(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError as error:
            if error.errno == errno.ENXIO:
                return False
            raise
        return True

    _until(lambda: client.poll() is not None or reading(), "the render opens its template")
    # and sleeps in its read: a signal that lands between the open and the read is only seen by
    # CPython once the read returns (it is not interrupted), which a clerk's Ctrl-C never hits
    # but this test would, now and then
    _until(lambda: client.poll() is not None or _sleeps_reading(fifo), "the render reads its template")
    assert client.poll() is None, client.communicate()
    return client, writer[0]


def _sleeps_reading(fifo: Path) -> bool:
    """Whether the process (other than this one) that has ``fifo`` open sleeps in a pipe read
    (True where there is no /proc to tell)."""
    if not Path("/proc/self/wchan").exists():
        return True
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or entry.name == str(os.getpid()):
            continue
        try:
            if any(os.readlink(fd) == str(fifo) for fd in (entry / "fd").iterdir()):
                return "pipe" in (entry / "wchan").read_text()
        except OSError:
            continue
    return False


def test_ctrl_c_in_the_client_stops_the_command_as_in_a_cold_run(warm: Warm, tmp_path: Path) -> None:
    results = []
    for cold in (False, True):
        client, writer = _blocked_render(warm, tmp_path / str(cold), cold=cold)
        try:
            client.send_signal(signal.SIGINT)
            out, err = client.communicate(timeout=120)
        finally:
            os.close(writer)
        results.append((client.returncode, out, err))
        assert not (tmp_path / str(cold) / "bc.docx").exists()
    assert results[0] == results[1]
    assert results[0][0] == 130 and "đã dừng (Ctrl-C)" in results[0][2].decode()
    assert warm.served() == 1


def test_a_killed_client_ends_its_command(warm: Warm, tmp_path: Path) -> None:
    client, writer = _blocked_render(warm, tmp_path / "blocked")
    try:
        client.kill()
        client.communicate(timeout=120)
        _until(lambda: "đang chạy 0" in warm.run("warm", "--status", cwd=tmp_path).stdout.decode(),
               "the command ends")
    finally:
        os.close(writer)
    assert warm.process.poll() is None
    assert _same(warm, "--version", cwd=tmp_path).returncode == 0


def test_no_server_or_a_dead_socket_runs_cold(warm: Warm, tmp_path: Path) -> None:
    assert warm.run("warm", "--stop", cwd=tmp_path).returncode == 0
    warm.process.communicate(timeout=60)
    path = _socket_of(warm)
    assert not os.path.exists(path)
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(path)  # a socket file nobody listens on (a server killed with SIGKILL)
    dead.close()
    result = _same(warm, "render", str(BAC_KAN), "-o", "bc.docx", cwd=tmp_path)
    assert result.returncode == 0 and (tmp_path / "bc.docx").exists()
    status = warm.run("warm", "--status", cwd=tmp_path)
    assert status.returncode == 1 and "không có máy chủ" in status.stderr.decode()


@pytest.mark.parametrize("changed", ["a file of baocao", "the folder of the installed distributions"])
def test_changed_code_or_plugins_are_never_served_by_the_old_server(
        warm: Warm, tmp_path: Path, changed: str) -> None:
    # what an upgrade of baocao, or pip installing or removing a plugin, changes
    package = Path(installation.PACKAGE_DIR)
    marker = package / "py.typed" if changed == "a file of baocao" else package.parent
    times = marker.stat()
    os.utime(marker, ns=(times.st_atime_ns, times.st_mtime_ns + 1_000_000_000))
    try:
        result = warm.run("render", str(BAC_KAN), "-o", "bc.docx", cwd=tmp_path)
        _, err = warm.process.communicate(timeout=60)
    finally:
        os.utime(marker, ns=(times.st_atime_ns, times.st_mtime_ns))
    assert result.returncode == 0 and (tmp_path / "bc.docx").exists()  # run cold instead
    assert "đã thay đổi" in err
    assert warm.process.returncode == 0


def _key(warm: Warm) -> tuple[str, str, str]:
    """This installation's identity, fingerprint and socket, as a client computes them (in a
    process of its own: pytest's ``sys.path`` is not a client's)."""
    code = ("from baocao.warm import installation as i; import marshal, sys; "
            "sys.stdout.buffer.write(marshal.dumps((i.identity(), i.fingerprint(), i.socket_path())))")
    found = subprocess.run([sys.executable, "-c", code], env=warm.env, capture_output=True, check=True)
    identity, fingerprint, path = marshal.loads(found.stdout)
    return identity, fingerprint, path


def _socket_of(warm: Warm) -> str:
    return _key(warm)[2]


def _raw(warm: Warm, *message: object) -> tuple[object, ...] | None:
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.settimeout(60)
    connection.connect(_socket_of(warm))
    try:
        connection.sendall(protocol.framed(*message))
        return protocol.read_message(connection)
    finally:
        connection.close()


def test_another_installation_is_refused_and_the_server_keeps_serving(warm: Warm) -> None:
    identity, fingerprint, _ = _key(warm)
    assert _raw(warm, protocol.VERSION, identity, fingerprint, "status")[0] == "status"  # type: ignore[index]
    answer = _raw(warm, protocol.VERSION, identity.replace(sys.executable, "/khac/python"), fingerprint,
                  "status")
    assert answer == ("refused", "bản cài đặt khác")
    assert warm.served() == 0 and warm.process.poll() is None


def test_status_from_another_kind_of_process_leaves_the_server_running(
        warm: Warm, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(warm.runtime))  # pytest's sys.path is not a client's
    answer = server.ask("status")
    assert answer is not None and answer[0] == "status" and answer[1]["pid"] == warm.process.pid
    assert warm.process.poll() is None and warm.served() == 0


@pytest.mark.skipif(os.geteuid() != 0 or not hasattr(socket, "SO_PEERCRED"),
                    reason="needs root to connect as another user (setresuid, setfsuid)")
def test_another_user_is_refused(warm: Warm) -> None:
    identity, fingerprint, path = _key(warm)
    # as uid 65534 (SO_PEERCRED reports the effective uid) that may still reach the 0700
    # folder (file-system uid 0): what the folder alone would not stop
    code = f"""
import ctypes, marshal, os, socket, sys
from baocao.warm import protocol
os.setresuid(65534, 65534, 0)
ctypes.CDLL(None).setfsuid(0)
connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
connection.connect({path!r})
try:
    connection.sendall(protocol.framed(protocol.VERSION, {identity!r}, {fingerprint!r}, "status"))
except BrokenPipeError:
    pass  # refused before the request is read: the answer is waiting
sys.stdout.buffer.write(marshal.dumps(protocol.read_message(connection)))
"""
    found = subprocess.run([sys.executable, "-c", code], env=warm.env, capture_output=True, timeout=120)
    assert found.returncode == 0, found.stderr.decode()
    assert marshal.loads(found.stdout) == ("refused", "người dùng khác")
    assert warm.process.poll() is None


def test_a_crashing_child_does_not_take_the_server_down(warm: Warm, tmp_path: Path) -> None:
    identity, fingerprint, path = _key(warm)
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.settimeout(60)
    connection.connect(path)
    request = (["baocao", "--version"], str(tmp_path / "khong-co"), {}, 0o022, "",
               [("utf-8", "strict")] * 3)
    with open(os.devnull, "rb") as null_in, open(tmp_path / "err.txt", "wb") as err:
        sent = protocol.framed(protocol.VERSION, identity, fingerprint, "run", request)
        socket.send_fds(connection, [sent], [null_in.fileno(), err.fileno(), err.fileno()])
        assert protocol.read_message(connection) == ("started",)
        assert protocol.read_message(connection) == ("exited", 1)
    connection.close()
    message = (tmp_path / "err.txt").read_text(encoding="utf-8")
    assert "không chạy được lệnh này" in message and "khong-co" in message and "Traceback" not in message
    assert warm.served() == 1 and warm.process.poll() is None
    assert _same(warm, "--version", cwd=tmp_path).returncode == 0


def test_the_socket_folder_must_be_private(tmp_path: Path) -> None:
    runtime = tmp_path / "open"
    (runtime / "baocao-warm").mkdir(parents=True)
    (runtime / "baocao-warm").chmod(0o755)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime)}
    started = subprocess.run([sys.executable, "-m", "baocao", "warm"], env=env, capture_output=True,
                             text=True, timeout=300)
    assert started.returncode == 1
    assert "người khác truy cập được" in started.stderr and "Traceback" not in started.stderr
