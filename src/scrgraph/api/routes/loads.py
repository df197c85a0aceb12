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
         = False,
         replace: Annotated[bool, Form(description="Change items that a different source "
                                       "(another file name) wrote; without it such a load "
                                       "is refused (409) naming them.")] = False
         ) -> dict[str, Any]:
    """The same as ``scrgraph load``: every problem is listed (422) and nothing is written
    until all are fixed; a load that would change items another source wrote is refused
    (409, each item in ``items``) unless ``replace``; otherwise 201 with what was added,
    changed and removed, and every item by ID in ``items``."""
    return load_upload(service, files, who, sync, replace)
