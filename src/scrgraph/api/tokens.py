"""Access tokens for the service: roles reader, editor and admin, stored hashed.

The store is one JSON file, ``tokens.json`` under the settings' home (``SCRGRAPH_HOME``),
readable only by its owner (0600), next to the local Neo4j's password. It lives outside Neo4j
on purpose: exports of the graph can never carry it, clearing the database cannot lock anyone
out, and the service can still tell a reader from a stranger (401/403) while Neo4j is down.

A token is shown once, when it is created; the file keeps only its SHA-256 (a token is 256
random bits, so a plain hash is as strong as a slow one). Revoked tokens stay in the file,
marked, so ``scrgraph token list`` shows who had access.

This module needs neither FastAPI nor the database: the CLI's ``scrgraph token`` uses it too.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from pathlib import Path

from scrgraph.errors import ConfigError

PREFIX = "sgt_"


class Role(StrEnum):
    """What a token allows; each role includes the ones before it."""

    reader = "reader"  # reads: the catalog, items, health
    editor = "editor"  # also validates and loads sources
    admin = "admin"  # also withdraws reviews and reads the audit log

    def allows(self, needed: Role) -> bool:
        order = list(Role)
        return order.index(self) >= order.index(needed)


@dataclass(frozen=True)
class TokenRecord:
    """One token as stored: never the token itself, only its hash."""

    id: str
    name: str
    role: Role
    sha256: str
    created: str
    revoked: str | None = None

    @property
    def active(self) -> bool:
        return self.revoked is None


@dataclass(frozen=True)
class Principal:
    """Who is calling: the token's name, role and id."""

    name: str
    role: Role
    token_id: str


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable only by this user, if missing."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


class TokenStore:
    """The token file under ``home``; safe to use from the CLI while the service runs."""

    def __init__(self, home: Path) -> None:
        self.path = home / "tokens.json"
        self._cache: tuple[tuple[int, int], list[TokenRecord]] | None = None

    # -- reading ----------------------------------------------------------------------------

    def records(self) -> list[TokenRecord]:
        """Every token, revoked ones included (re-read only when the file changed)."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return []
        key = (stat.st_mtime_ns, stat.st_size)
        if self._cache is not None and self._cache[0] == key:
            return list(self._cache[1])
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            records = [TokenRecord(**{**item, "role": Role(item["role"])}) for item in raw]
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise ConfigError(f"The token file {self.path} cannot be read ({exc}).") from None
        self._cache = (key, records)
        return list(records)

    def verify(self, token: str) -> Principal | None:
        """The principal of an active token, or None (unknown, malformed or revoked)."""
        if not token.startswith(PREFIX) or len(token) > 200:
            return None
        digest = _hash(token)
        found = None
        for record in self.records():  # compare with every record: no early exit on a match
            if hmac.compare_digest(record.sha256, digest) and record.active:
                found = record
        return Principal(found.name, found.role, found.id) if found else None

    def is_active(self, token_id: str) -> Principal | None:
        """The principal of the active token with this id (sessions re-check it per request)."""
        for record in self.records():
            if record.id == token_id and record.active:
                return Principal(record.name, record.role, record.id)
        return None

    # -- writing ----------------------------------------------------------------------------

    def create(self, name: str, role: Role) -> tuple[str, TokenRecord]:
        """A new token: returns the token (to show once) and its stored record."""
        name = name.strip()
        if not name or len(name) > 100:
            raise ConfigError("A token needs a name of 1 to 100 characters (who it is for).")
        token = PREFIX + secrets.token_urlsafe(32)
        record = TokenRecord(secrets.token_hex(4), name, role, _hash(token),
                             dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat())
        with self._locked() as records:
            records.append(record)
        return token, record

    def revoke(self, token_id: str) -> TokenRecord:
        """Mark a token revoked; ConfigError if there is no active token with that id."""
        with self._locked() as records:
            for index, record in enumerate(records):
                if record.id == token_id and record.active:
                    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
                    records[index] = replace(record, revoked=now)
                    return records[index]
        raise ConfigError(f"There is no active token with id '{token_id}' "
                          "(see 'scrgraph token list').")

    @contextmanager
    def _locked(self) -> Iterator[list[TokenRecord]]:
        """The records, locked against other writers, written back (0600) on success."""
        private_dir(self.path.parent)
        lock = os.open(self.path.with_suffix(".lock"), os.O_CREAT | os.O_RDWR, 0o600)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)
            self._cache = None
            records = self.records()
            yield records
            data = json.dumps([asdict(r) for r in records], indent=2)
            temporary = self.path.with_suffix(".tmp")
            handle = os.open(temporary, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(data)
            os.replace(temporary, self.path)
            self._cache = None
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
            os.close(lock)
