"""``/audit``: the append-only audit log, newest first (admins)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from scrgraph.api.deps import AdminDep, ServiceDep
from scrgraph.api.routes._items import Limit, Skip

router = APIRouter(tags=["admin"])


@router.get("/audit", summary="The audit log: loads, withdrawals and token changes")
def audit(service: ServiceDep, _: AdminDep, skip: Skip = 0, limit: Limit = 100
          ) -> dict[str, Any]:
    """Every load, withdrawal and token change (who, what, when), newest first."""
    records = list(reversed(service.audit.records()))
    return {"skip": skip, "limit": limit, "total": len(records),
            "records": records[skip:skip + limit]}
