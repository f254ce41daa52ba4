"""Every environment variable entitylist reads at run time, in one place (``ENTITYLIST_*``).

``Settings()`` reads the environment when it is built (cheaply, so callers build it where they
need it); a command-line option (``--db``) overrides a value with ``Settings(db=...)``.
Build-time and test-time variables (``ENTITYLIST_PURE_PYTHON`` for ``pip install``,
``ENTITYLIST_REQUIRE_COMPILED`` and ``ENTITYLIST_TEST_POSTGRES_URL`` for the test suite) are
not run-time settings and are documented in the README instead.
"""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_CSL_URL = "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv"


class Settings(BaseSettings):
    """Run-time configuration; each field is read from ``ENTITYLIST_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix="ENTITYLIST_", extra="ignore", frozen=True)

    db: str | None = Field(
        default=None,
        description="SQLAlchemy URL or SQLite file of the store (default: a SQLite file in the user data directory).",
    )
    csl_url: str = Field(default=DEFAULT_CSL_URL, description="Where `entitylist update` downloads the CSL.")
    debug: bool = Field(default=False, description="Show tracebacks for unexpected errors instead of one line.")
