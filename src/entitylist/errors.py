"""Errors that carry a message meant for the user: the CLI prints them on one line, never a traceback."""


class EntityListError(Exception):
    """Base class: something the user can act on went wrong."""


class InvalidInput(EntityListError, ValueError):
    """A value given by the user or a file is malformed (a date, a country, a name)."""


class NotFound(EntityListError, LookupError):
    """No party (or rule) answers to what was asked."""


class Ambiguous(NotFound):
    """Several parties answer to what was asked; the message lists them."""


class StoreError(EntityListError):
    """The database cannot be opened, read or written."""


class Busy(EntityListError):
    """The server has as much of this work as it takes (files queued for screening): try again
    after ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
