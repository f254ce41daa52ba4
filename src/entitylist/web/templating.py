"""The Jinja2 environment of the web UI: templates from the package, autoescaped, with the few
filters the pages share (a score as a percentage, a Federal Register citation as a link)."""

from __future__ import annotations

import re
from typing import Any

import jinja2
from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

from entitylist import __version__

_FR_CITATION = re.compile(r"^(\d+)\s+FR\s+(\d+)")


def federal_register_url(citation: str | None) -> str | None:
    """The federalregister.gov page of a citation ("84 FR 54004, 10/9/19"), when it is one."""
    found = _FR_CITATION.match(citation or "")
    return f"https://www.federalregister.gov/citation/{found[1]}-FR-{found[2]}" if found else None


def percent(score: float) -> str:
    return f"{score * 100:.0f}%"


def count(number: int, noun: str, plural: str | None = None) -> str:
    """ "1 row", "2 rows"; "1 party", "2 parties" (the plural given when not noun + s)."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("entitylist.web", "templates"),
        autoescape=jinja2.select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["fr_url"] = federal_register_url
    env.filters["percent"] = percent
    env.filters["count"] = count
    env.globals["version"] = __version__
    return env


templates = Jinja2Templates(env=_environment())


def render(
    request: Request, name: str, status_code: int = 200, headers: dict[str, str] | None = None, **context: Any
) -> Response:
    """A page or fragment; ``nav`` marks the current section for the navigation bar."""
    context.setdefault("nav", "")
    return templates.TemplateResponse(request, name, context, status_code=status_code, headers=headers)


def render_error(request: Request, status_code: int, message: str) -> Response:
    """An error as a page (or, for an htmx request, as a fragment): one clear message, never a trace."""
    if request.headers.get("HX-Request"):
        return render(request, "_message.html", status_code=status_code, message=message, kind="error")
    return render(request, "error.html", status_code=status_code, message=message, title="Error")
