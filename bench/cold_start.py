"""What one ``entitylist screen NAME`` costs, start to finish, today and at a baseline commit.

The store: the bundled Entity List plus the OFAC SDN list from ``../shared/data/watchman``,
imported once. Each variant runs the real command in a fresh process (``python -m entitylist``
with ``PYTHONPATH`` pointing at its sources) six times; the first run is shown on its own (it
builds the index and keeps its screening snapshot) and the median of the other five is the
figure, with its CPU time (user + system), which a busy machine inflates less than wall time. The baseline's sources are taken
with ``git archive`` from the commit given (default: the last commit before reads were made
cheap), so both run in the same session on the same machine and the same store.

    python bench/cold_start.py [--name Hikvision] [--baseline 80fe446] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, WATCHMAN  # noqa: E402

DEFAULT_BASELINE = "80fe446"
TARGET_SECONDS = 0.5


def _env(sources: Path, cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(sources)
    env["ENTITYLIST_CACHE_DIR"] = str(cache)
    env.pop("ENTITYLIST_DB", None)
    return env


def _run(sources: Path, cache: Path, *args: str) -> tuple[float, float]:
    """Wall-clock seconds and CPU seconds (user + system) of one run of the command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "entitylist", *args], env=_env(sources, cache), check=True,
                   stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _baseline_sources(commit: str, into: Path) -> Path | None:
    """The baseline commit's ``src`` tree, or None when git or the commit is not at hand."""
    try:
        into.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "src"], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return into / "src"


def _compile_bytecode(sources: Path) -> None:
    """Compile the tree's bytecode, as installing it does: with ``PYTHONDONTWRITEBYTECODE`` set
    (some machines set it) each run would otherwise compile every module of the package anew."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(sources)], check=True, stdout=subprocess.DEVNULL)


def _measure(label: str, sources: Path, cache: Path, db: Path, name: str, runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of the runs after the first."""
    first, _cpu = _run(sources, cache, "--db", str(db), "screen", name)
    times = [_run(sources, cache, "--db", str(db), "screen", name) for _ in range(runs)]
    median = statistics.median(t for t, _c in times)
    cpu = statistics.median(c for _t, c in times)
    print(f"  {label:28} first run {first:6.2f} s   median of {runs} after {median:6.2f} s (CPU {cpu:5.2f} s)   "
          f"best {min(t for t, _c in times):6.2f} s")
    return median, cpu


_PHASES = """
import sys, time
started = time.perf_counter()
import entitylist.cli, entitylist.screening
imported = time.perf_counter()
import datetime as dt
from entitylist import Store
from entitylist.screener import Screener
from entitylist.screening import ListIndex
store = Store.open(sys.argv[1])
opened = time.perf_counter()
screener = Screener(store)
snapshot = screener._load_snapshot(dt.date.today(), store.list_version())
loaded = time.perf_counter()
reached = snapshot.index_for(sys.argv[2]) if snapshot else None
subset = time.perf_counter()
reached.screen(sys.argv[2]) if reached else None
screened = time.perf_counter()
parties = store.listed(dt.date.today())
listed = time.perf_counter()
ListIndex(parties)
indexed = time.perf_counter()
print(f"imports {imported - started:.2f} s, open and version {opened - imported:.3f} s, "
      f"snapshot open {loaded - opened:.3f} s, index of the {len(reached.parties) if reached else 0} parties reached "
      f"{subset - loaded:.3f} s, query {screened - subset:.4f} s; without a snapshot: list (cached fold) "
      f"{listed - screened:.2f} s + whole index build {indexed - listed:.2f} s")
"""


def _phases(sources: Path, cache: Path, db: Path, name: str) -> None:
    """Where one warm run of this tree spends its time (in one process, as the command does)."""
    out = subprocess.run([sys.executable, "-c", _PHASES, str(db), name], env=_env(sources, cache), check=True,
                         capture_output=True, text=True).stdout
    print(f"  this tree, one run by phase: {out.strip()}")


def _store(sources: Path, db: Path, cache: Path) -> Path:
    """A store holding the bundled list and the OFAC SDN import, made by the code at ``sources``."""
    subprocess.run([sys.executable, "-m", "entitylist", "--db", str(db), "import", "sdn", str(WATCHMAN)],
                   env=_env(sources, cache), check=True, stdout=subprocess.DEVNULL)
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--name", default="Hikvision")
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="commit to compare with")
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    if not (WATCHMAN / "sdn.csv").exists():
        print("skipped: ../shared/data/watchman (the OFAC SDN list) is not present")
        return
    current = ROOT / "src"
    _compile_bytecode(current)
    with tempfile.TemporaryDirectory(prefix="entitylist-cold-") as temporary:
        work = Path(temporary)
        db, cache = _store(current, work / "store.sqlite", work / "cache"), work / "cache"
        print(f"store: bundled list + OFAC SDN imported; `entitylist screen {options.name!r}`, each run a new process")
        baseline_sources = _baseline_sources(options.baseline, work / "baseline")
        baseline = None
        if baseline_sources is None:
            print(f"  baseline {options.baseline}: not measured (no git, or no such commit)")
        else:
            _compile_bytecode(baseline_sources)
            # the baseline gets a store of its own, made by its own code (an older schema)
            baseline_cache = work / "baseline-cache"
            baseline_db = _store(baseline_sources, work / "baseline.sqlite", baseline_cache)
            baseline = _measure(f"baseline ({options.baseline})", baseline_sources, baseline_cache, baseline_db,
                                options.name, options.runs)
        now, cpu = _measure("this tree", current, cache, db, options.name, options.runs)
        _phases(current, cache, db, options.name)
        verdict = "meets" if now <= TARGET_SECONDS else "misses"
        ratio = (f"; {baseline[0] / now:.1f} times faster than the baseline ({baseline[1] / cpu:.1f} times less CPU)"
                 if baseline else "")
        print(f"  this tree {verdict} the {TARGET_SECONDS} s target{ratio}")


if __name__ == "__main__":
    main()
