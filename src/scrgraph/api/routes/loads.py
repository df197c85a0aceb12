"""``/loads``: validate and load uploaded sources, all or nothing (editors)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, UploadFile

from scrgraph.api.deps import EditorDep, ServiceDep
from scrgraph.api.work import load_upload

router = APIRouter(tags=["uploads"])


@router.post("/loads", status_code=201, summary="Validate and load sources, all or nothing")
def load(service: ServiceDep, who: EditorDep,
         files: Annotated[list[UploadFile], File(description="An .xlsx workbook, the .csv "
                                                 "files of one, or .ttl / .jsonld RDF.")],
         sync: Annotated[bool, Form(description="Also remove recommendations and actions of "
                                    "the loaded reviews that the sources no longer have.")]
         = False) -> dict[str, Any]:
    """The same as ``scrgraph load``: every problem is listed (422) and nothing is written
    until all are fixed; otherwise 201 with what was added, changed and removed."""
    return load_upload(service, files, who, sync)
