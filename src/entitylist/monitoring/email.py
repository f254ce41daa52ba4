"""E-mail of new alerts over SMTP (the standard library's ``smtplib``)."""

from __future__ import annotations

import smtplib
from collections.abc import Sequence
from email.message import EmailMessage

TIMEOUT = 30.0


def parse_recipients(value: str | None) -> list[str]:
    return [r.strip() for r in (value or "").split(",") if r.strip()]


def send_email(host: str, port: int, sender: str, recipients: Sequence[str], subject: str, text: str) -> str | None:
    """Send one plain-text message; None when the server took it, else why not (one line)."""
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, ", ".join(recipients), subject
    message.set_content(text)
    try:
        with smtplib.SMTP(host, port, timeout=TIMEOUT) as smtp:
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        return f"{type(error).__name__}: {error}"
    return None
