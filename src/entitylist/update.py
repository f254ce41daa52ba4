"""Keeping current: fetch trade.gov's Consolidated Screening List and import it when it changed.

The ETag and Last-Modified of the last successful import are kept in the store, so an unchanged
list costs one conditional request and no download.
"""

from __future__ import annotations

from dataclasses import dataclass

from entitylist.fetch import Fetched, fetch
from entitylist.import_guards import RemovalPolicy
from entitylist.importing import ImportOptions, ImportResult, Progress, import_source
from entitylist.settings import load_settings
from entitylist.store import Store



@dataclass
class UpdateResult:
    url: str
    unchanged: bool
    result: ImportResult | None = None


def csl_url(url: str | None = None) -> str:
    return url or load_settings().csl_url


def update(
    store: Store,
    url: str | None = None,
    *,
    progress: Progress | None = None,
    force: bool = False,
    removals: RemovalPolicy | None = None,
) -> UpdateResult:
    """Download the CSL if it changed since the last update, and import it into dataset 'csl'.

    The import's guards apply (``removals``); a refused import keeps no ETag, so the next update
    downloads and checks the list again.
    """
    location = csl_url(url)
    etag_key, modified_key = f"update.etag:{location}", f"update.last_modified:{location}"
    etag = None if force else store.meta_value(etag_key)
    modified = None if force else store.meta_value(modified_key)

    def bookkeeping(got: Fetched) -> dict[str, str]:
        values = {}
        if got.etag:
            values[etag_key] = got.etag
        if got.last_modified:
            values[modified_key] = got.last_modified
        return values

    with fetch(location, etag=etag, last_modified=modified, progress=progress) as got:
        if got.not_modified:
            return UpdateResult(location, unchanged=True)
        options = ImportOptions(removals=removals or RemovalPolicy())
        result = import_source(
            store, "csl", location, dataset="csl", fetched=got, meta=bookkeeping, progress=progress, options=options
        )
    return UpdateResult(location, unchanged=False, result=result)
