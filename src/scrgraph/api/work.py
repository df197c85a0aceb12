"""What the API and the pages both do with uploads and withdrawals (routes stay thin).

Checks and loads go through the facade exactly as ``scrgraph validate`` and ``scrgraph load``
do; writes run one at a time, and each load and withdrawal is written to the audit log.
"""

from __future__ import annotations

from typing import Any

from fastapi import UploadFile

from scrgraph.api.deps import Service
from scrgraph.api.problems import ServiceProblem
from scrgraph.api.tokens import Principal
from scrgraph.api.uploads import received
from scrgraph.errors import CatalogError, ValidationFailed
from scrgraph.results import CheckReport


def _within_limits(service: Service, report: CheckReport) -> None:
    if report.problems:
        raise ValidationFailed(report.problems)
    if report.items > service.options.max_rows:
        raise ServiceProblem(413, f"The upload holds {report.items} items; the limit is "
                             f"{service.options.max_rows}. Split it into smaller uploads.")


def check_upload(service: Service, files: list[UploadFile]) -> dict[str, Any]:
    """Validate uploaded sources, writing nothing: their items, or 422 with every problem."""
    with received(files, service.options) as paths:
        report = service.scrgraph.check(paths)
        _within_limits(service, report)
        return {"conforms": True, "items": report.items,
                "sources": [{"file": s.path.name, "items": s.items} for s in report.sources],
                "warnings": [str(w) for w in report.warnings]}


def load_upload(service: Service, files: list[UploadFile], who: Principal,
                sync: bool = False, replace: bool = False) -> dict[str, Any]:
    """Validate, then load uploaded sources in one transaction: all of it, or nothing. Items
    that a different source (file name) wrote are changed only with ``replace``; ``items``
    lists every item added, changed, unchanged and removed by ID."""
    with received(files, service.options) as paths:
        _within_limits(service, service.scrgraph.check(paths))
        with service.writes:
            report = service.scrgraph.load(paths, sync=sync, replace=replace)
        summary = report.summary
        items = summary.listing()
        result = {"load": report.load_id, "files": [p.name for p in report.sources],
                  "changed_anything": summary.wrote_anything, "added": summary.added,
                  "changed": summary.changed, "removed": summary.removed,
                  "unchanged": sum(summary.unchanged.values()),
                  "suggestions_refreshed": len(summary.refreshed_ids),
                  "items": items,
                  "warnings": [str(w) for w in report.warnings]}
        service.audit.append("load", who.name, role=who.role.value, token=who.token_id,
                             sync=sync, replace=replace,
                             **{k: v for k, v in result.items()
                                if k not in ("changed_anything", "items")},
                             changed_items=items["changed"])
        return result


def withdraw(service: Service, review: str, reason: str, who: Principal) -> dict[str, Any]:
    """Remove one review and what only it owns, in one transaction, and audit it."""
    with service.writes:
        done = service.scrgraph.withdraw_review(review)
    if done is None:
        raise ServiceProblem(404, f"There is no review '{review}'.")
    record = service.audit.append("withdrawal", who.name, role=who.role.value,
                                  token=who.token_id, review=done.review, reason=reason,
                                  recommendations=done.recommendations, actions=done.actions)
    return record


def decide_suggestion(service: Service, action: str, recommendation: str, code: str,
                      role: str, who: Principal) -> dict[str, Any]:
    """Accept or reject one suggestion through the facade, one write at a time, audited; an
    unknown recommendation or code (or one with no suggestion awaiting a decision) is a 404
    naming the nearest, as the facade words it."""
    sg = service.facade()
    decide = sg.accept_suggestion if action == "accept" else sg.reject_suggestion
    try:
        with service.writes:
            done = decide(recommendation, code, role)
    except CatalogError as exc:
        raise ServiceProblem(404, str(exc)) from exc
    result = {"recommendation": done.recommendation, "code": done.code, "kind": done.kind,
              "decision": done.decision, "by": done.by, "on": done.on.isoformat()}
    service.audit.append(f"suggestion-{action}", who.name, role=who.role.value,
                         token=who.token_id, **result)
    return result
