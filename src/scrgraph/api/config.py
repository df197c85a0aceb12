"""The service's own settings (the database's are ``scrgraph.settings.Settings``)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class ServiceSettings(BaseSettings):
    """Limits and options of ``scrgraph serve``, read from SCRGRAPH_SERVICE_* variables."""

    model_config = SettingsConfigDict(env_prefix="SCRGRAPH_SERVICE_", extra="ignore",
                                      frozen=True)

    max_upload_bytes: int = Field(default=20 * 1024 * 1024, gt=0)
    """The largest upload accepted (all files of one request together)."""
    max_rows: int = Field(default=20_000, gt=0)
    """The most items (rows) one upload may hold."""
    max_files: int = Field(default=10, gt=0)
    session_minutes: int = Field(default=8 * 60, gt=0)
    """How long a web session lasts after signing in."""
    secure_cookies: bool = False
    """Mark the session cookie Secure: set it when a TLS proxy sits in front of the service."""
    cors_origins: tuple[str, ...] = ()
    """Origins allowed to call the API from a browser; none unless configured."""
