"""Every environment variable entitylist reads at run time, in one place (``ENTITYLIST_*``).

``Settings()`` reads the environment when it is built (cheaply, so callers build it where they
need it); a command-line option (``--db``) overrides a value with ``Settings(db=...)``.
Build-time and test-time variables (``ENTITYLIST_PURE_PYTHON`` for ``pip install``,
``ENTITYLIST_REQUIRE_COMPILED`` and ``ENTITYLIST_TEST_POSTGRES_URL`` for the test suite) are
not run-time settings and are documented in the README instead.
"""

from __future__ import annotations

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from entitylist.errors import InvalidInput

DEFAULT_CSL_URL = "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv"


class Settings(BaseSettings):
    """Run-time configuration; each field is read from ``ENTITYLIST_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix="ENTITYLIST_", extra="ignore", frozen=True, env_ignore_empty=True)

    db: str | None = Field(
        default=None,
        description="SQLAlchemy URL or SQLite file of the store (default: a SQLite file in the user data directory).",
    )
    csl_url: str = Field(default=DEFAULT_CSL_URL, description="Where `entitylist update` downloads the CSL.")
    debug: bool = Field(default=False, description="Show tracebacks for unexpected errors instead of one line.")
    cache_dir: str | None = Field(
        default=None,
        description="Where folded lists are kept (default: the user cache directory); 'off' keeps nothing. "
        "Only its user should be able to write there: the files are trusted as the user's own.",
    )
    max_upload_bytes: int = Field(default=50_000_000, gt=0, description="Largest request body of a file upload.")


def load_settings(db: str | None = None) -> Settings:
    """The settings (``db`` given on the command line wins over ``ENTITYLIST_DB``), with a clear
    error when an ``ENTITYLIST_*`` variable holds a value of the wrong kind."""
    try:
        return Settings(db=db) if db else Settings()
    except ValidationError as error:
        problem = error.errors()[0]
        name = "ENTITYLIST_" + "_".join(str(p) for p in problem["loc"]).upper()
        raise InvalidInput(f"environment variable {name}: {problem['msg']}") from None
