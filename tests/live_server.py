"""The real ``entitylist serve`` in a subprocess on a free 127.0.0.1 port, for end-to-end tests."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def live_server(
    db: str, env: dict[str, str] | None = None, timeout: float = 60, serve_args: tuple[str, ...] = ()
) -> Iterator[str]:
    """Start ``entitylist --db DB serve [SERVE_ARGS]`` and yield its base URL once ``/healthz`` answers."""
    port = free_port()
    full_env = {**os.environ, **(env or {})}
    full_env.pop("ENTITYLIST_DEBUG", None)
    script = Path(sys.executable).parent / "entitylist"
    program = [str(script)] if script.exists() else [sys.executable, "-m", "entitylist"]
    proc = subprocess.Popen(
        [*program, "--db", db, "serve", "--host", "127.0.0.1", "--port", str(port), *serve_args],
        env=full_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"entitylist serve exited with {proc.returncode}: {proc.stderr.read() if proc.stderr else ''}")
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("entitylist serve did not answer /healthz in time")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
