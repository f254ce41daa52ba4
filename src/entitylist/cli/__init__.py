"""Command-line interface. ``main`` turns every expected failure into one line on stderr."""

from __future__ import annotations

import sys

from entitylist.cli.app import app
from entitylist.errors import EntityListError, InvalidInput
from entitylist.interrupts import Terminated, ending_on_termination
from entitylist.settings import load_settings

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # (128 + SIGINT)


def _debugging() -> bool:
    """``ENTITYLIST_DEBUG`` set to a true value (an unreadable value counts as off)."""
    try:
        return load_settings().debug
    except InvalidInput:
        return False


def main() -> None:
    """Run the CLI; errors the user can act on print as ``error: ...`` with a non-zero exit."""
    try:
        with ending_on_termination():
            app()
    except Terminated as stop:
        print(f"terminated ({stop})", file=sys.stderr)
        sys.exit(128 + stop.signum)
    except InvalidInput as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(EXIT_USAGE)
    except EntityListError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(EXIT_INTERRUPTED)
    except SystemExit as stop:
        if stop.code == EXIT_INTERRUPTED:  # Typer ends on Ctrl-C with this code and says nothing
            print("interrupted", file=sys.stderr)
        raise
    except Exception as error:  # noqa: BLE001 - the last line of defence against tracebacks
        if _debugging():
            raise
        print(f"internal error: {type(error).__name__}: {error} (set ENTITYLIST_DEBUG=1 for details)", file=sys.stderr)
        sys.exit(EXIT_ERROR)


__all__ = ["app", "main"]
