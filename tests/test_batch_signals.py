"""`screen-file` stopped from outside: SIGTERM and SIGHUP end it as Ctrl-C does (its workers
stopped, no partial output, exit 128 + the signal), and its workers end by themselves when it is
killed outright."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not Path("/proc/self/task").exists() or not hasattr(os, "fork"), reason="needs fork and /proc"),
]


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.update(int(p) for p in (task / "children").read_text().split())
        except OSError:
            pass
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A million distinct names: longer to screen than the tests take to stop it."""
    path = tmp_path_factory.mktemp("signals") / "big.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("id,name\n")
        out.writelines(f"{i},Company {i} Trading Ltd\n" for i in range(1_000_000))
    return path


def _as_at_a_terminal() -> None:
    """Ctrl-C handled as by default: a shell that runs the tests in the background (as a CI
    runner may) has its jobs ignore SIGINT, and a program started so never sees one."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _started(big_file: Path, tmp_path: Path, db: str) -> tuple[subprocess.Popen[bytes], set[int], Path]:
    """``screen-file`` running with two workers, once they are forked and its output begun."""
    script = Path(sys.executable).parent / "entitylist"
    program = [str(script)] if script.exists() else [sys.executable, "-m", "entitylist"]
    out = tmp_path / "out.csv"
    env = {**os.environ, "ENTITYLIST_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.Popen(
        [*program, "--db", db, "screen-file", str(big_file), "-o", str(out), "--column", "name", "--workers", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, start_new_session=True,  # (its own group)
        preexec_fn=_as_at_a_terminal,
    )
    deadline = time.monotonic() + 120
    workers: set[int] = set()
    while proc.poll() is None and time.monotonic() < deadline:
        workers = _children(proc.pid)
        if len(workers) >= 2 and any(tmp_path.glob(".out.csv.*.partial")):
            break
        time.sleep(0.02)
    assert proc.poll() is None, "screen-file finished before it could be stopped; make the file larger"
    assert len(workers) >= 2 and any(tmp_path.glob(".out.csv.*.partial")), "the workers never started"
    return proc, workers, out


def _gone(pids: set[int], within: float) -> bool:
    deadline = time.monotonic() + within
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not any(_alive(p) for p in pids)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_end_a_batch_as_ctrl_c_does(big_file: Path, tmp_path: Path, stop: signal.Signals) -> None:
    db = str(tmp_path / "store.sqlite")
    proc, workers, out = _started(big_file, tmp_path, db)
    proc.send_signal(stop)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + stop, err
    assert err.decode().strip() == f"terminated ({stop.name})", err.decode()
    assert _gone(workers, 10), "a worker outlived its batch"
    assert not out.exists() and not list(tmp_path.glob(".out.csv.*"))  # no output, no partial file


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_a_stop_sent_to_the_whole_group_ends_the_batch_once(big_file: Path, tmp_path: Path, stop: signal.Signals) -> None:
    """Ctrl-C at a terminal, or a service manager stopping the service, signals the workers too.
    The batch's process alone takes it: no worker's traceback, and no batch reported as ended by a
    worker's death (a worker ended by SIGTERM was)."""
    db = str(tmp_path / "store.sqlite")
    proc, workers, out = _started(big_file, tmp_path, db)
    os.killpg(proc.pid, stop)
    _out, err = proc.communicate(timeout=60)
    text = err.decode()
    assert proc.returncode == 128 + stop, text
    assert "Traceback" not in text and "ForkProcess" not in text and "worker" not in text, text
    assert text.strip() == ("terminated (SIGTERM)" if stop == signal.SIGTERM else "interrupted"), text
    assert _gone(workers, 10), "a worker outlived its batch"
    assert not out.exists() and not list(tmp_path.glob(".out.csv.*"))


def test_workers_end_when_the_batch_is_killed_outright(big_file: Path, tmp_path: Path) -> None:
    """SIGKILL leaves the parent no chance to stop its workers: they notice it is gone and end."""
    db = str(tmp_path / "store.sqlite")
    proc, workers, _out = _started(big_file, tmp_path, db)
    proc.kill()
    proc.wait(timeout=30)
    proc.stderr.close() if proc.stderr else None
    assert _gone(workers, 10), "a worker slept on after its batch was killed"
