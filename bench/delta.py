"""Delta screening against a full re-screen, in the same run.

    python bench/delta.py [--counterparties N] [--no-sdn]

A store with the bundled Entity List and (unless ``--no-sdn``) the OFAC SDN import of
``../shared/data/watchman`` (about 17,000 names); a portfolio of N generated counterparties
(default 100,000; with spellings of the names the update will add) screened once in full; then an
update adding three Entity List parties. Times, on the index of the new list version (built once,
timed apart): the delta run (``PortfolioService.screen``: what changed, the token-index look-up,
the candidates screened, the alerts written) and a full re-screen of every counterparty, in this
one process and on every core (the batch engine's forked workers, as ``portfolio screen`` runs the
first screening). Checks that the delta run opened exactly the alerts the full re-screen adds, and
that both full re-screens find the same hits.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, WATCHMAN

sys.path.insert(0, str(ROOT))

from entitylist.batch import default_executor  # noqa: E402
from entitylist.monitoring import delta  # noqa: E402
from entitylist.services import Services  # noqa: E402
from entitylist.settings import Settings  # noqa: E402
from entitylist.store.monitoring import MonitoringStore  # noqa: E402
from tests.monitoring_corpus import NEW_PARTIES, counterparties  # noqa: E402
from tests.official_formats import el_row, write_csl_csv  # noqa: E402

BEFORE = ["Karamay Tianshan Lubricant Works", "Novaterra Maritime Services"]


def csl(path: Path, names: list[str]) -> str:
    return str(write_csl_csv(path, [el_row(n, _id=f"id-{n}", addresses="Beijing, CN") for n in names]))


def timed(label: str, action: object) -> tuple[object, float]:
    started = time.perf_counter()
    result = action()  # type: ignore[operator]
    seconds = time.perf_counter() - started
    print(f"  {label:44} {seconds:8.2f} s", flush=True)
    return result, seconds


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds of this process, and of its ended child processes (a forked pool's workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time(), children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--counterparties", type=int, default=100_000)
    parser.add_argument("--no-sdn", action="store_true", help="the bundled list only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, Services(Settings(db=f"{folder}/bench.sqlite", cache_dir="off")) as services:
        base = Path(folder)
        print(f"delta screening, {args.counterparties:,} counterparties")
        if not args.no_sdn and WATCHMAN.exists():
            timed("import OFAC SDN", lambda: services.imports.import_source("sdn", str(WATCHMAN)))
        services.imports.import_source("csl", csl(base / "before.csv", BEFORE))
        names = counterparties(args.counterparties, NEW_PARTIES)
        timed("portfolio add (normalise, token index)", lambda: services.portfolios.save("bench", names))
        timed("first screening (every counterparty, every core)", lambda: services.portfolios.screen("bench", workers=None))
        monitoring = MonitoringStore(services.store)
        portfolio = monitoring.portfolio("bench")
        assert portfolio is not None
        open_before = {(a.counterparty_id, a.party_id) for a in monitoring.open_alerts(portfolio.id)}
        timed("update: import a CSL adding 3 parties", lambda: services.imports.import_source("csl", csl(base / "after.csv", BEFORE + NEW_PARTIES)))
        screener = services.portfolios._screener
        index, build = timed("index of the new list version (shared)", lambda: screener.index_for(dt.date.today()))
        runs, delta_seconds = timed("delta run (portfolio screen)", lambda: services.portfolios.screen("bench"))
        everyone = monitoring.counterparties(portfolio.id)
        before = cpu_seconds()
        hits, full_seconds = timed("full re-screen of every counterparty", lambda: delta.screen(index, everyone))  # type: ignore[arg-type]
        middle = cpu_seconds()
        cores = os.cpu_count() or 1
        parallel, parallel_seconds = timed(f"the same on every core ({cores})", lambda: delta.screen(index, everyone, executor=default_executor()))  # type: ignore[arg-type]
        after = cpu_seconds()
        run = runs[0]  # type: ignore[index]
        keys = {c.id: c.key for c in everyone}
        by_key = {v: k for k, v in keys.items()}
        opened = {(by_key[a.counterparty_id], a.party_id) for a in run.opened}
        added = {(h.counterparty_id, h.party_id) for h in hits} - open_before  # type: ignore[attr-defined]
        print(f"  listed parties in the index: {len(index.parties):,}; changed: {run.changed_parties}; "  # type: ignore[attr-defined]
              f"candidates screened: {run.delta:,}; alerts opened: {len(run.opened)}")
        print(f"  the delta run opened exactly the alerts the full re-screen adds: {opened == added} ({len(added)})")
        print(f"  full re-screen on {cores} cores: {full_seconds / parallel_seconds:.2f}x faster than in one process; "
              f"the same hits: {parallel == hits}; load average {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
        one, parent, workers = middle[0] - before[0], after[0] - middle[0], after[1] - middle[1]
        print(f"  CPU seconds (what the machine's load does not change): in one process {one:.2f}; on every core "
              f"{parent:.2f} in this process and {workers:.2f} in the workers; on {cores} idle cores at best "
              f"{one / (parent + workers / cores):.2f}x faster")
        print(f"  delta vs full re-screen: {full_seconds / delta_seconds:.0f}x faster "
              f"({(full_seconds + build) / (delta_seconds + build):.1f}x counting the index build on both sides)")


if __name__ == "__main__":
    main()
