"""The document scan page: paste a text or upload a document, see the mentions of listed parties
highlighted in its text and a table of the parties found. An upload is kept only while it is
scanned, in a folder of its own that is removed afterwards, whatever happens."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from starlette.responses import Response

from entitylist.dates import parse_date
from entitylist.errors import EntityListError, InvalidInput
from entitylist.services.models import DocumentScan, MentionOut
from entitylist.services.scan import ScannedText
from entitylist.services.jobs import megabytes, save_upload
from entitylist.web.pages import error_status, services
from entitylist.web.templating import render

router = APIRouter(include_in_schema=False)

MAX_PASTED_CHARS = 1_000_000  # a pasted text longer than this belongs in a file
SHOWN_CHARS = 200_000  # of a document's extracted text shown with its mentions; the rest is scanned all the same
DOCUMENT_KINDS = {".txt": "plain text", ".html": "HTML", ".htm": "HTML", ".pdf": "PDF", ".docx": "Word (.docx)", ".eml": "e-mail (.eml)"}


@dataclass(frozen=True)
class Segment:
    """A run of the shown text: plain, or a mention."""

    text: str
    mention: MentionOut | None = None


@dataclass(frozen=True)
class ShownDocument:
    """A scanned document as the page shows it."""

    source: str
    scan: DocumentScan
    segments: list[Segment]
    truncated: bool
    parties: list[tuple[str, str, int, float]]  # (party id, name, mentions, best score)


def segments_of(text: str, mentions: list[MentionOut]) -> list[Segment]:
    """The text cut at the mentions that lie within it (they come in order and do not overlap)."""
    segments: list[Segment] = []
    at = 0
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.start < at or mention.end > len(text):
            continue
        if mention.start > at:
            segments.append(Segment(text[at:mention.start]))
        segments.append(Segment(text[mention.start:mention.end], mention))
        at = mention.end
    if at < len(text):
        segments.append(Segment(text[at:]))
    return segments


def parties_of(mentions: list[MentionOut]) -> list[tuple[str, str, int, float]]:
    """Each party found: how often it is mentioned and its best score, most mentioned first."""
    found: dict[str, tuple[str, str, int, float]] = {}
    for m in mentions:
        _, name, count, best = found.get(m.party_id, (m.party_id, m.party_name, 0, 0.0))
        found[m.party_id] = (m.party_id, name, count + 1, max(best, m.score))
    return sorted(found.values(), key=lambda p: (-p[2], p[1]))


def shown(scanned: ScannedText, source: str) -> ShownDocument:
    mentions = scanned.scan.mentions
    return ShownDocument(
        source=source, scan=scanned.scan, segments=segments_of(scanned.text, mentions),
        truncated=any(m.end > len(scanned.text) for m in mentions) or len(scanned.text) >= SHOWN_CHARS,
        parties=parties_of(mentions),
    )


def scan_page(request: Request, status_code: int = 200, **context: Any) -> Response:
    """The scan form, with the results or a message when given."""
    context.setdefault("text", "")
    context.setdefault("as_of", "")
    return render(
        request, "scan.html", status_code=status_code, nav="scan", title="Scan a document", kinds=DOCUMENT_KINDS,
        max_size=megabytes(services(request).settings.max_upload_bytes), max_chars=MAX_PASTED_CHARS, shown_chars=SHOWN_CHARS,
        **context,
    )


@router.get("/scan")
def scan_form(request: Request) -> Response:
    return scan_page(request)


@router.post("/scan")
def scan_document(
    request: Request,
    text: Annotated[str, Form()] = "",
    as_of: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Scan the uploaded document, or else the pasted text, against the list on the date (today by default)."""
    values = {"text": text, "as_of": as_of}
    try:
        date = parse_date(as_of) if as_of.strip() else dt.date.today()
        if file is not None and file.filename:
            documents = _scan_upload(request, file, date)
        elif text.strip():
            if len(text) > MAX_PASTED_CHARS:
                raise InvalidInput(f"the text is {len(text):,} characters long; paste at most {MAX_PASTED_CHARS:,} or upload it as a file")
            scan = services(request).scan.scan_text(text, source="pasted text", as_of=date)
            documents = [shown(ScannedText(scan, text[:SHOWN_CHARS]), "pasted text")]
        else:
            raise InvalidInput("paste a text or choose a document to scan")
    except EntityListError as error:
        return scan_page(request, error_status(error), message=str(error), **values)
    return scan_page(request, 200, documents=documents, date=date, **values)


def _scan_upload(request: Request, file: UploadFile, date: dt.date) -> list[ShownDocument]:
    """Copy the upload into a private folder (refusing it past the size limit), scan it, remove it."""
    name = Path(file.filename or "document").name or "document"
    folder = Path(tempfile.mkdtemp(prefix="entitylist-scan-"))
    try:
        saved = folder / name
        save_upload(file.file, saved, name, services(request).settings.max_upload_bytes)
        scanned = services(request).scan.scan_file_with_text(saved, as_of=date, keep_chars=SHOWN_CHARS)
        return [shown(s, s.scan.source.replace(str(saved), name)) for s in scanned]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
