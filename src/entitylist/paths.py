"""Files given on the command line, checked before anything is read or written.

A directory, a FIFO (which would block reading forever) or a device is refused as an input; an
output must go to an existing folder and must not be a directory. Each problem is one clear
``InvalidInput`` message, raised before the work starts, so that nothing is left half done.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from entitylist.errors import InvalidInput


def check_input_file(path: Path) -> None:
    """Refuse anything but an existing, readable regular file (symbolic links followed)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise InvalidInput(f"{path}: no such file") from None
    except OSError as error:
        raise InvalidInput(f"{path}: cannot read ({error.strerror})") from None
    if stat.S_ISDIR(mode):
        raise InvalidInput(f"{path}: is a directory, not a file")
    if not stat.S_ISREG(mode):
        kind = "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
        raise InvalidInput(f"{path}: is {kind}, not a regular file")
    if not os.access(path, os.R_OK):
        raise InvalidInput(f"{path}: cannot read (permission denied)")


def check_output_file(path: Path) -> None:
    """Refuse an output whose folder is missing or not writable, or that is not a regular file."""
    folder = path.parent if str(path.parent) else Path(".")
    if folder.exists() and not folder.is_dir():
        raise InvalidInput(f"{path}: {folder} is a file, not a folder")
    if not folder.is_dir():
        raise InvalidInput(f"{path}: the folder {folder} does not exist")
    if path.is_dir():
        raise InvalidInput(f"{path}: is a directory; give a file name for the output")
    if path.exists() and not path.is_file():
        raise InvalidInput(f"{path}: is not a regular file; give a file name for the output")
    if not os.access(folder, os.W_OK):
        raise InvalidInput(f"{path}: cannot write in {folder} (permission denied)")
