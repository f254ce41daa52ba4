"""Screening a whole file, or any stream of rows: CSV, TSV, Excel (.xlsx) or JSON lines.

``screen_file`` is what the ``screen-file`` command runs. The parts: ``readers`` (row streams from
paths, uploaded bytes or iterators), ``executors`` (in-process, a forked pool), ``engine``
(deduplication, order, the report) and ``writers`` (the output, safe to open in a spreadsheet).
"""

from __future__ import annotations

import uuid
from pathlib import Path

from entitylist.batch.evidence import EvidenceColumns
from entitylist.batch.engine import CACHE_SIZE, UNSCREENABLE_KEPT, Annotator, BatchEngine, BatchReport, Cells, Progress
from entitylist.batch.executors import CHUNK_ROWS, Executor, ForkPoolExecutor, InProcessExecutor, KeyScreener, default_executor
from entitylist.batch.formats import FORMATS, BatchError, file_format
from entitylist.batch.readers import IterableSource, RowSource, check_encoding, from_bytes, from_path
from entitylist.batch.writers import MATCH_COLUMNS
from entitylist.errors import EntityListError, InvalidInput
from entitylist.paths import check_input_file, check_output_file
from entitylist.screening import ListIndex


def check_paths(source: Path, target: Path) -> None:
    """Everything about the two paths that can be known before reading: kinds, existence, folder."""
    file_format(source)
    check_output_file(target)  # (before its kind: "-o ../out" names a folder, not a file without a suffix)
    file_format(target)
    check_input_file(source)
    if source.resolve() == target.resolve():
        raise InvalidInput("the output file must not be the input file")


def screen_file(
    index: ListIndex,
    source: Path,
    target: Path,
    *,
    column: str,
    country_column: str | None = None,
    address_column: str | None = None,
    threshold: float | None = None,
    all_matches: bool = False,
    workers: int | None = None,
    executor: Executor | None = None,
    raw: bool = False,
    encoding: str = "utf-8",
    progress: Progress | None = None,
    evidence: EvidenceColumns | None = None,
    annotator: Annotator | None = None,
) -> BatchReport:
    """Screen every row of ``source`` and write ``target`` whole or not at all; ``encoding`` is
    that of CSV or TSV input; ``evidence``: the type, date-of-birth, nationality and identifier
    columns (by default found by their header names); an ``annotator`` adds columns after the
    match columns."""
    check_paths(source, target)
    engine = BatchEngine(
        index, column=column, country_column=country_column, address_column=address_column, threshold=threshold,
        all_matches=all_matches, executor=executor, workers=workers, raw=raw, evidence=evidence, annotator=annotator,
    )
    reader = from_path(source, encoding)
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}.partial")  # one per batch
    try:
        with partial.open("xb") as out:
            report = engine.run(reader, out, file_format(target), progress)
        partial.replace(target)  # the output appears whole or not at all
    except OSError as error:
        raise EntityListError(f"cannot write {target}: {error.strerror}") from None
    finally:
        reader.close()
        partial.unlink(missing_ok=True)
    return report


__all__ = [
    "CACHE_SIZE", "CHUNK_ROWS", "FORMATS", "MATCH_COLUMNS", "UNSCREENABLE_KEPT",
    "Annotator", "BatchEngine", "BatchError", "BatchReport", "Cells", "EvidenceColumns", "Executor", "ForkPoolExecutor",
    "InProcessExecutor", "IterableSource",
    "KeyScreener", "RowSource", "check_encoding", "check_paths", "default_executor", "file_format", "from_bytes", "from_path", "screen_file",
]
