"""What one ``entitylist screen NAME`` costs, start to finish, today and at a baseline commit.

The store: the bundled Entity List plus the OFAC SDN list from ``../shared/data/watchman``,
imported once. Each variant runs the real command in a fresh process (``python -m entitylist``
with ``PYTHONPATH`` pointing at its sources) six times; the first run is shown on its own (it may
fill a cache) and the median of the other five is the figure. The baseline's sources are taken
with ``git archive`` from the commit given (default: the last commit before reads were made
cheap), so both run in the same session on the same machine and the same store.

    python bench/cold_start.py [--name Hikvision] [--baseline 80fe446] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
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


def _run(sources: Path, cache: Path, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "entitylist", *args], env=_env(sources, cache), check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def _baseline_sources(commit: str, into: Path) -> Path | None:
    """The baseline commit's ``src`` tree, or None when git or the commit is not at hand."""
    try:
        into.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "src"], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return into / "src"


def _measure(label: str, sources: Path, cache: Path, db: Path, name: str, runs: int) -> float:
    first = _run(sources, cache, "--db", str(db), "screen", name)
    times = [_run(sources, cache, "--db", str(db), "screen", name) for _ in range(runs)]
    median = statistics.median(times)
    print(f"  {label:28} first run {first:6.2f} s   median of {runs} after {median:6.2f} s   best {min(times):6.2f} s")
    return median


_PHASES = """
import sys, time
started = time.perf_counter()
import entitylist.cli, entitylist.screening
imported = time.perf_counter()
import datetime as dt
from entitylist import Store
from entitylist.screening import ListIndex
store = Store.open(sys.argv[1])
opened = time.perf_counter()
parties = store.listed(dt.date.today())
listed = time.perf_counter()
index = ListIndex(parties)
indexed = time.perf_counter()
index.screen(sys.argv[2])
screened = time.perf_counter()
print(f"imports {imported - started:.2f} s, open {opened - imported:.3f} s, list (cached fold) {listed - opened:.2f} s, "
      f"index build {indexed - listed:.2f} s, query {screened - indexed:.4f} s")
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
    with tempfile.TemporaryDirectory(prefix="entitylist-cold-") as temporary:
        work = Path(temporary)
        db, cache = _store(current, work / "store.sqlite", work / "cache"), work / "cache"
        print(f"store: bundled list + OFAC SDN imported; `entitylist screen {options.name!r}`, each run a new process")
        baseline_sources = _baseline_sources(options.baseline, work / "baseline")
        baseline = None
        if baseline_sources is None:
            print(f"  baseline {options.baseline}: not measured (no git, or no such commit)")
        else:
            # the baseline gets a store of its own, made by its own code (an older schema)
            baseline_cache = work / "baseline-cache"
            baseline_db = _store(baseline_sources, work / "baseline.sqlite", baseline_cache)
            baseline = _measure(f"baseline ({options.baseline})", baseline_sources, baseline_cache, baseline_db,
                                options.name, options.runs)
        now = _measure("this tree", current, cache, db, options.name, options.runs)
        _phases(current, cache, db, options.name)
        verdict = "meets" if now <= TARGET_SECONDS else "misses"
        ratio = f"; {baseline / now:.1f} times faster than the baseline" if baseline else ""
        print(f"  this tree {verdict} the {TARGET_SECONDS} s target{ratio}")


if __name__ == "__main__":
    main()
