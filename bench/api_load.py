"""Load on the real server: ``/api/search`` and ``/api/parties`` under concurrent clients, beside
``/healthz`` as a baseline.

Starts ``entitylist serve`` on 127.0.0.1 (a store with the bundled Entity List, plus the OFAC SDN
list from ``../shared/data/watchman`` when it is there, imported once), then drives each endpoint
open-loop at a fixed rate for a few seconds: requests are sent on schedule whether or not earlier
ones have finished, and a request's latency counts from its scheduled start, so queueing shows.
``/healthz`` in the same run is the floor (the server's and the client's own costs); the search
phases are reported beside it. The client runs on the same cores as the server. The party
phases (one party, its history) run at ``--party-rate``: a server that folds the action log per
request answers a few of them a second, one that keeps the fold per list version hundreds.

    python bench/api_load.py [--rate 500] [--party-rate 100] [--seconds 10] [--concurrency 64] [--no-sdn] [--only parties]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common import WATCHMAN  # noqa: E402

from tests.live_server import live_server  # noqa: E402

TARGET_P99_MS = 20.0
NAMES = ["Hikvision", "Huawei", "Xinjiang", "Dahua Technology", "Institute of Forensic Science", "Rosneft", "Iran Air", "Acme Trading"]
PARTIES = ["Hikvision", "Huawei Technologies", "Dahua Technology", "Iran Air", "Rosneft", "Mahan Air"]
FUZZY = ["Hikvisoin", "Huawey Technologies", "Xinjang Daqo", "Dahau", "Rosneftt", "Banco Nacional de Cuba", "Mahan Air", "Acme Trading"]


def _server_cpu(port: int) -> float:
    """CPU seconds used so far by the server listening on ``port`` and its worker processes (Linux)."""
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    root = None
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        cpu[pid] = (int(fields[11]) + int(fields[12])) / tick
        if b"serve" in command and b"--port" in command and str(port).encode() in command:
            root = pid
    family = {root} if root else set()
    grown = True
    while grown:
        grown = False
        for pid, parent in parents.items():
            if parent in family and pid not in family:
                family.add(pid)
                grown = True
    return sum(cpu[pid] for pid in family)


@dataclass
class Phase:
    name: str
    sent: int
    ok: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float
    server_cpu_ms: float = float("nan")  # server CPU per answered request

    @property
    def throughput(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def _drive(base: str, name: str, paths: list[str], rate: float, seconds: float, concurrency: int) -> Phase:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    latencies: list[float] = []
    errors = 0
    gate = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as client:

        async def one(path: str, scheduled: float) -> None:
            nonlocal errors
            async with gate:
                try:
                    response = await client.get(path)
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
            if ok:
                latencies.append((time.perf_counter() - scheduled) * 1000)
            else:
                errors += 1

        for path in paths[:20]:  # warm: indexes built, connections open
            await client.get(path)
        tasks = []
        start = time.perf_counter()
        count = int(rate * seconds)
        for number, path in zip(range(count), itertools.cycle(paths)):
            scheduled = start + number / rate
            delay = scheduled - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(path, scheduled)))
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - start
    return Phase(name, count, len(latencies), errors, elapsed, statistics.median(latencies) if latencies else float("nan"), _percentile(latencies, 0.99))


def _wait_until_warm(base: str, limit: float = 300) -> None:
    """Every worker builds its index at start-up: wait until a run of searches is quick."""
    deadline = time.monotonic() + limit
    with httpx.Client(base_url=base, timeout=limit) as client:
        while time.monotonic() < deadline:
            started = time.perf_counter()
            for name in NAMES * 3:
                client.get("/api/search", params={"name": name, "fuzzy_name": "true"}, headers={"Connection": "close"})
            if (time.perf_counter() - started) / (len(NAMES) * 3) < 0.05:
                return


def _party_ids(base: str) -> list[str]:
    """The ids of a few well-known listed parties (those the store has)."""
    ids = []
    for name in PARTIES:
        found = httpx.get(f"{base}/api/search", params={"name": name, "size": 1}, timeout=300).json()["results"]
        ids.extend(r["id"] for r in found)
    return ids or ["Hikvision"]


def _prepare_store(folder: Path, with_sdn: bool) -> str:
    db = str(folder / "bench.sqlite")
    env = {**os.environ, "ENTITYLIST_CACHE_DIR": str(folder / "cache")}
    program = [sys.executable, "-m", "entitylist", "--db", db]
    subprocess.run([*program, "db", "init"], check=True, env=env, capture_output=True)
    if with_sdn and (WATCHMAN / "sdn.csv").exists():
        subprocess.run([*program, "import", "sdn", str(WATCHMAN)], check=True, env=env, capture_output=True)
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=500, help="requests per second sent (default 500)")
    parser.add_argument("--only", choices=("search", "parties"), help="run only these phases (with their baseline)")
    parser.add_argument("--party-rate", type=float, default=100, help="requests per second of the party phases (default 100)")
    parser.add_argument("--seconds", type=float, default=10, help="length of each phase (default 10)")
    parser.add_argument("--concurrency", type=int, default=64, help="connections at most (default 64)")
    parser.add_argument("--no-sdn", action="store_true", help="the bundled Entity List only")
    parser.add_argument("--workers", type=int, default=1, help="server processes (entitylist serve --workers; default 1)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="entitylist-bench-") as tmp:
        folder = Path(tmp)
        db = _prepare_store(folder, not args.no_sdn)
        env = {"ENTITYLIST_CACHE_DIR": str(folder / "cache")}
        with live_server(db, env=env, serve_args=("--workers", str(args.workers))) as base:
            parties = httpx.get(f"{base}/api/search", params={"size": 1}, timeout=300).json()["total"]
            _wait_until_warm(base)
            ids = _party_ids(base)
            phases = [
                ("/healthz (baseline)", ["/healthz"], args.rate),
                ("/api/search exact name", [f"/api/search?name={n}" for n in NAMES], args.rate),
                ("/api/search fuzzy_name", [f"/api/search?name={n}&fuzzy_name=true" for n in FUZZY], args.rate),
                ("/healthz (party baseline)", ["/healthz"], args.party_rate),
                ("/api/parties/{id}", [f"/api/parties/{i}" for i in ids], args.party_rate),
                ("/api/parties/{id}/history", [f"/api/parties/{i}/history" for i in ids], args.party_rate),
            ]
            if args.only:
                phases = phases[:3] if args.only == "search" else phases[3:]
            port = int(base.rsplit(":", 1)[1])
            results = []
            for name, paths, rate in phases:
                before = _server_cpu(port)
                phase = asyncio.run(_drive(base, name, paths, rate, args.seconds, args.concurrency))
                phase.server_cpu_ms = (_server_cpu(port) - before) * 1000 / max(phase.ok + 20, 1)
                results.append(phase)
    print(f"\nentitylist serve --workers {args.workers} on 127.0.0.1, {parties} listed parties, {os.cpu_count()} cores shared with the client")
    print(
        f"open loop at {args.rate:g} requests/s (party phases {args.party_rate:g}/s) for {args.seconds:g} s per phase,"
        f" {args.concurrency} connections at most\n"
    )
    print(
        f"  {'phase':26} {'sent':>6} {'ok':>6} {'errors':>6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'p99 vs baseline':>16}"
        f" {'server CPU ms/req':>18}"
    )
    for number, phase in enumerate(results):
        base_p99 = results[3 if number >= 3 and len(results) > 3 else 0].p99_ms  # the baseline at the phase's own rate
        ratio = f"{phase.p99_ms / base_p99:.1f}x" if base_p99 else "-"
        print(
            f"  {phase.name:26} {phase.sent:6} {phase.ok:6} {phase.errors:6} {phase.throughput:8.0f} "
            f"{phase.p50_ms:8.1f} {phase.p99_ms:8.1f} {ratio:>16} {phase.server_cpu_ms:18.2f}"
        )
    print("\n(server CPU per request is the load-independent figure: 1000 / it = requests per second one core can serve)")
    print(f"\ntarget: p99 <= {TARGET_P99_MS:g} ms for /api/search at 500 requests/s")


if __name__ == "__main__":
    main()
