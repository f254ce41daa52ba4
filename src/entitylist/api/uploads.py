"""Uploaded files on disk for as long as a request needs them, and never longer."""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from starlette.datastructures import UploadFile  # FastAPI's UploadFile is one; so is a parsed form's

from entitylist.errors import InvalidInput

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
CHUNK = 1 << 20


def safe_name(filename: str | None, default: str = "upload") -> str:
    """The upload's base name, reduced to harmless characters (no folders, no leading dots)."""
    base = Path((filename or "").replace("\\", "/")).name
    cleaned = _UNSAFE.sub("_", base).lstrip(".")[:120]
    return cleaned or default


@contextlib.contextmanager
def saved_upload(upload: UploadFile, default_name: str = "upload") -> Iterator[tuple[Path, Path]]:
    """The upload copied into a private temporary folder: yields (folder, file); the folder and
    everything in it is removed when the block ends, whether it succeeded or failed."""
    folder = Path(tempfile.mkdtemp(prefix="entitylist-upload-"))
    try:
        path = folder / safe_name(upload.filename, default_name)
        with path.open("wb") as out:
            while chunk := upload.file.read(CHUNK):
                out.write(chunk)
        if path.stat().st_size == 0:
            raise InvalidInput(f"{path.name}: the uploaded file is empty")
        yield folder, path
    finally:
        shutil.rmtree(folder, ignore_errors=True)
