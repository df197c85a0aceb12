"""Settings as one typed object, read from the environment (then overridden by CLI flags)."""

from pathlib import Path

import platformdirs
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_home() -> Path:
    return Path(platformdirs.user_data_dir("scrgraph", appauthor=False))


class Settings(BaseSettings):
    """How scrgraph reaches Neo4j and where it keeps its own state.

    With ``NEO4J_URI`` unset, scrgraph runs a local Neo4j under ``SCRGRAPH_HOME``; with it set,
    scrgraph uses that server and never starts one.
    """

    # case_sensitive: the environment is read by the exact names below (SCRGRAPH_HOME ...),
    # never by a field's own name in another case: HOME is the user's home folder, not
    # scrgraph's state directory (it was taken for it, and Neo4j's files landed in ~).
    model_config = SettingsConfigDict(env_prefix="", extra="ignore", frozen=True,
                                      populate_by_name=True, case_sensitive=True)

    neo4j_uri: str | None = Field(default=None, validation_alias="NEO4J_URI")
    neo4j_user: str = Field(default="neo4j", validation_alias="NEO4J_USER")
    neo4j_password: SecretStr | None = Field(default=None, validation_alias="NEO4J_PASSWORD")
    neo4j_database: str | None = Field(default=None, validation_alias="NEO4J_DATABASE")
    home: Path = Field(default_factory=_default_home, validation_alias="SCRGRAPH_HOME")
    local_port: int | None = Field(default=None, validation_alias="SCRGRAPH_NEO4J_PORT")
    local_heap: str = Field(default="1g", validation_alias="SCRGRAPH_NEO4J_HEAP")
    local_java_options: str = Field(default="", validation_alias="SCRGRAPH_NEO4J_JAVA_OPTIONS")
    neo4j_retry_seconds: float = Field(default=15.0, ge=0,
                                       validation_alias="SCRGRAPH_NEO4J_RETRY_SECONDS")
    """How long a transaction that failed transiently (a cluster electing a leader, a server
    not answering) is retried before scrgraph reports the failure. The driver's last wait can
    take the whole up to about twice this."""

    @field_validator("home")
    @classmethod
    def _absolute_home(cls, home: Path) -> Path:
        """A relative SCRGRAPH_HOME ("./state") is taken from the current folder, once: the
        local Neo4j runs elsewhere and would not find its files by a relative path."""
        return home.expanduser().absolute()

    @property
    def uses_local_server(self) -> bool:
        """True when scrgraph runs its own Neo4j (no ``NEO4J_URI`` given)."""
        return not self.neo4j_uri
