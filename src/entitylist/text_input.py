"""Text a person or a file gives, checked before anything uses it."""

from __future__ import annotations

from entitylist.errors import InvalidInput


def check_text(text: str, what: str) -> None:
    """Refuse text holding a lone surrogate: no character of any text, it is what Python makes of
    bytes that are not UTF-8 (a command-line argument typed in another encoding) or of a JSON
    escape of half a character, and it fails wherever the text is written or normalised."""
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidInput(
                f"the {what} {text[:40]!r} holds bytes that are not text (typed or saved in another encoding than UTF-8?)"
            ) from None
