"""Every environment variable entitylist reads at run time, in one place (``ENTITYLIST_*``).

``Settings()`` reads the environment when it is built (cheaply, so callers build it where they
need it); a command-line option (``--db``) overrides a value with ``Settings(db=...)``.
Build-time and test-time variables (``ENTITYLIST_PURE_PYTHON`` for ``pip install``,
``ENTITYLIST_REQUIRE_COMPILED`` and ``ENTITYLIST_TEST_POSTGRES_URL`` for the test suite) are
not run-time settings and are documented in the README instead.
"""

from __future__ import annotations

from pydantic import Field, SecretStr, ValidationError
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
    api_keys: SecretStr | None = Field(
        default=None,
        description="API keys that may write through the REST API (imports, links), comma-separated; "
        "none configured: the API refuses every write. Never logged.",
    )
    read_requires_key: bool = Field(default=False, description="The REST API's reads need an API key too.")
    max_upload_bytes: int = Field(default=50_000_000, gt=0, description="Largest request body of a file upload.")
    max_json_bytes: int = Field(default=1_000_000, gt=0, description="Largest request body of any other request.")
    warm_index: bool = Field(
        default=True,
        description=(
            "`serve` builds today's screening index at start-up and looks its listed words up ahead, not at the first requests."
        ),
    )

    def api_key_list(self) -> list[str]:
        """The configured API keys (empty: none)."""
        raw = self.api_keys.get_secret_value() if self.api_keys else ""
        return [key.strip() for key in raw.split(",") if key.strip()]

    # monitoring (issue 16): where new alerts are delivered
    webhook_urls: str | None = Field(
        default=None, description="Comma-separated http(s) URLs that new alerts are POSTed to as signed JSON."
    )
    webhook_secret: str | None = Field(
        default=None, description="Key of the HMAC-SHA256 signature of each webhook body (X-Entitylist-Signature)."
    )
    webhook_attempts: int = Field(default=4, ge=1, le=20, description="Tries per webhook delivery before it is logged as failed.")
    webhook_backoff: float = Field(
        default=1.0, ge=0, le=3600, description="Seconds before the first retry; each later retry waits twice as long."
    )
    smtp_host: str | None = Field(default=None, description="SMTP server that new alerts are e-mailed through (none: no e-mail).")
    smtp_port: int = Field(default=25, ge=1, le=65535, description="Port of the SMTP server.")
    smtp_from: str = Field(default="entitylist@localhost", description="Sender of alert e-mails.")
    smtp_to: str | None = Field(default=None, description="Comma-separated recipients of alert e-mails.")


def load_settings(db: str | None = None) -> Settings:
    """The settings (``db`` given on the command line wins over ``ENTITYLIST_DB``), with a clear
    error when an ``ENTITYLIST_*`` variable holds a value of the wrong kind."""
    try:
        return Settings(db=db) if db else Settings()
    except ValidationError as error:
        problem = error.errors()[0]
        name = "ENTITYLIST_" + "_".join(str(p) for p in problem["loc"]).upper()
        raise InvalidInput(f"environment variable {name}: {problem['msg']}") from None
