"""Scanning documents for mentions of listed parties, against the list on a date."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import IO, TYPE_CHECKING

from entitylist.eccn import Eccn, parse_eccn
from entitylist.scanning.extract import Document, Unreadable, documents_of_file, documents_of_stream, files_in
from entitylist.scanning.mentions import Mention, MentionFinder
from entitylist.screening import check_threshold
from entitylist.services.base import IndexBacked, IndexFor
from entitylist.services.license_models import LicenseCheck
from entitylist.services.models import DocumentScan, Explanation, MentionOut, ScanReport
from entitylist.store import Store

if TYPE_CHECKING:
    from entitylist.services.licensing import LicensingService

Progress = Callable[[int, int | None], None]  # (bytes read, bytes in all; None when unknown)
STDIN = "-"


def mention_out(mention: Mention, license: LicenseCheck | None = None) -> MentionOut:
    match = mention.match
    return MentionOut(
        party_id=match.party_id,
        party_name=match.party_name,
        text=mention.text,
        start=mention.start,
        end=mention.end,
        score=round(match.score, 4),
        explanation=Explanation.model_validate(match.explanation) if match.explanation else None,
        before=mention.before,
        after=mention.after,
        country=match.state.party.country,
        license=license,
    )


def _size(file: str | Path) -> int:
    """Bytes of a file, for the progress bar (0 when it cannot be told)."""
    try:
        return 0 if str(file) == STDIN else Path(file).stat().st_size
    except OSError:
        return 0


def _whole(source: str, text: str) -> Document:
    """A document whose text is given whole."""
    return Document(source, lambda: iter((text,)))


class _Licenses:
    """The license determination of each mentioned party for one item and date: the party's
    answer is worked out once per scan, however often it is mentioned."""

    def __init__(self, licensing: LicensingService, eccn: Eccn, as_of: dt.date) -> None:
        self._licensing = licensing
        self._eccn = eccn
        self._as_of = as_of
        self._graph = licensing.graph(as_of)
        self._by_party: dict[str, LicenseCheck] = {}

    def of(self, mention: Mention) -> LicenseCheck:
        match = mention.match
        check = self._by_party.get(match.party_id)
        if check is None:
            check = self._licensing.for_state(match.party_name, match.state, self._eccn, self._as_of, self._graph, [])
            self._by_party[match.party_id] = check
        return check.model_copy(update={"query": mention.text})


class ScanService(IndexBacked):
    """Finds listed parties in documents; one finder per (date, list version, threshold), kept.

    ``index_for`` gives the screening index of a date (see ``IndexBacked``)."""

    def __init__(self, store: Store | Callable[[], Store], index_for: IndexFor | None = None) -> None:
        super().__init__(store, index_for)

    @cached_property
    def _licensing(self) -> LicensingService:
        from entitylist.services.licensing import LicensingService

        return LicensingService(self._store)

    def _licenses(self, eccn: Eccn | None, as_of: dt.date) -> _Licenses | None:
        return _Licenses(self._licensing, eccn, as_of) if eccn is not None else None

    def _finder(self, as_of: dt.date, threshold: float | None) -> MentionFinder:
        index = self._index(as_of)
        key = (id(index), threshold)
        if self._kept is None or self._kept[0] != key:
            self._kept = (key, MentionFinder(index, threshold))
        return self._kept[1]

    _kept: tuple[tuple[int, float | None], MentionFinder] | None = None

    def scan(
        self,
        paths: Sequence[str | Path],
        *,
        as_of: dt.date | None = None,
        threshold: float | None = None,
        progress: Progress | None = None,
        stdin: IO[bytes] | None = None,
        item: str | None = None,
    ) -> ScanReport:
        """Every document of the files and folders named (``-``: standard input), in order. A file
        that cannot be read is a document with a warning and no mentions; the others go on. With
        an ``item`` (ECCN or EAR99), each mention carries its party's license determination."""
        check_threshold(threshold)
        eccn = parse_eccn(item) if item is not None else None
        date = as_of or dt.date.today()
        files = [STDIN if str(p) == STDIN else f for p in paths for f in ((STDIN,) if str(p) == STDIN else files_in(Path(p)))]
        sizes = [_size(f) for f in files]
        total = None if STDIN in files else sum(sizes)
        finder = self._finder(date, threshold)
        licenses = self._licenses(eccn, date)
        documents: list[DocumentScan] = []
        done = 0
        for file, size in zip(files, sizes, strict=True):
            for document in self._documents(file, stdin):
                documents.append(self._scan_document(finder, document, licenses))
            done += size
            if progress:
                progress(done, total)
        return ScanReport(documents=documents, as_of=date, threshold=finder.threshold, item=eccn.text if eccn else None)

    def scan_text(self, text: str, *, source: str = "text", as_of: dt.date | None = None, threshold: float | None = None,
                  item: str | None = None) -> DocumentScan:
        """The mentions in a text given whole (the library's entry point); ``item`` as in :meth:`scan`."""
        return self.scan_texts([(source, text)], as_of=as_of, threshold=threshold, item=item).documents[0]

    def scan_texts(self, texts: Sequence[tuple[str, str]], *, as_of: dt.date | None = None, threshold: float | None = None,
                   item: str | None = None) -> ScanReport:
        """The mentions in texts given whole, each a (source, text) pair (the API's entry point)."""
        check_threshold(threshold)
        eccn = parse_eccn(item) if item is not None else None
        date = as_of or dt.date.today()
        finder = self._finder(date, threshold)
        licenses = self._licenses(eccn, date)
        documents = [self._scan_document(finder, _whole(source, text), licenses) for source, text in texts]
        return ScanReport(documents=documents, as_of=date, threshold=finder.threshold, item=eccn.text if eccn else None)

    def scan_upload(self, path: Path, *, name: str, as_of: dt.date | None = None, threshold: float | None = None,
                    item: str | None = None) -> ScanReport:
        """One uploaded file saved at ``path``, reported under its own ``name`` (never the server's path)."""
        report = self.scan([path], as_of=as_of, threshold=threshold, item=item)
        prefix = str(path)
        documents = [
            d.model_copy(update={"source": name + d.source[len(prefix):] if d.source.startswith(prefix) else name})
            for d in report.documents
        ]
        return report.model_copy(update={"documents": documents})

    @staticmethod
    def _documents(file: str | Path, stdin: IO[bytes] | None) -> Iterator[Document]:
        if str(file) == STDIN:
            return documents_of_stream(STDIN, stdin or sys.stdin.buffer)
        return documents_of_file(Path(file))

    @staticmethod
    def _scan_document(finder: MentionFinder, document: Document, licenses: _Licenses | None = None) -> DocumentScan:
        try:
            found = finder.find_in_stream(document.pieces())
            mentions = [mention_out(m, licenses.of(m) if licenses else None) for m in found]
        except Unreadable as exc:
            return DocumentScan(source=document.source, mentions=[], warnings=[str(exc)], unreadable=True)
        except OSError as exc:
            message = f"cannot be read: {exc.strerror or exc}"
            return DocumentScan(source=document.source, mentions=[], warnings=[message], unreadable=True)
        return DocumentScan(source=document.source, mentions=mentions, warnings=list(document.warnings))

    def scan_file_with_text(
        self, file: Path, *, as_of: dt.date | None = None, threshold: float | None = None, keep_chars: int,
    ) -> list[ScannedText]:
        """Every document of one file with the first ``keep_chars`` of its extracted text, so that
        a page can show the mentions in place (the whole text is scanned; only the kept part is held)."""
        check_threshold(threshold)
        finder = self._finder(as_of or dt.date.today(), threshold)
        scanned: list[ScannedText] = []
        for document in documents_of_file(file):
            kept: list[str] = []
            held = 0

            def teed(source: Document = document) -> Iterator[str]:
                nonlocal held
                for piece in source.pieces():
                    if held < keep_chars:
                        kept.append(piece[: keep_chars - held])
                        held += len(kept[-1])
                    yield piece

            result = self._scan_document(finder, Document(document.source, teed, document.warnings))
            scanned.append(ScannedText(result, "".join(kept)))
        return scanned


@dataclass(frozen=True)
class ScannedText:
    """A document's scan with the start of its extracted text (the mentions' offsets point into it)."""

    scan: DocumentScan
    text: str
