"""``/validations``: check uploaded sources as a load would, writing nothing (editors)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, UploadFile

from scrgraph.api.deps import EditorDep, ServiceDep
from scrgraph.api.work import check_upload

router = APIRouter(tags=["uploads"])


@router.post("/validations", summary="Validate a workbook, CSV files or RDF (writes nothing)")
def validate(service: ServiceDep, _: EditorDep,
             files: Annotated[list[UploadFile], File(description="An .xlsx workbook, the .csv "
                                                     "files of one, or .ttl / .jsonld RDF.")]
             ) -> dict[str, Any]:
    """The same checks as ``scrgraph validate``: 200 with the items found, or 422 listing every
    problem (file, sheet, row, column, value)."""
    return check_upload(service, files)
