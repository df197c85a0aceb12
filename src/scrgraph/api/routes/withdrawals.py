"""``/withdrawals``: remove a review from the graph, audited (admins)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from scrgraph.api.deps import AdminDep, ServiceDep
from scrgraph.api.work import withdraw

router = APIRouter(tags=["admin"])


class WithdrawalRequest(BaseModel):
    review: str = Field(min_length=1, max_length=200, description="The review's id.")
    reason: str = Field(min_length=3, max_length=2000,
                        description="Why, e.g. a takedown request or a legal ruling.")


@router.post("/withdrawals", status_code=201, summary="Withdraw a review")
def withdraw_review(service: ServiceDep, who: AdminDep, body: WithdrawalRequest
                    ) -> dict[str, Any]:
    """The review, its recommendations and the actions that respond only to them leave the
    graph in one transaction; the audit log keeps who withdrew what, when and why."""
    return withdraw(service, body.review, body.reason.strip(), who)
