"""The append-only audit log: every load, withdrawal and token change, who, what and when.

One JSON object per line in ``audit.log`` under the settings' home, readable only by its owner
(0600). Lines are only ever appended (``O_APPEND``, one ``write`` per record, so records from
the CLI and the service never interleave); nothing in scrgraph rewrites or truncates the file.
Admins read it with ``GET /audit``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

from scrgraph.api.tokens import private_dir


class AuditLog:
    def __init__(self, home: Path) -> None:
        self.path = home / "audit.log"

    def append(self, action: str, who: str, **details: Any) -> dict[str, Any]:
        """Record one event; return the record as written."""
        record = {"at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
                  "action": action, "who": who, **details}
        line = (json.dumps(record, ensure_ascii=False, default=str) + "\n").encode("utf-8")
        private_dir(self.path.parent)
        handle = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(handle, line)
        finally:
            os.close(handle)
        return record

    def records(self) -> list[dict[str, Any]]:
        """Every record, oldest first."""
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        return [json.loads(line) for line in lines if line.strip()]
