"""``/suggestions``: the tagger's suggested codes awaiting a decision (readers), and analysts'
decisions on them, accept or reject (editors), as ``scrgraph suggestions`` does."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from scrgraph import formatting
from scrgraph.api.deps import EditorDep, FacadeDep, ReaderDep, ServiceDep
from scrgraph.api.formats import negotiate, rows_response
from scrgraph.api.routes._items import FormatParam
from scrgraph.api.work import decide_suggestion

router = APIRouter(prefix="/suggestions", tags=["suggestions"])

QUERY = "suggestions-awaiting-decision"


@router.get("", summary="Suggested codes awaiting a decision")
def list_suggestions(
    sg: FacadeDep,
    _: ReaderDep,
    request: Request,
    fmt: FormatParam = None,
    review: Annotated[str | None, Query(max_length=200,
                                        description="Only a review's (its ID or title).")] = None,
    code_kind: Annotated[Literal["theme", "standard"] | None,
                         Query(description="Only suggested key themes, or only practice "
                                           "standards.")] = None,
    min_score: Annotated[float, Query(ge=0.0, le=1.0,
                                      description="The lowest score to list (0 to 1).")] = 0.0,
    code: Annotated[str | None, Query(max_length=200,
                                      description="Only suggestions of this code: a key theme "
                                                  "(code, label or alias; a local theme too) "
                                                  "or a practice standard (e.g. 2.2).")] = None,
) -> Response:
    """The rows of the query suggestions-awaiting-decision: one per suggestion no analyst has
    accepted or rejected yet, with its score, evidence and model version."""
    chosen = negotiate(request, fmt)
    params = {"review": review, "code_kind": code_kind, "min_score": min_score,
              **sg.suggested_code(code)}
    result = sg.run_query(QUERY, params)
    return rows_response(chosen, QUERY, result.columns, result.rows,
                         {"query": QUERY, "parameters": formatting.plain(params)})


class Decision(BaseModel):
    recommendation: str = Field(min_length=1, max_length=200,
                                description="The recommendation's ID.")
    code: str = Field(min_length=1, max_length=200,
                      description="The suggested key theme (code, label or alias) or practice "
                                  "standard (e.g. 2.4).")
    role: str = Field(min_length=1, max_length=100, pattern=r"\S",
                      description="Who decides: a role, e.g. 'M&E officer' (never a personal "
                                  "name).")


@router.post("/accept", summary="Accept a suggestion: it becomes the analyst's coding")
def accept(service: ServiceDep, who: EditorDep, body: Decision) -> dict[str, Any]:
    """The suggestion becomes a coding (HAS_THEME or MAPS_TO) recording the role and the day;
    404 for a recommendation or code with no suggestion awaiting a decision."""
    return decide_suggestion(service, "accept", body.recommendation, body.code, body.role, who)


@router.post("/reject", summary="Reject a suggestion: it is not suggested again")
def reject(service: ServiceDep, who: EditorDep, body: Decision) -> dict[str, Any]:
    """The suggestion is removed and the rejection (role, day) kept, so a reload does not
    suggest it again; 404 for a recommendation or code with no suggestion awaiting a
    decision."""
    return decide_suggestion(service, "reject", body.recommendation, body.code, body.role, who)
