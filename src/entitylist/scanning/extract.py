"""The text of a document: plain text in any encoding, HTML, PDF text layers, DOCX, e-mail.

A file becomes one or more :class:`Document` objects (an e-mail: its body, then each attachment
of a kind read here). A document's text comes as an iterator of pieces, so a plain-text file of
hundreds of megabytes is decoded as it is read and never held whole. What cannot be read (a
binary file, an encrypted or image-only PDF, a corrupt DOCX, an encoding nobody recognises) is
a document with an ``error``: one clear message, and the other files go on.

The kind is told by the content first (``%PDF``, a ZIP holding ``word/document.xml``, mail
headers, an HTML tag), then by the file name.
"""

from __future__ import annotations

import codecs
import contextlib
import email
import email.policy
import io
import logging
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Final

READ_BYTES: Final = 1 << 20  # plain text is decoded this many bytes at a time
SNIFF_BYTES: Final = 64 * 1024  # bytes looked at to tell the kind and the encoding
_MAIL_HEADER = re.compile(rb"^(?:From|To|Subject|Date|Received|Return-Path|MIME-Version|Message-ID|Delivered-To):", re.I | re.M)
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)?<(?:!doctype\s+html|html|head|body|p|div|table)\b", re.I | re.S)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
BOMS: Final = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
               (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
KINDS: Final = ("text", "html", "pdf", "docx", "eml")


class Unreadable(Exception):
    """A document whose text cannot be had; the message says why, for the user."""


class Document:
    """One document's text, read when :meth:`pieces` is iterated."""

    def __init__(
        self, source: str, pieces: Callable[[], Iterator[str]] | None, warnings: list[str] | None = None,
        error: str | None = None,
    ) -> None:
        self.source = source
        self._pieces = pieces
        self.warnings: list[str] = warnings if warnings is not None else []
        self.error = error

    def pieces(self) -> Iterator[str]:
        """The text, piece by piece; raises :class:`Unreadable`."""
        if self._pieces is None:
            raise Unreadable(self.error or "unreadable")
        return self._pieces()


def unreadable(source: str, message: str) -> Document:
    return Document(source, None, error=message)


# -- files and folders ------------------------------------------------------------------------


def documents_in(path: Path) -> Iterator[Document]:
    """The documents of one file, or of every file under a folder (sorted, recursively; hidden
    files and folders left out)."""
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
                yield from documents_of_file(child)
        return
    yield from documents_of_file(path)


def files_in(path: Path) -> list[Path]:
    """The files a path names: itself, or the files under a folder (as :func:`documents_in`)."""
    if path.is_dir():
        return [c for c in sorted(path.rglob("*")) if c.is_file() and not any(p.startswith(".") for p in c.relative_to(path).parts)]
    return [path]


def documents_of_file(path: Path) -> Iterator[Document]:
    source = str(path)
    if not path.exists():
        yield unreadable(source, "no such file or directory")
        return
    if not path.is_file():
        yield unreadable(source, "not a regular file (a device, FIFO or socket)")
        return
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError as exc:
        yield unreadable(source, f"cannot be read: {exc.strerror or exc}")
        return
    kind = sniff(head, path.name)
    if kind == "text":
        yield _text_document(source, head, lambda: path.open("rb"))
    else:
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield unreadable(source, f"cannot be read: {exc.strerror or exc}")
            return
        yield from documents_of_bytes(source, data, kind)


def documents_of_stream(source: str, stream: IO[bytes]) -> Iterator[Document]:
    """The documents of a byte stream (standard input): plain text is decoded as it comes."""
    head = stream.read(SNIFF_BYTES)
    kind = sniff(head, "")
    if kind == "text":
        yield _text_document(source, head, lambda: contextlib.nullcontext(stream), skip_head=True)
    else:
        yield from documents_of_bytes(source, head + stream.read(), kind)


def documents_of_bytes(source: str, data: bytes, kind: str | None = None) -> Iterator[Document]:
    kind = kind or sniff(data[:SNIFF_BYTES], source)
    if kind == "pdf":
        yield _pdf(source, data)
    elif kind == "docx":
        yield _docx(source, data)
    elif kind == "eml":
        yield from _mail(source, data)
    elif kind == "html":
        yield _html(source, data)
    elif kind == "zip":
        yield unreadable(source, "a ZIP archive that is not a DOCX document")
    else:
        yield _text_document(source, data[:SNIFF_BYTES], lambda: io.BytesIO(data))


def sniff(head: bytes, name: str) -> str:
    """The kind of a document from its first bytes, then its name."""
    suffix = Path(name).suffix.casefold()
    if head.startswith(b"%PDF") or (suffix == ".pdf" and b"%PDF" in head[:1024]):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in head or suffix == ".docx" else "zip"
    if suffix == ".docx":
        return "docx"  # not a ZIP at all: reported as a corrupt DOCX
    if suffix == ".pdf":
        return "pdf"
    if suffix == ".eml" or (_MAIL_HEADER.match(head) and len(_MAIL_HEADER.findall(head[:4096])) >= 2):
        return "eml"
    if suffix in (".html", ".htm", ".xhtml") or _HTML_START.match(head[:2048]):
        return "html"
    return "text"


# -- plain text -------------------------------------------------------------------------------


def detect_encoding(head: bytes) -> str | None:
    """The encoding of a text from its first bytes: a byte-order mark, else UTF-8 when it
    decodes, else charset-normalizer's guess; None for binary data (NUL bytes, no guess)."""
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return encoding
    if b"\x00" in head:
        return None
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 4 and exc.reason.startswith("unexpected end"):
            return "utf-8"  # a character cut by the sample's end
    from charset_normalizer import from_bytes

    best = from_bytes(head).best()
    if best is None or best.encoding is None:
        return None
    return str(best.encoding)


def _text_document(
    source: str, head: bytes, opener: Callable[[], AbstractContextManager[IO[bytes]]], skip_head: bool = False
) -> Document:
    """``opener`` gives the bytes from the start, or (``skip_head``) from just after ``head``."""
    encoding = detect_encoding(head)
    if encoding is None:
        return unreadable(source, "not text: binary data, or an encoding that could not be recognised")
    warnings: list[str] = []

    def pieces() -> Iterator[str]:
        decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        replaced = 0
        with opener() as stream:
            first = True
            while True:
                block = head if (skip_head and first) else stream.read(READ_BYTES)
                first = False
                if not block:
                    break
                text = decoder.decode(block)
                replaced += text.count("\ufffd")
                yield text
            tail = decoder.decode(b"", final=True)
            if tail:
                yield tail
        if replaced:
            warnings.append(f"{replaced} bytes could not be decoded as {encoding} and were replaced")

    if encoding not in ("utf-8", "ascii", "utf-8-sig"):
        warnings.append(f"read as {encoding}")
    return Document(source, pieces, warnings)


# -- HTML -------------------------------------------------------------------------------------


class _TextOfHtml(HTMLParser):
    """The visible text of an HTML page: scripts and styles left out, a line break at each block,
    a tab between table cells (so cells never run together into one name)."""

    BLOCKS: Final = frozenset(
        "p div br li ul ol tr table h1 h2 h3 h4 h5 h6 title section article header footer nav aside blockquote pre "
        "dd dt dl form hr address figcaption caption main".split()
    )
    CELLS: Final = frozenset(("td", "th"))
    HIDDEN: Final = frozenset(("script", "style", "noscript", "template", "head"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in self.HIDDEN:
            self._hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n" if tag in ("p", "div", "table", "tr", "li") else "\n")
        elif tag in self.CELLS:
            self.parts.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            self.parts.append("\n\n")
        if tag in self.HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden or self._in_title:
            self.parts.append(data)

    def take(self) -> str:
        text = "".join(self.parts)
        self.parts = []
        return text


def html_text(markup: str) -> str:
    parser = _TextOfHtml()
    parser.feed(markup)
    parser.close()
    return parser.take()


def _html(source: str, data: bytes) -> Document:
    declared = _META_CHARSET.search(data[:4096])
    encoding = declared.group(1).decode("ascii", "replace") if declared else None
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            encoding = None
    encoding = encoding or detect_encoding(data[:SNIFF_BYTES])
    if encoding is None:
        return unreadable(source, "not text: binary data, or an encoding that could not be recognised")
    text = html_text(data.decode(encoding, errors="replace"))
    return Document(source, lambda: iter((text,)))


# -- PDF --------------------------------------------------------------------------------------


def _pdf(source: str, data: bytes) -> Document:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    # (pypdf logs what it repairs or gives up on to stderr, a second line beside the document's
    # own warning: what it cannot read is said in that warning)
    logging.getLogger("pypdf").setLevel(logging.ERROR)

    warnings: list[str] = []
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = bool(reader.decrypt(""))
            except Exception:  # pypdf raises several kinds (a missing crypto library among them)
                opened = False
            if not opened:
                return unreadable(source, "an encrypted PDF (a password is needed to read its text)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, RecursionError) as exc:
        return unreadable(source, f"a corrupt PDF ({type(exc).__name__}: {str(exc)[:120]})")
    blank = [n for n, text in enumerate(pages, 1) if not text.strip()]
    if not pages or len(blank) == len(pages):
        return unreadable(source, "a PDF without a text layer (scanned images?): nothing to read without OCR")
    if blank:
        shown = ", ".join(str(n) for n in blank[:10]) + (" ..." if len(blank) > 10 else "")
        warnings.append(f"{len(blank)} of {len(pages)} pages have no text layer (pages {shown})")
    text = "\n\n".join(pages)
    return Document(source, lambda: iter((text,)), warnings)


# -- DOCX -------------------------------------------------------------------------------------


def _docx(source: str, data: bytes) -> Document:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                parts.append("\t".join(cell.text for cell in row.cells))
        for section in document.sections:
            parts.extend(p.text for p in section.header.paragraphs)
            parts.extend(p.text for p in section.footer.paragraphs)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        return unreadable(source, f"a corrupt DOCX ({type(exc).__name__}: {str(exc)[:120]})")
    except Exception as exc:  # lxml and python-docx raise their own kinds for broken XML parts
        return unreadable(source, f"a corrupt DOCX ({type(exc).__name__}: {str(exc)[:120]})")
    text = "\n\n".join(parts)
    return Document(source, lambda: iter((text,)))


# -- e-mail -----------------------------------------------------------------------------------

ATTACHMENT_KINDS: Final = frozenset(("text", "html", "pdf", "docx", "eml"))


def _mail(source: str, data: bytes) -> Iterator[Document]:
    """The message (headers that carry names, then its text and HTML bodies), then each
    attachment of a kind read here, as ``message.eml / attachment.pdf``."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage):
        yield unreadable(source, "not an e-mail message")
        return
    parts: list[str] = []
    for header in ("From", "To", "Cc", "Subject"):
        value = message.get(header)
        if value:
            parts.append(f"{header}: {value}")
    attachments: list[tuple[str, bytes]] = []
    warnings: list[str] = []
    for part in message.walk():
        if part.is_multipart():
            continue
        filename = part.get_filename()
        content_type = part.get_content_type()
        if filename or part.get_content_disposition() == "attachment":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                attachments.append((filename or "attachment", payload))
            continue
        if content_type in ("text/plain", "text/html"):
            try:
                content = part.get_content()
            except (LookupError, UnicodeError) as exc:
                warnings.append(f"a {content_type} part could not be decoded ({exc})")
                continue
            parts.append(html_text(content) if content_type == "text/html" else str(content))
    text = "\n\n".join(parts)
    yield Document(source, lambda: iter((text,)), warnings)
    for name, payload in attachments:
        inner = f"{source} / {name}"
        kind = sniff(payload[:SNIFF_BYTES], name)
        if kind not in ATTACHMENT_KINDS or (kind == "text" and detect_encoding(payload[:SNIFF_BYTES]) is None):
            yield unreadable(inner, "an attachment of a kind not read here")
            continue
        yield from documents_of_bytes(inner, payload, kind)


def joined(pieces: Iterable[str]) -> str:
    """A document's whole text (for documents known to be small)."""
    return "".join(pieces)
