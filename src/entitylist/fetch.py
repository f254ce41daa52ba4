"""Getting a source onto local disk: a path as it is, an http(s) URL downloaded to a temporary file.

Downloads stream to disk (memory stays flat for large lists) and honour ETag / Last-Modified, so
an unchanged list is not downloaded twice. A download that stops short of the Content-Length the
server announced is an error, never a shorter list.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from entitylist import __version__
from entitylist.errors import EntityListError, InvalidInput

USER_AGENT = f"entitylist/{__version__}"
TIMEOUT = httpx.Timeout(30.0, read=120.0)


class FetchFailed(EntityListError):
    """The source could not be read or downloaded."""


class SourceNotFound(FetchFailed, InvalidInput):
    """A local source path that does not exist: bad input (exit code 2), not a failed download."""


@dataclass
class Fetched:
    path: Path
    location: str
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


def is_url(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def file_checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def download(
    url: str,
    target: Path,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    progress: Callable[[int, int | None], None] | None = None,
) -> Fetched:
    """Stream ``url`` into ``target``; a 304 answer leaves ``target`` absent and says not_modified."""
    headers = {"User-Agent": USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        with httpx.stream("GET", url, headers=headers, timeout=TIMEOUT, follow_redirects=True) as response:
            if response.status_code == 304:
                return Fetched(target, url, etag, last_modified, not_modified=True)
            if response.status_code != 200:
                raise FetchFailed(f"{url}: the server answered {response.status_code} {response.reason_phrase}")
            total = _content_length(response)
            done = 0
            with target.open("wb") as out:
                for chunk in response.iter_bytes(1 << 16):
                    out.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, total)
            received = response.num_bytes_downloaded  # as sent, before any Content-Encoding is undone
            if total is not None and received != total:
                raise FetchFailed(f"{url}: the download was cut off ({received} of the {total} bytes announced)")
            return Fetched(target, url, response.headers.get("ETag"), response.headers.get("Last-Modified"))
    except httpx.HTTPError as error:
        raise FetchFailed(f"{url}: download failed ({type(error).__name__}: {error})") from None


def _content_length(response: httpx.Response) -> int | None:
    """The size the server announces, if it announces a sensible one."""
    text = response.headers.get("Content-Length") or ""
    return int(text) if text.isdigit() and len(text) < 19 else None


@contextmanager
def fetch(
    location: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    progress: Callable[[int, int | None], None] | None = None,
    companions: tuple[str, ...] = (),
) -> Iterator[Fetched]:
    """Yield a local copy of ``location``; a temporary download is deleted afterwards.

    ``companions`` names files published beside a URL (OFAC's alt.csv next to sdn.csv); they
    are downloaded into the same folder when the server has them.
    """
    if not is_url(location):
        path = Path(location).expanduser()
        if not path.exists():
            raise SourceNotFound(f"{location}: no such file or directory")
        yield Fetched(path, location)
        return
    with tempfile.TemporaryDirectory(prefix="entitylist-") as folder:
        name = location.rstrip("/").rsplit("/", 1)[-1].split("?")[0] or "download"
        got = download(location, Path(folder) / name, etag=etag, last_modified=last_modified, progress=progress)
        if not got.not_modified:
            base = location.split("?")[0].rsplit("/", 1)[0]
            for companion in companions:
                try:
                    download(f"{base}/{companion}", Path(folder) / companion)
                except FetchFailed as error:
                    if "answered 404" not in str(error):
                        raise
        yield got
