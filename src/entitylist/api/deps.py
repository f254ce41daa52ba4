"""Request dependencies: the application's services."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from entitylist.services import Services


async def get_services(request: Request) -> Services:
    """The ``Services`` that the application opened at start-up (async: no thread hop to fetch it)."""
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]
