"""A real ``quotes serve`` process on 127.0.0.1: signals stop it at once and leave nothing behind; a
busy port is a one-line error."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from quotes.web import reviewers

QUOTES = [sys.executable, "-c", "from quotes.cli import app; app()"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1):
            return True
    except (urllib.error.URLError, OSError):
        return False


@pytest.fixture
def db_path(tmp_path, stored_file):
    """A copy of the fixture database with one reviewer (so ``quotes serve`` has hashes to hide)."""
    path = tmp_path / "db" / "quotes.db"
    path.parent.mkdir()
    shutil.copyfile(stored_file, path)
    reviewers.add(reviewers.accounts_file(path), "alice", "pbkdf2_sha256$1000$salt$hash")
    return path


@pytest.fixture
def private_tmp(tmp_path):
    """An empty folder to be the server's temporary folder."""
    path = tmp_path / "tmp"
    path.mkdir()
    return path


@pytest.fixture
def start(db_path, private_tmp):
    """``start(port)``: ``quotes serve`` on that port with TMPDIR=private_tmp; killed at the end whatever happens."""
    processes = []

    def launch(port: int) -> subprocess.Popen:
        env = {**os.environ, "TMPDIR": str(private_tmp)}
        process = subprocess.Popen([*QUOTES, "serve", "--db", str(db_path), "--host", "127.0.0.1", "--port", str(port)],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)
        processes.append(process)
        return process

    yield launch
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate(timeout=10)


def _wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()[1].decode(errors="replace")
        if _answers(url):
            return
        time.sleep(0.1)
    pytest.fail(f"quotes serve did not answer {url} in {timeout} s")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_server_within_two_seconds(start, private_tmp, sig):
    port = _free_port()
    url = f"http://127.0.0.1:{port}/-/versions.json"
    process = start(port)
    _wait_until_up(url, process)
    os.kill(process.pid, sig)
    began = time.monotonic()
    process.wait(timeout=10)
    assert time.monotonic() - began < 2
    assert not _answers(url)


def test_a_stopped_server_leaves_no_temporary_file(start, private_tmp):
    port = _free_port()
    process = start(port)
    _wait_until_up(f"http://127.0.0.1:{port}/", process)
    os.kill(process.pid, signal.SIGTERM)
    process.wait(timeout=10)
    assert list(private_tmp.iterdir()) == []


def test_the_served_metadata_shows_no_password_hash(start):
    port = _free_port()
    url = f"http://127.0.0.1:{port}/-/metadata.json"
    process = start(port)
    _wait_until_up(url, process)
    with urllib.request.urlopen(url, timeout=5) as response:
        body = response.read().decode()
    assert "Quotes in the news" in body and "pbkdf2" not in body and "password_hash" not in body


def test_a_port_in_use_is_a_one_line_error(start):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = start(port)
        _out, err = process.communicate(timeout=60)
    lines = err.decode().splitlines()
    assert process.returncode != 0
    assert lines == [f"Error: port {port} on 127.0.0.1 is in use: stop what runs there or pick another with --port"]
