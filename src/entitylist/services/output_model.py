"""The base of every model the services return (in its own module, so that the models of each
concern can share it without importing one another)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class Out(BaseModel):
    """A service's answer: frozen, and rendered as plain JSON by :meth:`as_json`."""

    model_config = ConfigDict(frozen=True)

    def as_json(self) -> Any:
        """Plain JSON values (dates as ISO strings), keys in declaration order."""
        return self.model_dump(mode="json")
